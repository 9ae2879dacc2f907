// The one interface the platform pays through. Amounts are integer minor units; every call
// carries an idempotency key derived from the order and the step, so a retry after a timeout
// never charges twice.
export type TPaymentMethod = { kind: "card"; number: string; expMonth: number; expYear: number; cvc: string } | { kind: "stripe"; paymentMethodId: string };

export type TAuthorizeResult =
  | { status: "authorized"; providerRef: string; expiresAt: Date }
  | { status: "declined"; reason: string }
  | { status: "retry"; reason: string };

export type TPaymentProvider = {
  readonly name: "local" | "stripe";
  authorize(input: { orderId: string; amountCents: number; currency: string; method: TPaymentMethod; idempotencyKey: string }): Promise<TAuthorizeResult>;
  /** Captures up to the authorised amount (less when items were missing). */
  capture(input: { providerRef: string; amountCents: number; idempotencyKey: string }): Promise<{ capturedCents: number }>;
  /** Releases an authorisation that will not be captured. */
  void(input: { providerRef: string; idempotencyKey: string }): Promise<void>;
  refund(input: { providerRef: string; amountCents: number; idempotencyKey: string }): Promise<{ refundRef: string }>;
};
