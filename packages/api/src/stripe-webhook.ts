// POST /api/stripe/webhook (mounted by the customer portal): Stripe's signed events. The route
// verifies the signature with `constructEvent` — which also rejects a timestamp more than 300 s
// old, so a captured request cannot be replayed later — stores the event id (a duplicate is
// acknowledged and dropped), and hands payment events to the worker through the job queue in the
// same transaction. It answers quickly and never calls Stripe itself: Stripe retries anything
// that is not a 2xx, and the worker reads the payment's current state, so order does not matter.
import { sql } from "drizzle-orm";

import { STRIPE_PAYMENT_EVENTS } from "@lastmile/core/payments";
import { getDb } from "@lastmile/db/client";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { enqueueJob } from "@lastmile/db/queue";
import { createStripeClient, readPaymentsEnv } from "@lastmile/payments";

/** Stripe's default tolerance: a signature older than this is refused. */
export const WEBHOOK_TOLERANCE_S = 300;

type TStripe = ReturnType<typeof createStripeClient>;
type TStripeEvent = ReturnType<TStripe["webhooks"]["constructEvent"]>;

export type TStripeWebhookOptions = { db?: TDb; stripe?: TStripe; secret?: string; now?: () => Date };

const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });

export function createStripeWebhookHandler(opts: TStripeWebhookOptions = {}) {
  // Read from env on the first request, not at import: `next build` loads this module without secrets.
  let configured: { stripe: TStripe; secret: string } | null = opts.stripe && opts.secret ? { stripe: opts.stripe, secret: opts.secret } : null;
  return async function POST(request: Request): Promise<Response> {
    if (!configured) {
      const env = readPaymentsEnv();
      if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return reply(404, { error: { message: "Stripe is not configured on this deployment (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)." } });
      configured = { stripe: opts.stripe ?? createStripeClient(env), secret: opts.secret ?? env.STRIPE_WEBHOOK_SECRET };
    }
    const { stripe, secret } = configured;
    const signature = request.headers.get("stripe-signature");
    if (!signature) return reply(400, { error: { message: "Missing the Stripe-Signature header." } });
    // The exact bytes Stripe signed: parsing and re-serialising would break the signature.
    const body = await request.text();
    let event: TStripeEvent;
    try {
      const receivedAt = opts.now ? Math.floor(opts.now().getTime() / 1000) : undefined;
      event = stripe.webhooks.constructEvent(body, signature, secret, WEBHOOK_TOLERANCE_S, undefined, receivedAt);
    } catch (error) {
      return reply(400, { error: { message: `Webhook signature verification failed: ${(error as Error).message}` } });
    }

    const db = opts.db ?? getDb();
    const relevant = (STRIPE_PAYMENT_EVENTS as readonly string[]).includes(event.type);
    const stored = await db.transaction(async (tx) => {
      const [row] = rowsOf<{ id: string }>(
        await tx.execute(sql`
          insert into processed_webhook_events (provider, event_id, type, payload, processed_at)
          values ('stripe', ${event.id}, ${event.type}, ${JSON.stringify(event)}::jsonb, ${relevant ? null : sql`now()`})
          on conflict (provider, event_id) do nothing
          returning id`),
      );
      if (row && relevant) await enqueueJob(tx, "payments.stripe-event", { payload: { webhookEventId: row.id }, maxAttempts: 10 });
      return row ?? null;
    });
    return reply(200, { received: true, duplicate: stored === null, queued: stored !== null && relevant });
  };
}
