// Checkout: quote the cart for a drop-off, then place the order with a payment.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { placeOrder, quoteCart, scheduleOptions } from "@lastmile/core/checkout";

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
]);

export const ZPlaceOrderInput = z.object({
  quoteId: z.uuid(),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "The checkout key must be 8–100 letters, digits, '-' or '_'"),
  payment: ZPaymentMethod,
  instructions: z.string().trim().max(500).optional(),
  scheduledFor: ZScheduledFor,
});

export const checkoutRouter = {
  /** The time picker: whether the restaurant can cook now, and the delivery slots it offers later. */
  scheduleOptions: customerProcedure.input(ZScheduleOptionsInput).query(({ ctx, input }) => scheduleOptions(ctx.db, ctx.user.id, input)),
  quote: customerProcedure.input(ZQuoteInput).mutation(async ({ ctx, input }) => {
    const { quote, cart, merchantName, etaMin, scheduledFor } = await quoteCart(ctx.db, ctx.user.id, input);
    return { quoteId: quote.id, expiresAt: quote.expiresAt, lines: quote.lines, totalCents: quote.totalCents, currency: quote.currency, merchantName, etaMin, scheduledFor, itemCount: cart.lines.reduce((s, l) => s + l.quantity, 0) };
  }),
  placeOrder: customerProcedure.input(ZPlaceOrderInput).mutation(async ({ ctx, input }) => {
    const { order, replayed } = await placeOrder(ctx.db, { payments: ctx.payments, events: ctx.events }, ctx.user.id, input);
    return { orderId: order.id, number: order.number, status: order.status, totalCents: order.totalCents, scheduledFor: order.scheduledFor, replayed };
  }),
} satisfies TRPCRouterRecord;
