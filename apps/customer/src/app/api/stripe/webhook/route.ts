// Stripe's webhook endpoint (register https://<customer portal>/api/stripe/webhook in Stripe).
import { createStripeWebhookHandler } from "@lastmile/api/stripe-webhook";

// Signature checks need the raw body and Node's crypto, on every request.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = createStripeWebhookHandler();
