// The one place the payment provider is chosen, at start-up, from the environment: Stripe when
// STRIPE_SECRET_KEY is set, otherwise the Local provider (test cards, nothing leaves the machine).
import Stripe from "stripe";

import { readPaymentsEnv } from "./env";
import type { TPaymentsEnv } from "./env";
import { createLocalProvider } from "./local-provider";
import type { TPaymentProvider } from "./provider";
import { createStripeProvider } from "./stripe/provider";

/** A Stripe client for these settings (also used to verify webhooks). */
export function createStripeClient(env: Pick<TPaymentsEnv, "STRIPE_SECRET_KEY" | "STRIPE_API_HOST" | "STRIPE_API_PORT" | "STRIPE_API_PROTOCOL">, overrides: Partial<Stripe.StripeConfig> = {}) {
  if (!env.STRIPE_SECRET_KEY) throw new Error("STRIPE_SECRET_KEY is not set: the platform is using the Local payment provider.");
  return new Stripe(env.STRIPE_SECRET_KEY, {
    // Retries reuse the call's idempotency key, so a lost answer is replayed, never re-charged.
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "Lastmile" },
    ...(env.STRIPE_API_HOST ? { host: env.STRIPE_API_HOST } : {}),
    ...(env.STRIPE_API_PORT ? { port: env.STRIPE_API_PORT } : {}),
    ...(env.STRIPE_API_PROTOCOL ? { protocol: env.STRIPE_API_PROTOCOL } : {}),
    ...overrides,
  });
}

export function createPaymentProvider(env: TPaymentsEnv = readPaymentsEnv()): TPaymentProvider {
  if (!env.STRIPE_SECRET_KEY) return createLocalProvider();
  return createStripeProvider(createStripeClient(env), env.STRIPE_SECRET_KEY);
}
