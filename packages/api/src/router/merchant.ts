// Merchant side: the kitchen's orders.
import type { TRPCRouterRecord } from "@trpc/server";

import { merchantOrdersToday, merchantsOfUser, userIdByEmail } from "@lastmile/db/queries/overview";

import { ZTodayBoard } from "../schemas";
import { serverOnlyProcedure } from "../trpc";

/** Until sign-in exists, the merchant portal shows the demo owner's restaurant. */
export const DEMO_MERCHANT_OWNER_EMAIL = "owner@lastmile.dev";

export const merchantRouter = {
  todayBoard: serverOnlyProcedure.output(ZTodayBoard).query(async ({ ctx }) => {
    const ownerId = await userIdByEmail(ctx.db, DEMO_MERCHANT_OWNER_EMAIL);
    const merchant = ownerId ? (await merchantsOfUser(ctx.db, ownerId))[0] : undefined;
    if (!merchant) return { merchant: null, orders: [] };
    return {
      merchant: { id: merchant.id, name: merchant.name, slug: merchant.slug },
      orders: await merchantOrdersToday(ctx.db, merchant.id),
    };
  }),
} satisfies TRPCRouterRecord;
