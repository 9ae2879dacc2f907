// The one interface the platform pays through. Amounts are integer minor units; every call
// carries an idempotency key derived from the order and the step, so a retry after a timeout
// never charges twice.
export type TPaymentMethod =
  | { kind: "card"; number: string; expMonth: number; expYear: number; cvc: string }
  /** A PaymentMethod made in the browser by Stripe.js (pm_…), confirmed by the server. */
  | { kind: "stripe"; paymentMethodId: string }
  /**
   * Card details typed into Stripe's Payment Element: the server creates the PaymentIntent and
   * answers `requires_action` with its client secret; the browser confirms it with Stripe.
   */
  | { kind: "payment_element" };

export type TAuthorizeResult =
  | { status: "authorized"; providerRef: string; expiresAt: Date }
  /** The customer's bank wants to confirm the payment (3-D Secure): the browser answers its challenge with the client secret. */
  | { status: "requires_action"; providerRef: string; clientSecret: string }
  | { status: "declined"; reason: string }
  | { status: "retry"; reason: string };

/** What the provider says about a payment now (webhook reconciliation reads it, not the event). */
export type TPaymentState = {
  status: "pending" | "authorized" | "captured" | "voided";
  capturableCents: number;
  capturedCents: number;
  refundedCents: number;
  cancellationReason: string | null;
};

export type TPaymentProvider = {
  readonly name: "local" | "stripe";
  authorize(input: { orderId: string; amountCents: number; currency: string; method: TPaymentMethod; idempotencyKey: string }): Promise<TAuthorizeResult>;
  /**
   * Where an authorisation that needed the customer's bank stands now, asked of the provider
   * (never taken from the browser): authorised, still waiting, or declined.
   */
  checkAuthorization(providerRef: string): Promise<TAuthorizeResult>;
  /** Captures up to the authorised amount (less when items were missing). */
  capture(input: { providerRef: string; amountCents: number; idempotencyKey: string }): Promise<{ capturedCents: number }>;
  /** Releases an authorisation that will not be captured. */
  void(input: { providerRef: string; idempotencyKey: string }): Promise<void>;
  refund(input: { providerRef: string; amountCents: number; idempotencyKey: string }): Promise<{ refundRef: string }>;
  /**
   * Sends part of a captured payment to a payee's connected account (Stripe Connect). Providers
   * without one leave it out, and the share waits in the ledger for a payout.
   */
  transfer?(input: { providerRef: string; destination: string; amountCents: number; currency: string; transferGroup: string; idempotencyKey: string; metadata?: Record<string, string> }): Promise<{ transferRef: string }>;
  /** The payment as the provider sees it now. */
  state?(providerRef: string): Promise<TPaymentState>;
  /**
   * Takes back (part of) a transfer from a payee's connected account, after a refund.
   * Only providers with `transfer` have it.
   */
  reverseTransfer?(input: { transferRef: string; amountCents: number; idempotencyKey: string; metadata?: Record<string, string> }): Promise<{ reversalRef: string }>;
  /**
   * The Local provider's stand-in for the bank's challenge page: the customer confirms or refuses
   * the payment. Real providers have no such method; their bank talks to the browser.
   */
  answerBankChallenge?(input: { providerRef: string; approve: boolean }): Promise<void>;
};

/** The provider could not be reached or answered with an error that is not the customer's. */
export class PaymentProviderError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "PaymentProviderError";
  }
}

/** One transfer group per order: Stripe ties the charge and every transfer of an order to it. */
export const transferGroupOf = (orderId: string) => `order_${orderId}`;
