// The Stripe provider: a PaymentIntent with manual capture is authorised at checkout, captured
// on delivery (for less when items were missing), cancelled when the order is, refunded in part
// or whole; after capture, separate transfers send the merchant's and the courier's shares to
// their connected accounts under the order's transfer group. Every call passes the caller's
// idempotency key (order + step), and the SDK retries network failures with that same key, so
// Stripe replays the first outcome instead of charging twice.
import Stripe from "stripe";

import type { TAuthorizeResult, TPaymentMethod, TPaymentProvider, TPaymentState } from "../provider";
import { PaymentProviderError, transferGroupOf } from "../provider";

/** Stripe holds an online card authorisation for 7 days; we plan to act well before it lapses. */
export const AUTHORIZATION_HOLD_MS = 7 * 86_400_000;

/**
 * The Local provider's test card numbers, as the PaymentMethods Stripe's test mode offers for
 * them — so the simulated city and a developer's muscle memory keep working with test keys.
 */
const TEST_PAYMENT_METHODS: Record<string, string> = {
  "4242424242424242": "pm_card_visa",
  "4000000000000002": "pm_card_chargeDeclined",
  "4000000000009995": "pm_card_visa_chargeDeclinedInsufficientFunds",
  "4000000000000119": "pm_card_chargeDeclinedProcessingError",
  "4000002760003184": "pm_card_authenticationRequired",
};

const CUSTOMER_MESSAGES: Record<string, string> = {
  insufficient_funds: "Your card has insufficient funds.",
  expired_card: "That card has expired.",
  incorrect_cvc: "The security code is not right.",
  lost_card: "Your card was declined. Try another card.",
  stolen_card: "Your card was declined. Try another card.",
};

function paymentMethodOf(method: Exclude<TPaymentMethod, { kind: "payment_element" }>, testMode: boolean): string | { declined: string } {
  if (method.kind === "stripe") return method.paymentMethodId;
  const testPm = TEST_PAYMENT_METHODS[method.number.replace(/\s+/g, "")];
  if (testMode && testPm) return testPm;
  // Raw card numbers never reach our servers in production: the Payment Element tokenises them.
  return { declined: testMode ? "With Stripe test keys, use one of the test cards (4242 4242 4242 4242 …)." : "Enter your card in the payment form." };
}

const isStripeError = (e: unknown): e is Stripe.errors.StripeError => e instanceof Stripe.errors.StripeError;

/** Network trouble and Stripe's own failures are worth retrying; a bad request is our bug. */
function providerError(step: string, error: unknown): PaymentProviderError {
  if (!isStripeError(error)) return new PaymentProviderError(`Stripe ${step} failed: ${String(error)}`, true, { cause: error });
  const retryable = error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError || error instanceof Stripe.errors.StripeRateLimitError || (error.statusCode ?? 0) >= 500;
  return new PaymentProviderError(`Stripe ${step} failed (${error.type}${error.code ? `/${error.code}` : ""}): ${error.message}`, retryable, { cause: error });
}

/** Why a PaymentIntent is back at `requires_payment_method`, in the customer's words. */
function declineReason(error: Stripe.PaymentIntent.LastPaymentError | null | undefined) {
  if (error?.code === "payment_intent_authentication_failure") return "Your bank did not confirm the payment, so nothing was charged. Try again or use another card.";
  return CUSTOMER_MESSAGES[error?.decline_code ?? ""] ?? CUSTOMER_MESSAGES[error?.code ?? ""] ?? "Your card was declined. Try another card.";
}

export type TStripeProviderOptions = { clock?: () => Date };

export function createStripeProvider(stripe: Stripe, secretKey: string, opts: TStripeProviderOptions = {}): TPaymentProvider {
  const clock = opts.clock ?? (() => new Date());
  const testMode = secretKey.startsWith("sk_test_");

  function authorizationOf(intent: Stripe.PaymentIntent): TAuthorizeResult {
    // Stripe holds the card from the moment it authorised it, not from when we asked.
    if (intent.status === "requires_capture") return { status: "authorized", providerRef: intent.id, expiresAt: new Date(Math.min(clock().getTime(), intent.created * 1000 || Infinity) + AUTHORIZATION_HOLD_MS) };
    if ((intent.status === "requires_action" || intent.status === "requires_confirmation") && intent.client_secret) return { status: "requires_action", providerRef: intent.id, clientSecret: intent.client_secret };
    // Waiting for the browser to confirm it with a card (the Payment Element), or declined.
    if (intent.status === "requires_payment_method" && !intent.last_payment_error && intent.client_secret) return { status: "requires_action", providerRef: intent.id, clientSecret: intent.client_secret };
    if (intent.status === "requires_payment_method") return { status: "declined", reason: declineReason(intent.last_payment_error) };
    if (intent.status === "canceled") return { status: "declined", reason: "This payment was cancelled, so nothing was charged. Press Pay to try again." };
    return { status: "retry", reason: `The payment could not be authorised (${intent.status}). Please try again.` };
  }

  async function currentIntent(id: string) {
    try {
      return await stripe.paymentIntents.retrieve(id);
    } catch (error) {
      throw providerError("retrieve", error);
    }
  }

  return {
    name: "stripe",

    async authorize({ orderId, amountCents, currency, method, idempotencyKey }): Promise<TAuthorizeResult> {
      if (method.kind === "payment_element") {
        // The browser confirms it (Stripe.js, `redirect: "if_required"`), the bank's check included.
        try {
          const intent = await stripe.paymentIntents.create(
            { amount: amountCents, currency: currency.toLowerCase(), capture_method: "manual", automatic_payment_methods: { enabled: true, allow_redirects: "never" }, transfer_group: transferGroupOf(orderId), metadata: { orderId } },
            { idempotencyKey },
          );
          return authorizationOf(intent);
        } catch (error) {
          const failure = providerError("authorisation", error);
          if (failure.retryable) return { status: "retry", reason: "We could not reach the payment provider. Please try again." };
          throw failure;
        }
      }
      const pm = paymentMethodOf(method, testMode);
      if (typeof pm !== "string") return { status: "declined", reason: pm.declined };
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: amountCents,
            currency: currency.toLowerCase(),
            capture_method: "manual",
            payment_method: pm,
            confirm: true,
            // Card-only, confirmed here: nothing may send the customer to a redirect page.
            automatic_payment_methods: { enabled: true, allow_redirects: "never" },
            transfer_group: transferGroupOf(orderId),
            metadata: { orderId },
          },
          { idempotencyKey },
        );
        return authorizationOf(intent);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError) {
          if (error.code === "processing_error") return { status: "retry", reason: "The payment could not be processed. Please try again." };
          return { status: "declined", reason: CUSTOMER_MESSAGES[error.decline_code ?? ""] ?? CUSTOMER_MESSAGES[error.code ?? ""] ?? "Your card was declined. Try another card." };
        }
        const failure = providerError("authorisation", error);
        if (failure.retryable) return { status: "retry", reason: "We could not reach the payment provider. Please try again." };
        throw failure;
      }
    },

    async checkAuthorization(providerRef) {
      return authorizationOf(await currentIntent(providerRef));
    },

    async capture({ providerRef, amountCents, idempotencyKey }) {
      try {
        const intent = await stripe.paymentIntents.capture(providerRef, { amount_to_capture: amountCents }, { idempotencyKey });
        return { capturedCents: intent.amount_received };
      } catch (error) {
        // Captured already (by an earlier attempt whose answer was lost): report what was taken.
        const intent = isStripeError(error) && error.code === "payment_intent_unexpected_state" ? await currentIntent(providerRef) : null;
        if (intent?.status === "succeeded") return { capturedCents: intent.amount_received };
        throw providerError("capture", error);
      }
    },

    async void({ providerRef, idempotencyKey }) {
      try {
        await stripe.paymentIntents.cancel(providerRef, { cancellation_reason: "abandoned" }, { idempotencyKey });
      } catch (error) {
        // Already cancelled (by us, or by Stripe when the hold lapsed) is what we wanted.
        const intent = isStripeError(error) && error.code === "payment_intent_unexpected_state" ? await currentIntent(providerRef) : null;
        if (intent?.status === "canceled") return;
        throw providerError("cancellation", error);
      }
    },

    async refund({ providerRef, amountCents, idempotencyKey }) {
      try {
        const refund = await stripe.refunds.create({ payment_intent: providerRef, amount: amountCents }, { idempotencyKey });
        return { refundRef: refund.id };
      } catch (error) {
        throw providerError("refund", error);
      }
    },

    async transfer({ providerRef, destination, amountCents, currency, transferGroup, idempotencyKey, metadata }) {
      const intent = await currentIntent(providerRef);
      if (intent.status !== "succeeded") throw new PaymentProviderError(`Stripe transfer refused: payment ${providerRef} is ${intent.status}, not captured.`, false);
      const charge = typeof intent.latest_charge === "string" ? intent.latest_charge : (intent.latest_charge?.id ?? undefined);
      try {
        // Tied to the charge, so the transfer can go out before the funds settle in our balance.
        const transfer = await stripe.transfers.create(
          { amount: amountCents, currency: currency.toLowerCase(), destination, transfer_group: transferGroup, ...(charge ? { source_transaction: charge } : {}), metadata },
          { idempotencyKey },
        );
        return { transferRef: transfer.id };
      } catch (error) {
        throw providerError("transfer", error);
      }
    },

    async reverseTransfer({ transferRef, amountCents, idempotencyKey, metadata }) {
      try {
        const reversal = await stripe.transfers.createReversal(transferRef, { amount: amountCents, metadata }, { idempotencyKey });
        return { reversalRef: reversal.id };
      } catch (error) {
        throw providerError("transfer reversal", error);
      }
    },

    async state(providerRef): Promise<TPaymentState> {
      const intent = await currentIntent(providerRef);
      let refundedCents = 0;
      try {
        for await (const r of stripe.refunds.list({ payment_intent: providerRef, limit: 100 })) if (r.status !== "failed" && r.status !== "canceled") refundedCents += r.amount;
      } catch (error) {
        throw providerError("refund listing", error);
      }
      const status = intent.status === "requires_capture" ? "authorized" : intent.status === "succeeded" ? "captured" : intent.status === "canceled" ? "voided" : "pending";
      return { status, capturableCents: intent.amount_capturable, capturedCents: intent.amount_received, refundedCents, cancellationReason: intent.cancellation_reason ?? null };
    },
  };
}
