// The Local payment provider used without Stripe keys: nothing leaves the machine, the payments
// table is the record, and test card numbers choose the outcome (the same numbers Stripe's
// test mode uses, so muscle memory carries over).
import type { TAuthorizeResult, TPaymentMethod, TPaymentProvider } from "./provider";

export const TEST_CARDS = {
  succeeds: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  /** A processing error: the customer should simply try again. */
  retry: "4000000000000119",
} as const;

/** Luhn checksum: catches mistyped card numbers before anything else. */
export function luhnValid(number: string) {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function checkCard(method: TPaymentMethod, now: Date): TAuthorizeResult | null {
  if (method.kind !== "card") return { status: "declined", reason: "The Local provider takes card details only." };
  const number = method.number.replace(/\s+/g, "");
  if (!luhnValid(number)) return { status: "declined", reason: "That card number is not valid; check the digits." };
  const expiry = new Date(Date.UTC(method.expYear, method.expMonth, 1)); // first day after the expiry month
  if (method.expMonth < 1 || method.expMonth > 12 || expiry <= now) return { status: "declined", reason: "That card has expired." };
  if (!/^\d{3,4}$/.test(method.cvc)) return { status: "declined", reason: "The security code should be 3 or 4 digits." };
  if (number === TEST_CARDS.declined) return { status: "declined", reason: "Your card was declined. Try another card." };
  if (number === TEST_CARDS.insufficientFunds) return { status: "declined", reason: "Your card has insufficient funds." };
  if (number === TEST_CARDS.retry) return { status: "retry", reason: "The payment could not be processed. Please try again." };
  return null;
}

export function createLocalProvider(clock: () => Date = () => new Date()): TPaymentProvider {
  return {
    name: "local",
    async authorize({ orderId, method }) {
      const now = clock();
      const problem = checkCard(method, now);
      if (problem) return problem;
      // Deterministic reference: authorising the same order again returns the same one.
      return { status: "authorized", providerRef: `local_pi_${orderId}`, expiresAt: new Date(now.getTime() + 7 * 86400_000) };
    },
    async capture({ amountCents }) {
      return { capturedCents: amountCents };
    },
    async void() {},
    async refund({ providerRef, idempotencyKey }) {
      return { refundRef: `local_re_${providerRef.slice(-8)}_${idempotencyKey.slice(-8)}` };
    },
  };
}
