// A card whose bank asks the customer to confirm (3-D Secure), with the Local provider playing the
// bank: no order until the provider says the payment is authorised; a refused, abandoned or
// overtaken challenge leaves no order and a voided authorisation; double clicks make one order.
import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { checkoutAuthentications, emailOutbox, orders, payments } from "@lastmile/db/schema";
import { countRows, getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { TEST_CARDS } from "@lastmile/payments";

import { addToCart, getCart } from "../cart";
import { DomainError } from "../errors";
import { goodCard, testDeps } from "../testing/deps";
import { answerBankChallenge, AUTHENTICATION_WINDOW_MS, completeOrder, placeOrder, placeOrderOrChallenge, releaseUnconfirmedCheckouts } from "./place-order";
import { quoteCart } from "./quote";

let db: TDb;
let city: TMiniCity;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
});

const bankCard = { ...goodCard, number: TEST_CARDS.authenticationRequired };

const fails = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a domain error");
};

async function quoted() {
  const c = city.users.customer.id;
  await addToCart(db, c, { itemId: city.items.dish.id, modifierIds: [city.modifiers.regular.id], quantity: 2 });
  return (await quoteCart(db, c, { dropoff: { addressId: city.addresses.home.id }, tipCents: 200 })).quote;
}

async function expectLedgerBalanced() {
  const unbalanced = rowsOf<{ order_id: string }>(await db.execute(sql`select order_id from ledger_entries group by order_id having sum(amount_cents) <> 0`));
  expect(unbalanced).toEqual([]);
}

describe(`checkout when the bank asks the customer to confirm, on ${testBackend()}`, () => {
  it("asks for the challenge, writes nothing, then places the order once the bank says yes", async () => {
    const deps = testDeps();
    const c = city.users.customer.id;
    const quote = await quoted();
    const first = await placeOrderOrChallenge(db, deps, c, { quoteId: quote.id, idempotencyKey: "bank-yes-1", payment: bankCard, instructions: "Ring twice" });
    expect(first).toMatchObject({ status: "requires_action", challenge: { provider: "local", amountCents: quote.totalCents, currency: "EUR" } });
    expect(await countRows(db, "orders")).toBe(0);
    expect(await countRows(db, "payments")).toBe(0);
    expect((await getCart(db, c)).lines).toHaveLength(1);

    // A double click while the dialog is up: the same challenge, no second authorisation.
    expect(await placeOrderOrChallenge(db, deps, c, { quoteId: quote.id, idempotencyKey: "bank-yes-1", payment: bankCard, instructions: "Ring twice" })).toEqual(first);
    expect(await countRows(db, "checkout_authentications")).toBe(1);
    // The browser cannot skip the bank: completing before it answered is still a challenge.
    expect((await completeOrder(db, deps, c, { idempotencyKey: "bank-yes-1" })).status).toBe("requires_action");

    await answerBankChallenge(db, deps, c, { idempotencyKey: "bank-yes-1", approve: true });
    const done = await completeOrder(db, deps, c, { idempotencyKey: "bank-yes-1" });
    if (done.status !== "placed") throw new Error("expected an order");
    const [waiting] = await db.select().from(checkoutAuthentications);
    expect(done.order).toMatchObject({ id: waiting?.orderId, status: "PENDING", totalCents: quote.totalCents, instructions: "Ring twice" });
    expect(done.replayed).toBe(false);
    expect(waiting?.status).toBe("completed");
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, done.order.id));
    expect(payment).toMatchObject({ provider: "local", status: "authorized", providerRef: `local_pi_${done.order.id}`, amountAuthorizedCents: quote.totalCents });
    expect(await countRows(db, "carts")).toBe(0);
    expect(await db.select({ to: emailOutbox.toAddress }).from(emailOutbox).where(eq(emailOutbox.template, "order.confirmation"))).toHaveLength(1);

    // Retries after success, by either call, answer with the same order.
    expect(await completeOrder(db, deps, c, { idempotencyKey: "bank-yes-1" })).toEqual({ status: "placed", order: expect.objectContaining({ id: done.order.id }), replayed: true });
    expect(await placeOrderOrChallenge(db, deps, c, { quoteId: quote.id, idempotencyKey: "bank-yes-1", payment: bankCard, instructions: "Ring twice" })).toMatchObject({ status: "placed", replayed: true, order: { id: done.order.id } });
    expect(await countRows(db, "orders")).toBe(1);
    await expectLedgerBalanced();
  });

  it("makes one order from a burst of concurrent completions", async () => {
    const deps = testDeps();
    const c = city.users.customer.id;
    const quote = await quoted();
    await placeOrderOrChallenge(db, deps, c, { quoteId: quote.id, idempotencyKey: "bank-burst", payment: bankCard });
    await answerBankChallenge(db, deps, c, { idempotencyKey: "bank-burst", approve: true });
    const results = await Promise.all(Array.from({ length: 12 }, () => completeOrder(db, deps, c, { idempotencyKey: "bank-burst" })));
    const ids = new Set(results.map((r) => (r.status === "placed" ? r.order.id : "challenge")));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.status === "placed" && !r.replayed)).toHaveLength(1);
    expect(await countRows(db, "orders")).toBe(1);
    expect(await countRows(db, "payments")).toBe(1);
    expect(await countRows(db, "order_events")).toBe(1);
  });

  it("leaves no order when the customer refuses, says why, and voids the authorisation", async () => {
    const deps = testDeps();
    const c = city.users.customer.id;
    const quote = await quoted();
    await placeOrderOrChallenge(db, deps, c, { quoteId: quote.id, idempotencyKey: "bank-no-1", payment: bankCard });
    await answerBankChallenge(db, deps, c, { idempotencyKey: "bank-no-1", approve: false });
    const refused = await fails(completeOrder(db, deps, c, { idempotencyKey: "bank-no-1" }));
    expect(refused).toMatchObject({ kind: "PaymentFailed", field: "payment", message: "You did not confirm the payment with your bank, so nothing was charged." });
    const [waiting] = await db.select().from(checkoutAuthentications);
    expect(waiting).toMatchObject({ status: "failed", failureReason: refused.message });
    expect(await countRows(db, "orders")).toBe(0);
    expect((await getCart(db, c)).lines).toHaveLength(1);
    // The same key again cannot revive it; a new checkout (new key) pays normally.
    expect((await fails(placeOrderOrChallenge(db, deps, c, { quoteId: quote.id, idempotencyKey: "bank-no-1", payment: bankCard }))).details).toEqual({ reason: "not_confirmed" });
    expect((await placeOrder(db, deps, c, { quoteId: quote.id, idempotencyKey: "bank-no-2", payment: goodCard })).order.status).toBe("PENDING");
  });

  it("voids a challenge left unanswered, and one overtaken by a changed cart", async () => {
    const deps = testDeps();
    const c = city.users.customer.id;
    const quote = await quoted();
    const started = new Date();
    await placeOrderOrChallenge(db, deps, c, { quoteId: quote.id, idempotencyKey: "bank-left", payment: bankCard, now: started });
    expect(await releaseUnconfirmedCheckouts(db, deps, new Date(started.getTime() + 60_000))).toEqual([]);
    const [waiting] = await db.select().from(checkoutAuthentications);
    expect(await releaseUnconfirmedCheckouts(db, deps, new Date(started.getTime() + AUTHENTICATION_WINDOW_MS + 1000))).toEqual([waiting?.orderId]);
    expect((await db.select().from(checkoutAuthentications))[0]?.status).toBe("abandoned");
    // The bank hears of it: the challenge is over, and a late "yes" changes nothing.
    await answerBankChallenge(db, deps, c, { idempotencyKey: "bank-left", approve: true });
    expect(await deps.payments.checkAuthorization(waiting?.providerRef ?? "")).toMatchObject({ status: "declined" });
    expect((await fails(completeOrder(db, deps, c, { idempotencyKey: "bank-left" }))).kind).toBe("PaymentFailed");

    // Confirmed at the bank, but the cart changed meanwhile: no order, the hold released.
    const again = await quoteCart(db, c, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    await placeOrderOrChallenge(db, deps, c, { quoteId: again.quote.id, idempotencyKey: "bank-cart", payment: bankCard });
    await answerBankChallenge(db, deps, c, { idempotencyKey: "bank-cart", approve: true });
    await addToCart(db, c, { itemId: city.items.drink.id, modifierIds: [], quantity: 1 });
    expect((await fails(completeOrder(db, deps, c, { idempotencyKey: "bank-cart" }))).details).toEqual({ reason: "cart_changed" });
    const [cartRow] = await db.select().from(checkoutAuthentications).where(eq(checkoutAuthentications.idempotencyKey, "bank-cart"));
    expect(cartRow?.status).toBe("failed");
    expect(await deps.payments.checkAuthorization(cartRow?.providerRef ?? "")).toMatchObject({ status: "declined" });
    expect(await db.select().from(orders)).toEqual([]);
  });

  it("keeps a customer's waiting payment to themselves", async () => {
    const deps = testDeps();
    const quote = await quoted();
    await placeOrderOrChallenge(db, deps, city.users.customer.id, { quoteId: quote.id, idempotencyKey: "bank-mine", payment: bankCard });
    expect((await fails(completeOrder(db, deps, city.users.otherCustomer.id, { idempotencyKey: "bank-mine" }))).kind).toBe("NotFound");
    expect((await fails(answerBankChallenge(db, deps, city.users.otherCustomer.id, { idempotencyKey: "bank-mine", approve: true }))).kind).toBe("NotFound");
    // Scripts that cannot answer a bank get a plain payment failure, not a half-placed order.
    const scripted = await fails(placeOrder(db, deps, city.users.customer.id, { quoteId: quote.id, idempotencyKey: "bank-mine", payment: bankCard }));
    expect(scripted).toMatchObject({ kind: "PaymentFailed", details: { reason: "requires_action" } });
  });
});
