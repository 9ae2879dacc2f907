// The Local payment provider used without Stripe keys: nothing leaves the machine, the payments
// table is the record, and test card numbers choose the outcome (the same numbers Stripe's
// test mode uses, so muscle memory carries over). One card plays a bank that asks the customer
// to confirm (3-D Secure); its challenges live in this process, as a bank's would live at the
// bank: a server restart forgets them, and the checkout simply asks the customer to pay again.
import type { TAuthorizeResult, TPaymentMethod, TPaymentProvider } from "./provider";

export const TEST_CARDS = {
  succeeds: "4242424242424242",
  declined: "4000000000000002",
  insufficientFunds: "4000000000009995",
  /** A processing error: the customer should simply try again. */
  retry: "4000000000000119",
  /** The bank asks the customer to confirm every payment (Stripe's "authenticate always" card). */
  authenticationRequired: "4000002760003184",
} as const;

const HOLD_MS = 7 * 86400_000;
/** A challenge nobody answers is over after this long, as at a real bank. */
export const LOCAL_CHALLENGE_TTL_MS = 15 * 60_000;

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
  if (method.kind !== "card") return { status: "declined", reason: "Card payments here take the card's details: the Stripe payment form is not in use." };
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

type TChallenge = { answer: "waiting" | "approved" | "refused" | "voided"; at: Date };

export function createLocalProvider(clock: () => Date = () => new Date()): TPaymentProvider {
  const challenges = new Map<string, TChallenge>();

  function outcome(providerRef: string): TAuthorizeResult {
    const challenge = challenges.get(providerRef);
    const now = clock();
    if (!challenge) return { status: "declined", reason: "Your bank's check is no longer open. Nothing was charged; press Pay to try again." };
    if (challenge.answer === "approved") return { status: "authorized", providerRef, expiresAt: new Date(challenge.at.getTime() + HOLD_MS) };
    if (challenge.answer === "refused") return { status: "declined", reason: "You did not confirm the payment with your bank, so nothing was charged." };
    if (challenge.answer === "voided" || now.getTime() - challenge.at.getTime() > LOCAL_CHALLENGE_TTL_MS) return { status: "declined", reason: "Your bank's check expired. Nothing was charged; press Pay to try again." };
    return { status: "requires_action", providerRef, clientSecret: `${providerRef}_secret` };
  }

  return {
    name: "local",
    async authorize({ orderId, method }) {
      const now = clock();
      const problem = checkCard(method, now);
      if (problem) return problem;
      // Deterministic reference: authorising the same order again returns the same one.
      const providerRef = `local_pi_${orderId}`;
      if (method.kind === "card" && method.number.replace(/\s+/g, "") === TEST_CARDS.authenticationRequired) {
        if (!challenges.has(providerRef)) challenges.set(providerRef, { answer: "waiting", at: now });
        return outcome(providerRef);
      }
      return { status: "authorized", providerRef, expiresAt: new Date(now.getTime() + HOLD_MS) };
    },
    async checkAuthorization(providerRef) {
      return outcome(providerRef);
    },
    async answerBankChallenge({ providerRef, approve }) {
      const challenge = challenges.get(providerRef);
      // The bank only takes an answer to a question it is still asking.
      if (challenge?.answer === "waiting" && outcome(providerRef).status === "requires_action") challenge.answer = approve ? "approved" : "refused";
    },
    async capture({ amountCents }) {
      return { capturedCents: amountCents };
    },
    async void({ providerRef }) {
      const challenge = challenges.get(providerRef);
      if (challenge) challenge.answer = "voided";
    },
    async refund({ providerRef, idempotencyKey }) {
      return { refundRef: `local_re_${providerRef.slice(-8)}_${idempotencyKey.slice(-8)}` };
    },
  };
}
