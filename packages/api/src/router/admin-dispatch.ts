// Dispatch for operations: the orders waiting for a courier (flagged ones first), the orders whose
// courier reported a problem, restarting dispatch for one, and offering one by hand to a chosen
// courier (who still accepts it on their phone). admin.assignCourier assigns without asking, for a
// courier who agreed by phone. Spread into the admin router.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { openCourierProblems } from "@lastmile/core/couriers";
import { dispatchBoard, offerOrderToCourier, redispatchOrder } from "@lastmile/core/dispatch";

import { opsProcedure } from "../trpc";
import { areaScopeOf } from "./admin-dashboard";

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

  /** Orders on the road whose courier reported a problem (latest report first), in the caller's scope. */
  courierProblems: opsProcedure("dispatch:read:area")
    .output(
      z.array(
        z.object({
          orderId: z.uuid(),
          orderNumber: z.number().int(),
          status: z.string(),
          zoneId: z.uuid().nullable(),
          merchantName: z.string(),
          courierId: z.uuid().nullable(),
          courierName: z.string().nullable(),
          problem: z.string(),
          reason: z.string(),
          reportedAt: z.date(),
          reports: z.number().int(),
          /** The IANA zone of the order's area, to show the report's time on the city's clock; null without a zone. */
          timezone: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx }) => openCourierProblems(ctx.db, { areaIds: areaScopeOf(ctx.actor) })),

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
