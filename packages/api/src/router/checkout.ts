// Checkout: quote the cart for a drop-off, then place the order with a payment. When the card's
// bank asks the customer to confirm (3-D Secure), placeOrder answers `requires_action` with what
// the browser needs for the challenge, and completeOrder places the order once the provider says
// the payment is authorised.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { answerBankChallenge, completeOrder, placeOrderOrChallenge, quoteCart, scheduleOptions } from "@lastmile/core/checkout";
import type { TCheckoutResult } from "@lastmile/core/checkout";

import { ZLngLat } from "../schemas";
import { customerProcedure } from "../trpc";

export const ZDropoff = z.union([
  z.object({ addressId: z.uuid() }),
  ZLngLat.extend({ address: z.string().trim().min(3, "Enter the street and number").max(300) }),
]);

/** A delivery slot for a scheduled order; absent: as soon as possible. */
const ZScheduledFor = z.date({ error: "Pick a delivery time from the list" }).optional();

export const ZQuoteInput = z.object({
  dropoff: ZDropoff,
  tipCents: z.number().int().min(0, "A tip cannot be negative").max(10_000, "A tip is at most €100"),
  scheduledFor: ZScheduledFor,
});

export const ZScheduleOptionsInput = z.object({ dropoff: ZDropoff });

export const ZPaymentMethod = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("card"),
    number: z.string().regex(/^[\d ]{12,23}$/, "Enter the card number"),
    expMonth: z.number().int().min(1).max(12),
    expYear: z.number().int().min(2000).max(2100),
    cvc: z.string().regex(/^\d{3,4}$/, "The security code is 3 or 4 digits"),
  }),
  z.object({ kind: z.literal("stripe"), paymentMethodId: z.string().min(3).max(200) }),
  // Stripe's Payment Element: the server creates the PaymentIntent, the browser confirms it.
  z.object({ kind: z.literal("payment_element") }),
]);

const ZIdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "The checkout key must be 8–100 letters, digits, '-' or '_'");

export const ZPlaceOrderInput = z.object({
  quoteId: z.uuid(),
  idempotencyKey: ZIdempotencyKey,
  payment: ZPaymentMethod,
  instructions: z.string().trim().max(500).optional(),
  scheduledFor: ZScheduledFor,
});

export const ZCheckoutOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("placed"), orderId: z.uuid(), number: z.number().int(), status: z.string(), totalCents: z.number().int(), scheduledFor: z.date().nullable(), replayed: z.boolean() }),
  z.object({ outcome: z.literal("requires_action"), provider: z.enum(["local", "stripe"]), clientSecret: z.string(), amountCents: z.number().int(), currency: z.string(), expiresAt: z.date() }),
]);

function outcomeOf(result: TCheckoutResult): z.infer<typeof ZCheckoutOutcome> {
  if (result.status === "requires_action") return { outcome: "requires_action", ...result.challenge };
  const { order, replayed } = result;
  return { outcome: "placed", orderId: order.id, number: order.number, status: order.status, totalCents: order.totalCents, scheduledFor: order.scheduledFor, replayed };
}

export const checkoutRouter = {
  /** The time picker: whether the restaurant can cook now, and the delivery slots it offers later. */
  scheduleOptions: customerProcedure.input(ZScheduleOptionsInput).query(({ ctx, input }) => scheduleOptions(ctx.db, ctx.user.id, input)),
  quote: customerProcedure.input(ZQuoteInput).mutation(async ({ ctx, input }) => {
    const { quote, cart, merchantName, timezone, etaMin, scheduledFor } = await quoteCart(ctx.db, ctx.user.id, input);
    // timezone: the merchant's (its area's), the one its hours and slots are worked out in — show the slot and expiry on that clock.
    return { quoteId: quote.id, expiresAt: quote.expiresAt, lines: quote.lines, totalCents: quote.totalCents, currency: quote.currency, merchantName, timezone, etaMin, scheduledFor, itemCount: cart.lines.reduce((s, l) => s + l.quantity, 0) };
  }),
  placeOrder: customerProcedure
    .input(ZPlaceOrderInput)
    .output(ZCheckoutOutcome)
    .mutation(async ({ ctx, input }) => outcomeOf(await placeOrderOrChallenge(ctx.db, { payments: ctx.payments, events: ctx.events }, ctx.user.id, input))),
  /** After the bank's challenge: the server asks the provider, and places the order if it is authorised. */
  completeOrder: customerProcedure
    .input(z.object({ idempotencyKey: ZIdempotencyKey }))
    .output(ZCheckoutOutcome)
    .mutation(async ({ ctx, input }) => outcomeOf(await completeOrder(ctx.db, { payments: ctx.payments, events: ctx.events }, ctx.user.id, input))),
  /** The Local provider's simulated bank page: the customer confirms or refuses the payment. */
  answerBankChallenge: customerProcedure
    .input(z.object({ idempotencyKey: ZIdempotencyKey, approve: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await answerBankChallenge(ctx.db, { payments: ctx.payments, events: ctx.events }, ctx.user.id, input);
      return { answered: true };
    }),
} satisfies TRPCRouterRecord;
