// Dispatch for operations: the orders waiting for a courier (flagged ones first), restarting
// dispatch for one, and offering one by hand to a chosen courier (who still accepts it on their
// phone). admin.assignCourier assigns without asking, for a courier who agreed by phone.
// Spread into the admin router.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { dispatchBoard, offerOrderToCourier, redispatchOrder } from "@lastmile/core/dispatch";

import { opsProcedure } from "../trpc";

export const ZDispatchBoardRow = z.object({
  orderId: z.uuid(),
  orderNumber: z.number().int(),
  status: z.string(),
  merchantName: z.string(),
  zoneId: z.uuid().nullable(),
  acceptedAt: z.date().nullable(),
  /** Dispatch rounds run so far. */
  round: z.number().int(),
  /** When dispatch ran out of couriers and handed the order to ops. */
  flaggedAt: z.date().nullable(),
  flagReason: z.string().nullable(),
  openOffers: z.number().int(),
  /** The timeline's latest dispatch step, in words. */
  lastStep: z.string().nullable(),
});

export const adminDispatchRouter = {
  dispatchBoard: opsProcedure("dispatch:read:area")
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }))
    .output(z.array(ZDispatchBoardRow))
    .query(({ ctx, input }) => dispatchBoard(ctx.db, { areaIds: ctx.actor.role === "ops_manager" ? ctx.actor.areaIds : null, limit: input.limit })),

  redispatch: opsProcedure("dispatch:assign:area")
    .input(z.object({ orderId: z.uuid({ error: "orderId must be the order's id (a UUID)" }) }))
    .output(z.object({ outcome: z.enum(["offered", "flagged", "skipped"]), detail: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const r = await redispatchOrder(ctx.db, ctx.events, { orderId: input.orderId, actor: ctx.actor });
      const detail = r.kind === "offered" ? `offered to ${r.offers.length} courier(s) within ${r.radiusM} m` : r.kind === "flagged" ? r.reason : r.reason === "not-waiting" ? "the order is not waiting for a courier" : r.reason;
      return { outcome: r.kind, detail };
    }),

  offerCourier: opsProcedure("dispatch:assign:area")
    .input(z.object({ orderId: z.uuid({ error: "orderId must be the order's id (a UUID)" }), courierId: z.uuid({ error: "courierId must be the courier's id (a UUID)" }) }))
    .output(z.object({ offerId: z.uuid(), orderId: z.uuid(), orderNumber: z.number().int(), courierId: z.uuid(), courierName: z.string(), round: z.number().int(), expiresAt: z.date() }))
    .mutation(({ ctx, input }) => offerOrderToCourier(ctx.db, ctx.events, { ...input, actor: ctx.actor })),
} satisfies TRPCRouterRecord;
