// Payouts for the console: what the platform owes merchants and couriers without a connected
// account, settled into payouts by the worker; an administrator marks one paid with the bank
// transfer's reference once the money has gone (audited). Spread into the admin router.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { listPayouts, markPayoutPaid } from "@lastmile/core/payments";

import { adminProcedure } from "../trpc";

export const adminPayoutsRouter = {
  payouts: adminProcedure
    .input(z.object({ status: z.enum(["pending", "paid", "failed"]).optional(), limit: z.number().int().min(1).max(200).default(100) }))
    .query(({ ctx, input }) => listPayouts(ctx.db, input)),

  markPayoutPaid: adminProcedure
    .input(z.object({ payoutId: z.uuid(), reference: z.string().trim().min(3, "Enter the bank transfer's reference").max(100) }))
    .mutation(async ({ ctx, input }) => {
      const paid = await markPayoutPaid(ctx.db, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, input);
      return { id: paid.id, status: paid.status, paidAt: paid.paidAt, paidReference: paid.paidReference };
    }),
} satisfies TRPCRouterRecord;
