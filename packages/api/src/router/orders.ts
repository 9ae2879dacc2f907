// Orders as each side sees them: the customer's own, the kitchen's, the assigned courier's,
// and staff's. The delivery PIN is shown to the customer alone.
import type { TRPCRouterRecord } from "@trpc/server";
import { and, asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { z } from "zod";

import { areasCoverZone } from "@lastmile/core/areas";
import { notFound } from "@lastmile/core/errors";
import { applyTransition } from "@lastmile/core/orders";
import { areas, merchants, orderEvents, orderItems, orders, serviceZones } from "@lastmile/db/schema";

import { customerProcedure, protectedProcedure } from "../trpc";

const ZOrderId = z.object({ orderId: z.uuid() });
const ZReason = z.string().trim().min(3, "Say why, in a few words").max(300, "Keep the reason under 300 characters");
const STAFF = new Set(["support", "ops_manager", "admin", "super_admin"]);
/**
 * The IANA zone to show an order's times in: its area's (through its service zone), else — for an
 * order without a zone — its merchant's, which is its city's too. Needs `merchants` joined and
 * `serviceZones` and `areas` left-joined.
 */
const orderTimezone = sql<string>`coalesce(${areas.timezone}, ${merchants.timezone})`;

export const ordersRouter = {
  mine: customerProcedure
    .input(z.object({ limit: z.number().int().min(1).max(50).default(20) }))
    .query(({ ctx, input }) =>
      ctx.db
        .select({ id: orders.id, number: orders.number, status: orders.status, totalCents: orders.totalCents, currency: orders.currency, placedAt: orders.placedAt, merchantName: merchants.name, timezone: orderTimezone })
        .from(orders)
        .innerJoin(merchants, eq(merchants.id, orders.merchantId))
        .leftJoin(serviceZones, eq(serviceZones.id, orders.zoneId))
        .leftJoin(areas, eq(areas.id, serviceZones.areaId))
        .where(eq(orders.customerId, ctx.user.id))
        .orderBy(desc(orders.placedAt))
        .limit(input.limit),
    ),

  get: protectedProcedure.input(ZOrderId).query(async ({ ctx, input }) => {
    const [o] = await ctx.db
      .select({ ...getTableColumns(orders), timezone: orderTimezone })
      .from(orders)
      .innerJoin(merchants, eq(merchants.id, orders.merchantId))
      .leftJoin(serviceZones, eq(serviceZones.id, orders.zoneId))
      .leftJoin(areas, eq(areas.id, serviceZones.areaId))
      .where(eq(orders.id, input.orderId));
    const u = ctx.user;
    const isCustomer = o?.customerId === u.id;
    const visible =
      o &&
      (isCustomer ||
        u.merchantIds.includes(o.merchantId) ||
        (u.courierId !== null && o.courierId === u.courierId) ||
        u.roles.some((r) => STAFF.has(r) && r !== "ops_manager") ||
        (u.roles.includes("ops_manager") && (await areasCoverZone(ctx.db, u.areaIds, o.zoneId))));
    if (!o || !visible) throw notFound("That order");
    const items = await ctx.db.select().from(orderItems).where(eq(orderItems.orderId, o.id));
    const events = await ctx.db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id)).orderBy(asc(orderEvents.at));
    const { deliveryPin, idempotencyKey: _key, requestFingerprint: _fp, ...rest } = o;
    // Dispatch's working notes (rankings of other couriers, their answers) are for staff only;
    // everyone else sees that a courier was assigned, without the details.
    const staffView = u.roles.some((r) => STAFF.has(r));
    const kindOf = (e: (typeof events)[number]) => String(e.metadata?.kind ?? "");
    // A courier's problem report (with their note and position) is for ops, not the customer or kitchen.
    const shown = staffView
      ? events
      : events
          .filter((e) => (!kindOf(e).startsWith("dispatch.") || kindOf(e) === "dispatch.assigned") && kindOf(e) !== "courier.problem")
          .map((e) => (kindOf(e).startsWith("dispatch.") ? { ...e, metadata: null } : e));
    return { ...rest, deliveryPin: isCustomer ? deliveryPin : null, items, events: shown.map(({ actorId: _a, ...e }) => e) };
  }),

  cancel: customerProcedure.input(ZOrderId.extend({ reason: ZReason })).mutation(({ ctx, input }) =>
    applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action: "cancel", actor: ctx.actor, reason: input.reason }),
  ),

  dispute: customerProcedure.input(ZOrderId.extend({ reason: ZReason })).mutation(async ({ ctx, input }) => {
    const [o] = await ctx.db.select({ id: orders.id }).from(orders).where(and(eq(orders.id, input.orderId), eq(orders.customerId, ctx.user.id)));
    if (!o) throw notFound("That order");
    return applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action: "dispute", actor: ctx.actor, reason: input.reason });
  }),
} satisfies TRPCRouterRecord;

export { ZReason };
