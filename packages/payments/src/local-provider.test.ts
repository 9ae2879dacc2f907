import { describe, expect, it } from "vitest";

import { createLocalProvider, luhnValid, TEST_CARDS } from "./local-provider";

const now = new Date("2026-11-21T12:00:00Z");
const provider = createLocalProvider(() => now);
const card = (number: string, over: Partial<{ expMonth: number; expYear: number; cvc: string }> = {}) => ({ kind: "card" as const, number, expMonth: 12, expYear: 2030, cvc: "123", ...over });
const authorize = (number: string, over = {}) => provider.authorize({ orderId: "o-1", amountCents: 2500, currency: "EUR", method: card(number, over), idempotencyKey: "o-1:authorize" });

describe("Local payment provider", () => {
  it("authorises the success test card with a stable reference and a 7-day hold", async () => {
    const first = await authorize(TEST_CARDS.succeeds);
    expect(first).toEqual({ status: "authorized", providerRef: "local_pi_o-1", expiresAt: new Date("2026-11-28T12:00:00Z") });
    expect(await authorize("4242 4242 4242 4242")).toEqual(first);
  });

  it("declines, asks for a retry, or rejects bad details with a message a customer can act on", async () => {
    expect(await authorize(TEST_CARDS.declined)).toEqual({ status: "declined", reason: "Your card was declined. Try another card." });
    expect(await authorize(TEST_CARDS.insufficientFunds)).toMatchObject({ status: "declined", reason: expect.stringMatching(/insufficient funds/) });
    expect(await authorize(TEST_CARDS.retry)).toMatchObject({ status: "retry" });
    expect(await authorize("4242424242424241")).toMatchObject({ status: "declined", reason: expect.stringMatching(/not valid/) });
    expect(await authorize(TEST_CARDS.succeeds, { expMonth: 10, expYear: 2026 })).toMatchObject({ reason: "That card has expired." });
    expect(await authorize(TEST_CARDS.succeeds, { cvc: "12" })).toMatchObject({ reason: expect.stringMatching(/security code/) });
  });

  it("checks card numbers with Luhn", () => {
    expect(luhnValid(TEST_CARDS.succeeds)).toBe(true);
    expect(luhnValid("79927398713")).toBe(false); // too short for a card
    expect(luhnValid("4000000000000002")).toBe(true);
    expect(luhnValid("4000000000000003")).toBe(false);
  });

  it("plays a bank that asks the customer to confirm: waiting, then authorised or refused", async () => {
    const bank = createLocalProvider(() => now);
    const ask = (orderId: string) => bank.authorize({ orderId, amountCents: 2500, currency: "EUR", method: card(TEST_CARDS.authenticationRequired), idempotencyKey: `${orderId}:authorize` });
    expect(await ask("o-3ds")).toEqual({ status: "requires_action", providerRef: "local_pi_o-3ds", clientSecret: "local_pi_o-3ds_secret" });
    expect(await bank.checkAuthorization("local_pi_o-3ds")).toMatchObject({ status: "requires_action" });
    await bank.answerBankChallenge?.({ providerRef: "local_pi_o-3ds", approve: true });
    expect(await bank.checkAuthorization("local_pi_o-3ds")).toEqual({ status: "authorized", providerRef: "local_pi_o-3ds", expiresAt: new Date("2026-11-28T12:00:00Z") });
    // A second answer does not change the bank's mind.
    await bank.answerBankChallenge?.({ providerRef: "local_pi_o-3ds", approve: false });
    expect((await ask("o-3ds")).status).toBe("authorized");

    await ask("o-refused");
    await bank.answerBankChallenge?.({ providerRef: "local_pi_o-refused", approve: false });
    expect(await bank.checkAuthorization("local_pi_o-refused")).toMatchObject({ status: "declined", reason: expect.stringMatching(/did not confirm/) });
    expect(await bank.checkAuthorization("local_pi_unknown")).toMatchObject({ status: "declined" });
  });
});
