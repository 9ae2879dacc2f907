// A courier's offers: what dispatch is offering them now, and their answer. Spread into the
// courier router (courier.offers, courier.acceptOffer, courier.declineOffer).
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { acceptOffer, declineOffer, listOpenOffers } from "@lastmile/core/dispatch";

import { courierProcedure } from "../trpc";

const ZPlace = z.object({ lng: z.number(), lat: z.number() });

export const ZOpenOffer = z.object({
  offerId: z.uuid(),
  orderId: z.uuid(),
  orderNumber: z.number().int(),
  round: z.number().int(),
  expiresAt: z.date(),
  pickup: ZPlace.extend({ name: z.string() }),
  dropoff: ZPlace,
  /** To the restaurant and on to the drop-off, in metres. */
  distanceM: z.number().int(),
  /** What the courier earns for the delivery before the tip, in minor units. */
  feeCents: z.number().int(),
  currency: z.string(),
});
export type TOpenOfferOutput = z.infer<typeof ZOpenOffer>;

export const ZOfferAnswerInput = z.object({ offerId: z.uuid({ error: "offerId must be the offer's id (a UUID)" }) });
export const ZDeclineOfferInput = ZOfferAnswerInput.extend({
  reason: z.string().trim().max(200, "Keep the reason under 200 characters").optional(),
});

const ZAccepted = z.object({ offerId: z.uuid(), orderId: z.uuid(), orderNumber: z.number().int(), status: z.string() });
const ZDeclined = z.object({
  offerId: z.uuid(),
  orderId: z.uuid(),
  /** What dispatch did next with the order: offered it on, flagged it for ops, or nothing yet. */
  next: z.enum(["offered", "flagged", "skipped", "pending"]),
});

export const courierOffersRouter = {
  /** My open offers, soonest deadline first. */
  offers: courierProcedure
    .output(z.array(ZOpenOffer))
    .query(({ ctx }) => listOpenOffers(ctx.db, ctx.courierId)),

  acceptOffer: courierProcedure
    .input(ZOfferAnswerInput)
    .output(ZAccepted)
    .mutation(async ({ ctx, input }) => {
      const { offer, order } = await acceptOffer(ctx.db, ctx.events, { offerId: input.offerId, courierId: ctx.courierId });
      return { offerId: offer.id, orderId: order.id, orderNumber: order.number, status: order.status };
    }),

  declineOffer: courierProcedure
    .input(ZDeclineOfferInput)
    .output(ZDeclined)
    .mutation(async ({ ctx, input }) => {
      const { offer, next } = await declineOffer(ctx.db, ctx.events, { offerId: input.offerId, courierId: ctx.courierId, reason: input.reason });
      return { offerId: offer.id, orderId: offer.orderId, next: next?.kind ?? "pending" };
    }),
} satisfies TRPCRouterRecord;
