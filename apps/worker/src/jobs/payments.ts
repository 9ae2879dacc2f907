// Money jobs: reconcile a stored Stripe webhook event, send an order's shares to connected
// accounts after capture, settle authorisations before their hold lapses, and settle payouts.
// The first two are enqueued in the transaction that needs them (the webhook's insert, the
// delivery's capture); the queue retries them with backoff, so a webhook that beat our own write,
// or a transfer that timed out, simply runs again with the same idempotency keys.
import { releaseUnconfirmedCheckouts } from "@lastmile/core/checkout";
import { reconcileStripeEvent, settleExpiringAuthorizations, settlePayouts, transferOrderShares } from "@lastmile/core/payments";

import type { TJobDefinition } from "../runner";

const stringField = (payload: Record<string, unknown>, key: string) => {
  const value = payload[key];
  if (typeof value !== "string") throw new Error(`job payload lacks ${key}`);
  return value;
};

export const stripeEventJob: TJobDefinition = {
  name: "payments.stripe-event",
  async run(ctx, now, job) {
    return reconcileStripeEvent(ctx.db, ctx.payments, stringField(job.payload, "webhookEventId"), now);
  },
};

export const transferSharesJob: TJobDefinition = {
  name: "payments.transfer-shares",
  async run(ctx, _now, job) {
    const sent = await transferOrderShares(ctx.db, ctx.payments, stringField(job.payload, "orderId"));
    return sent.length ? sent.map((s) => `${s.payee} ${s.amountCents} (${s.transferRef})`).join(", ") : null;
  },
};

export const expiringAuthorizationsJob: TJobDefinition = {
  name: "payments.expiring-authorizations",
  everyS: 900,
  async run(ctx, now) {
    const done = await settleExpiringAuthorizations(ctx.db, { payments: ctx.payments, events: ctx.events }, now);
    return done.length ? done.map((d) => `${d.action} ${d.orderId}`).join(", ") : null;
  },
};

/** Checkouts whose bank challenge nobody finished (the page was closed): the holds are voided. */
export const unconfirmedCheckoutsJob: TJobDefinition = {
  name: "payments.unconfirmed-checkouts",
  everyS: 120,
  async run(ctx, now) {
    const released = await releaseUnconfirmedCheckouts(ctx.db, { payments: ctx.payments, events: ctx.events }, now);
    return released.length ? `released ${released.length} unconfirmed payment(s)` : null;
  },
};

export const settlePayoutsJob: TJobDefinition = {
  name: "payments.settle-payouts",
  everyS: 86_400,
  async run(ctx, now) {
    const paid = await settlePayouts(ctx.db, now);
    return paid.length ? `${paid.length} payout(s), ${paid.reduce((s, p) => s + p.amountCents, 0)} minor units` : null;
  },
};
