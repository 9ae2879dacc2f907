// The Stripe provider through the real `stripe` SDK, against the local stand-in for Stripe's API.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { TEST_CARDS } from "../local-provider";
import type { TPaymentProvider } from "../provider";
import { createStripeProvider } from "./provider";
import { startStripeStandIn } from "./testing/stripe-stand-in";
import type { TStripeStandIn } from "./testing/stripe-stand-in";

const KEY = "sk_test_standin";
const card = (number: string) => ({ kind: "card" as const, number, expMonth: 12, expYear: 2031, cvc: "123" });
let standIn: TStripeStandIn;
let provider: TPaymentProvider;
let stripe: Stripe;

beforeAll(async () => {
  standIn = await startStripeStandIn();
  // A short timeout so the injected timeout costs a fraction of a second; retries as in production.
  stripe = new Stripe(KEY, { ...standIn.clientOptions, maxNetworkRetries: 2, timeout: 300 });
  provider = createStripeProvider(stripe, KEY, { clock: () => new Date("2026-11-30T12:00:00Z") });
});
afterAll(() => standIn.close());

const authorize = (orderId: string, number: string = TEST_CARDS.succeeds, amountCents = 2500) =>
  provider.authorize({ orderId, amountCents, currency: "EUR", method: card(number), idempotencyKey: `${orderId}:authorize` });

describe("Stripe provider against the stand-in", () => {
  it("authorises with manual capture in the order's transfer group, then captures", async () => {
    const auth = await authorize("o-happy");
    expect(auth).toEqual({ status: "authorized", providerRef: expect.stringMatching(/^pi_/), expiresAt: new Date("2026-12-07T12:00:00Z") });
    if (auth.status !== "authorized") return;
    const pi = standIn.paymentIntents.get(auth.providerRef);
    expect(pi).toMatchObject({ amount: 2500, currency: "eur", capture_method: "manual", status: "requires_capture", transfer_group: "order_o-happy", metadata: { orderId: "o-happy" } });

    expect(await provider.capture({ providerRef: auth.providerRef, amountCents: 2500, idempotencyKey: "o-happy:capture" })).toEqual({ capturedCents: 2500 });
    // The same step again (a retry) is replayed by Stripe, not captured twice.
    expect(await provider.capture({ providerRef: auth.providerRef, amountCents: 2500, idempotencyKey: "o-happy:capture" })).toEqual({ capturedCents: 2500 });
    expect(standIn.requests.filter((r) => r.path.endsWith("/capture")).map((r) => r.replayed)).toEqual([false, true]);
    expect(await provider.state?.(auth.providerRef)).toMatchObject({ status: "captured", capturedCents: 2500, refundedCents: 0 });
  });

  it("declines with a message the customer can act on, and asks for a retry on a processing error", async () => {
    expect(await authorize("o-declined", TEST_CARDS.declined)).toEqual({ status: "declined", reason: "Your card was declined. Try another card." });
    expect(await authorize("o-poor", TEST_CARDS.insufficientFunds)).toEqual({ status: "declined", reason: "Your card has insufficient funds." });
    expect(await authorize("o-flaky", TEST_CARDS.retry)).toMatchObject({ status: "retry" });
    expect(await authorize("o-raw", "4111111111111111")).toMatchObject({ status: "declined", reason: expect.stringMatching(/test cards/) });
  });

  it("captures less than authorised when items were missing, releasing the rest", async () => {
    const auth = await authorize("o-short", TEST_CARDS.succeeds, 3000);
    if (auth.status !== "authorized") throw new Error(`not authorised: ${auth.status}`);
    expect(await provider.capture({ providerRef: auth.providerRef, amountCents: 2200, idempotencyKey: "o-short:capture" })).toEqual({ capturedCents: 2200 });
    expect(standIn.paymentIntents.get(auth.providerRef)).toMatchObject({ status: "succeeded", amount_received: 2200, amount_capturable: 0 });
  });

  it("cancels an authorisation, and treats one already cancelled (the hold lapsed) as done", async () => {
    const auth = await authorize("o-cancel");
    if (auth.status !== "authorized") throw new Error(`not authorised: ${auth.status}`);
    await provider.void({ providerRef: auth.providerRef, idempotencyKey: "o-cancel:void" });
    expect(standIn.paymentIntents.get(auth.providerRef)?.status).toBe("canceled");

    const lapsed = await authorize("o-lapsed");
    if (lapsed.status !== "authorized") throw new Error(`not authorised: ${lapsed.status}`);
    standIn.expireAuthorization(lapsed.providerRef);
    await expect(provider.void({ providerRef: lapsed.providerRef, idempotencyKey: "o-lapsed:void" })).resolves.toBeUndefined();
  });

  it("refunds in part and then the rest, each refund once per key", async () => {
    const auth = await authorize("o-refund", TEST_CARDS.succeeds, 4000);
    if (auth.status !== "authorized") throw new Error(`not authorised: ${auth.status}`);
    await provider.capture({ providerRef: auth.providerRef, amountCents: 4000, idempotencyKey: "o-refund:capture" });
    const first = await provider.refund({ providerRef: auth.providerRef, amountCents: 1500, idempotencyKey: "o-refund:refund:1" });
    expect(await provider.refund({ providerRef: auth.providerRef, amountCents: 1500, idempotencyKey: "o-refund:refund:1" })).toEqual(first);
    await provider.refund({ providerRef: auth.providerRef, amountCents: 2500, idempotencyKey: "o-refund:refund:2" });
    expect(await provider.state?.(auth.providerRef)).toMatchObject({ capturedCents: 4000, refundedCents: 4000 });
    await expect(provider.refund({ providerRef: auth.providerRef, amountCents: 1, idempotencyKey: "o-refund:refund:3" })).rejects.toThrow(/greater than unrefunded/);
  });

  it("transfers shares to connected accounts from the order's charge and transfer group", async () => {
    const auth = await authorize("o-transfer");
    if (auth.status !== "authorized") throw new Error(`not authorised: ${auth.status}`);
    await expect(provider.transfer?.({ providerRef: auth.providerRef, destination: "acct_merchant", amountCents: 1500, currency: "EUR", transferGroup: "order_o-transfer", idempotencyKey: "o-transfer:transfer:merchant" })).rejects.toThrow(/not captured/);
    await provider.capture({ providerRef: auth.providerRef, amountCents: 2500, idempotencyKey: "o-transfer:capture" });
    const t = await provider.transfer?.({ providerRef: auth.providerRef, destination: "acct_merchant", amountCents: 1500, currency: "EUR", transferGroup: "order_o-transfer", idempotencyKey: "o-transfer:transfer:merchant" });
    const stored = standIn.transfers.get(t?.transferRef ?? "");
    expect(stored).toMatchObject({ amount: 1500, currency: "eur", destination: "acct_merchant", transfer_group: "order_o-transfer", source_transaction: standIn.paymentIntents.get(auth.providerRef)?.latest_charge });
  });

  it("survives a timeout: the SDK retries with the same key and Stripe replays the first authorisation", async () => {
    standIn.failNext("timeout", /^\/v1\/payment_intents$/);
    const before = standIn.paymentIntents.size;
    const auth = await authorize("o-timeout");
    expect(auth.status).toBe("authorized");
    expect(standIn.paymentIntents.size).toBe(before + 1); // one PaymentIntent, one hold
    const attempts = standIn.requests.filter((r) => r.idempotencyKey === "o-timeout:authorize");
    expect(attempts.map((r) => r.replayed)).toEqual([false, true]);
  });

  it("retries a 500 from Stripe and refuses a key reused with other parameters", async () => {
    standIn.failNext("server_error", /^\/v1\/payment_intents$/);
    expect((await authorize("o-500")).status).toBe("authorized");
    await expect(stripe.paymentIntents.create({ amount: 1, currency: "eur" }, { idempotencyKey: "o-500:authorize" })).rejects.toThrow(/same parameters/);
  });

  it("hands a card whose bank asks to authenticate back with the client secret, and reads the outcome from Stripe", async () => {
    const auth = await authorize("o-3ds", TEST_CARDS.authenticationRequired);
    if (auth.status !== "requires_action") throw new Error(`expected requires_action, got ${auth.status}`);
    const intent = standIn.paymentIntents.get(auth.providerRef);
    expect(auth.clientSecret).toBe(intent?.client_secret);
    expect(await provider.checkAuthorization(auth.providerRef)).toEqual(auth);
    standIn.authenticate(auth.providerRef, "succeed");
    expect(await provider.checkAuthorization(auth.providerRef)).toMatchObject({ status: "authorized", providerRef: auth.providerRef });

    const refused = await authorize("o-3ds-refused", TEST_CARDS.authenticationRequired);
    if (refused.status !== "requires_action") throw new Error(refused.status);
    standIn.authenticate(refused.providerRef, "fail");
    expect(await provider.checkAuthorization(refused.providerRef)).toEqual({ status: "declined", reason: expect.stringMatching(/bank did not confirm/) });
    // A hold the customer never confirmed can still be released.
    await provider.void({ providerRef: refused.providerRef, idempotencyKey: "o-3ds-refused:void" });
    expect(standIn.paymentIntents.get(refused.providerRef)?.status).toBe("canceled");
  });

  it("reverses part of a transfer once per key", async () => {
    const auth = await authorize("o-reverse");
    if (auth.status !== "authorized") throw new Error(auth.status);
    await provider.capture({ providerRef: auth.providerRef, amountCents: 2500, idempotencyKey: "o-reverse:capture" });
    const t = await provider.transfer?.({ providerRef: auth.providerRef, destination: "acct_courier", amountCents: 800, currency: "EUR", transferGroup: "order_o-reverse", idempotencyKey: "o-reverse:transfer:courier" });
    const transferRef = t?.transferRef ?? "";
    const first = await provider.reverseTransfer?.({ transferRef, amountCents: 300, idempotencyKey: "o-reverse:reversal:1" });
    expect(await provider.reverseTransfer?.({ transferRef, amountCents: 300, idempotencyKey: "o-reverse:reversal:1" })).toEqual(first);
    expect(standIn.transfers.get(transferRef)).toMatchObject({ amount_reversed: 300, reversed: false });
    await expect(provider.reverseTransfer?.({ transferRef, amountCents: 501, idempotencyKey: "o-reverse:reversal:2" })).rejects.toThrow(/greater than the transfer's unreversed amount/);
  });
});
