// The restaurant's insight pages: sales, service and reviews for the whole team; the ledger's
// earnings and payouts for the owner only.
import type { TRPCRouterRecord } from "@trpc/server";

import { merchantProcedure } from "../trpc";
import { merchantEarnings, merchantInsight, ZInsightInput } from "./merchant-insight.handler";

export const merchantInsightRouter = {
  overview: merchantProcedure("order:read:merchant")
    .input(ZInsightInput)
    .query(({ ctx, input }) => merchantInsight(ctx.db, ctx.merchantId, input.days)),

  earnings: merchantProcedure("payout:read:merchant")
    .input(ZInsightInput)
    .query(({ ctx, input }) => merchantEarnings(ctx.db, ctx.merchantId, input.days)),
} satisfies TRPCRouterRecord;
