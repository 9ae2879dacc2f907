// Support's queues: customers' refund requests and couriers' problem reports, oldest first, and
// the decisions on them. Support acts everywhere, an ops manager inside their areas only (the
// domain checks the order's zone). Spread into the admin router.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import {
  decideRefundRequest,
  openSupportCases,
  resolveProblemReport,
} from "@lastmile/core/support";

import { opsProcedure } from "../trpc";
import { areaScopeOf } from "./admin-dashboard";
import { ZReason } from "./orders";

export const ZDecideRefundRequest = z.object({
  orderId: z.uuid({ error: "orderId must be the order's id (a UUID)" }),
  decision: z.enum(["approve", "reject"]),
  /** approve: how much to refund, in minor units; everything still refundable when left out. */
  refundCents: z
    .number({ error: "Enter the refund in cents, a whole number" })
    .int("Enter the refund in whole cents")
    .min(1, "A refund is at least 1 cent")
    .optional(),
  reason: ZReason,
});

export const ZResolveProblemReport = z.object({
  eventId: z.uuid({ error: "eventId must be the report's id (a UUID)" }),
  outcome: z.enum(["resolved", "cancel_order"]),
  note: ZReason,
});

export const adminSupportRouter = {
  supportQueue: opsProcedure("order:read:area")
    .input(
      z.object({ limit: z.number().int().min(1).max(200).default(100) }).default({ limit: 100 }),
    )
    .query(({ ctx, input }) =>
      openSupportCases(ctx.db, { areaIds: areaScopeOf(ctx.actor), limit: input.limit }),
    ),

  decideRefundRequest: opsProcedure("order:refund:area")
    .input(ZDecideRefundRequest)
    .mutation(async ({ ctx, input }) => {
      const order = await decideRefundRequest(
        ctx.db,
        { payments: ctx.payments, events: ctx.events },
        { ...input, actor: ctx.actor },
      );
      return { orderId: order.id, status: order.status, version: order.version };
    }),

  resolveProblemReport: opsProcedure("order:cancel:area")
    .input(ZResolveProblemReport)
    .mutation(({ ctx, input }) =>
      resolveProblemReport(
        ctx.db,
        { payments: ctx.payments, events: ctx.events },
        { ...input, actor: ctx.actor },
      ),
    ),
} satisfies TRPCRouterRecord;
