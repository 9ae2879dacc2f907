// Operations: the state of the whole platform.
import type { TRPCRouterRecord } from "@trpc/server";

import { ordersPerDay, platformCounts } from "@lastmile/db/queries/overview";

import { ZPlatformOverview } from "../schemas";
import { serverOnlyProcedure } from "../trpc";

/** The demo city's timezone; per-area figures arrive with the admin console. */
const OPERATIONS_TIMEZONE = "Europe/Lisbon";

export const adminRouter = {
  overview: serverOnlyProcedure.output(ZPlatformOverview).query(async ({ ctx }) => {
    const c = await platformCounts(ctx.db, OPERATIONS_TIMEZONE);
    const ordersByDay = await ordersPerDay(ctx.db, OPERATIONS_TIMEZONE, 14);
    return {
      ordersTotal: c.orders_total ?? 0,
      ordersToday: c.orders_today ?? 0,
      ordersActive: c.orders_active ?? 0,
      gmvTodayCents: c.gmv_today_cents ?? 0,
      merchantsVerified: c.merchants_verified ?? 0,
      merchantsPending: c.merchants_pending ?? 0,
      couriersOnDuty: c.couriers_on_duty ?? 0,
      couriersApproved: c.couriers_approved ?? 0,
      couriersPending: c.couriers_pending ?? 0,
      customers: c.customers ?? 0,
      ordersByDay,
    };
  }),
} satisfies TRPCRouterRecord;
