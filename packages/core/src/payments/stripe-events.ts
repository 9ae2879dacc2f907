// Stripe webhooks, after the endpoint has verified and stored them (processed_webhook_events,
// unique per event id, so a replay is dropped at the door). The worker treats an event as a hint
// that a payment changed and reads the payment's state from Stripe now — so events arriving out
// of order, or twice, lead to the same result — then brings our record forward, never back:
// a hold Stripe cancelled is marked voided, a refund made in the Stripe Dashboard is recorded
// with its ledger lines. An event for a payment we have not written yet (the webhook beat our own
// transaction) fails the job, which the queue retries later; a hold whose checkout never committed
// (Stripe answered, our transaction then failed) is released once that checkout is surely over.
import { and, eq, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { orders, payments, processedWebhookEvents, refunds } from "@lastmile/db/schema";
import type { TPaymentProvider } from "@lastmile/payments";

import { assertOrderBalanced, recordRefund } from "../orders/ledger";

/** The event types that can change a payment; others are stored and marked processed at once. */
export const STRIPE_PAYMENT_EVENTS = [
  "payment_intent.amount_capturable_updated",
  "payment_intent.succeeded",
  "payment_intent.canceled",
  "payment_intent.payment_failed",
  "charge.refunded",
  "charge.captured",
  "refund.created",
  "refund.updated",
] as const;

export class PaymentNotYetRecorded extends Error {}

/** After this long, a held PaymentIntent with no order of ours is an orphan of a failed checkout. */
export const ORPHAN_AFTER_MS = 10 * 60_000;

/** The PaymentIntent an event is about. */
export function paymentIntentOf(event: { type: string; data?: { object?: Record<string, unknown> } }) {
  const object = event.data?.object ?? {};
  if (event.type.startsWith("payment_intent.")) return typeof object.id === "string" ? object.id : null;
  const pi = object.payment_intent;
  return typeof pi === "string" ? pi : null;
}

export async function reconcileStripeEvent(db: TDb, provider: TPaymentProvider, webhookEventId: string, now: Date = new Date()) {
  const [stored] = await db.select().from(processedWebhookEvents).where(eq(processedWebhookEvents.id, webhookEventId));
  if (!stored) throw new Error(`webhook event ${webhookEventId} is not stored`);
  if (stored.processedAt) return "already processed";
  const payload = (stored.payload ?? {}) as { data?: { object?: Record<string, unknown> } };
  const intentId = paymentIntentOf({ type: stored.type, data: payload.data });
  const markProcessed = (note: string) => db.update(processedWebhookEvents).set({ processedAt: sql`now()` }).where(eq(processedWebhookEvents.id, webhookEventId)).then(() => note);
  const readState = provider.state;
  if (!intentId || !readState) return markProcessed(`${stored.type}: nothing to reconcile`);

  const [known] = await db.select({ id: payments.id }).from(payments).where(and(eq(payments.provider, "stripe"), eq(payments.providerRef, intentId)));
  if (!known) {
    const object = payload.data?.object ?? {};
    const orderId = (object.metadata as Record<string, unknown> | undefined)?.orderId;
    const createdMs = Number(object.created ?? 0) * 1000;
    // The order and its payment commit together: no order after this long means none is coming.
    const [order] = typeof orderId === "string" && /^[0-9a-f-]{36}$/i.test(orderId) ? await db.select({ id: orders.id }).from(orders).where(eq(orders.id, orderId)) : [];
    if (!order && typeof orderId === "string" && createdMs > 0 && now.getTime() - createdMs > ORPHAN_AFTER_MS) {
      const state = await readState(intentId);
      if (state.status === "authorized") await provider.void({ providerRef: intentId, idempotencyKey: `${orderId}:void-orphan` });
      return markProcessed(`${stored.type} ${intentId}: no order ${orderId} was placed; hold ${state.status === "authorized" ? "released" : "already gone"}`);
    }
    throw new PaymentNotYetRecorded(`${stored.type} for ${intentId} arrived before our payment record; retrying later`);
  }
  const note = await db.transaction(async (tx) => {
    // Locked before asking Stripe: our own capture/refund holds this lock across its Stripe call
    // and its write, so what Stripe says and what the row says are of the same moment.
    const [payment] = await tx.select().from(payments).where(eq(payments.id, known.id)).for("update");
    if (!payment) return "payment gone";
    const state = await readState(intentId);
    const changes: string[] = [];
    if (state.status === "voided" && payment.status === "authorized") {
      await tx.update(payments).set({ status: "voided", failureReason: `cancelled at Stripe (${state.cancellationReason ?? "no reason given"})` }).where(eq(payments.id, payment.id));
      changes.push("voided");
    }
    if (state.status === "captured" && payment.status === "authorized") {
      // Captured outside our flow (the Stripe Dashboard): record the amount; the ledger follows delivery.
      await tx.update(payments).set({ status: "captured", amountCapturedCents: state.capturedCents }).where(eq(payments.id, payment.id));
      changes.push(`captured ${state.capturedCents}`);
    }
    const extra = state.refundedCents - payment.amountRefundedCents;
    if (extra > 0 && payment.amountCapturedCents > 0) {
      const [order] = await tx.select().from(orders).where(eq(orders.id, payment.orderId));
      if (!order) return "order gone";
      const total = Math.min(payment.amountRefundedCents + extra, payment.amountCapturedCents);
      await tx.insert(refunds).values({ paymentId: payment.id, orderId: order.id, amountCents: total - payment.amountRefundedCents, reason: "Refunded in Stripe", status: "succeeded" });
      await tx.update(payments).set({ amountRefundedCents: total, status: total === payment.amountCapturedCents ? "refunded" : "partially_refunded" }).where(eq(payments.id, payment.id));
      await recordRefund(tx, order, total - payment.amountRefundedCents, "Refund made in Stripe");
      await assertOrderBalanced(tx, order.id);
      changes.push(`refund of ${total - payment.amountRefundedCents} recorded`);
    }
    await tx.update(processedWebhookEvents).set({ processedAt: sql`now()` }).where(eq(processedWebhookEvents.id, webhookEventId));
    return changes.length ? `${stored.type} ${intentId}: ${changes.join(", ")}` : `${stored.type} ${intentId}: already up to date`;
  });
  return note;
}
