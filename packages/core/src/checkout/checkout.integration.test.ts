import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { carts, menuItems, merchants, orderEvents, orders, payments, quotes } from "@lastmile/db/schema";
import { countRows, getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { addToCart, getCart, updateCartLine } from "../cart";
import { DomainError } from "../errors";
import { declinedCard, goodCard, retryCard, testDeps } from "../testing/deps";
import { placeOrder } from "./place-order";
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

const fails = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a domain error");
};

const fillCart = async () => {
  const customer = city.users.customer.id;
  await addToCart(db, customer, { itemId: city.items.dish.id, modifierIds: [city.modifiers.large.id, city.modifiers.egg.id], quantity: 2 });
  return addToCart(db, customer, { itemId: city.items.drink.id, modifierIds: [], quantity: 1 });
};

describe(`cart on ${testBackend()}`, () => {
  it("prices lines with their modifiers and keeps them on the server", async () => {
    const cart = await fillCart();
    // (12.50 + 3.00 large + 1.00 egg) × 2 + 2.50
    expect(cart.subtotalCents).toBe(3550);
    expect(cart.lines[0]?.modifiers).toEqual([
      { groupName: "Size", name: "Large", priceDeltaCents: 300 },
      { groupName: "Extras", name: "Extra egg", priceDeltaCents: 100 },
    ]);
    expect((await getCart(db, city.users.customer.id)).fingerprint).toBe(cart.fingerprint);
  });

  it("enforces each group's minimum and maximum, and only the item's own options", async () => {
    const c = city.users.customer.id;
    const missing = await fails(addToCart(db, c, { itemId: city.items.dish.id, modifierIds: [], quantity: 1 }));
    expect(missing).toMatchObject({ kind: "Validation", field: "modifierIds", message: "Choose a size for Bacalhau à Brás." });
    const tooMany = await fails(addToCart(db, c, { itemId: city.items.dish.id, modifierIds: [city.modifiers.regular.id, city.modifiers.egg.id, city.modifiers.olives.id, city.modifiers.bread.id], quantity: 1 }));
    expect(tooMany.message).toBe("Choose at most 2 extras for Bacalhau à Brás.");
    const foreign = await fails(addToCart(db, c, { itemId: city.items.drink.id, modifierIds: [city.modifiers.large.id], quantity: 1 }));
    expect(foreign.message).toBe("That option does not belong to Sumol.");
    expect(await countRows(db, "cart_items")).toBe(0);
  });

  it("holds one restaurant at a time and asks before switching", async () => {
    await fillCart();
    const c = city.users.customer.id;
    const other = await fails(addToCart(db, c, { itemId: city.items.pizza.id, modifierIds: [], quantity: 1 }));
    expect(other).toMatchObject({ kind: "Conflict", field: "replaceCart" });
    expect((await getCart(db, c)).lines).toHaveLength(2);
    const switched = await addToCart(db, c, { itemId: city.items.pizza.id, modifierIds: [], quantity: 1, replaceCart: true });
    expect(switched.merchantId).toBe(city.other.id);
    expect(switched.lines.map((l) => l.name)).toEqual(["Margherita"]);
  });

  it("refuses sold-out dishes and removes a line at quantity zero", async () => {
    await db.update(menuItems).set({ available: false }).where(eq(menuItems.id, city.items.drink.id));
    expect((await fails(addToCart(db, city.users.customer.id, { itemId: city.items.drink.id, modifierIds: [], quantity: 1 }))).message).toBe("Sumol is sold out right now.");
    const cart = await addToCart(db, city.users.customer.id, { itemId: city.items.dish.id, modifierIds: [city.modifiers.regular.id], quantity: 1 });
    const emptied = await updateCartLine(db, city.users.customer.id, { lineId: cart.lines[0]?.lineId as string, quantity: 0 });
    expect(emptied.lines).toHaveLength(0);
    expect(await countRows(db, "carts")).toBe(0);
  });
});

describe(`quotes and placing orders on ${testBackend()}`, () => {
  it("quotes an itemised total and places exactly that order, paid and timelined", async () => {
    await fillCart();
    const deps = testDeps();
    const { quote } = await quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 150 });
    expect(quote.lines.map((l) => l.code)).toEqual(["subtotal", "delivery_fee", "service_fee", "tax", "tip"]);
    expect(quote.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(quote.totalCents);

    const { order, replayed } = await placeOrder(db, deps, city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-0001", payment: goodCard });

    expect(replayed).toBe(false);
    expect(order).toMatchObject({ status: "PENDING", totalCents: quote.totalCents, tipCents: 150, subtotalCents: 3550, dropoffAddress: "Rua Augusta 100, Lisboa" });
    expect(order.quote).toEqual(quote.lines);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(payment).toMatchObject({ status: "authorized", amountAuthorizedCents: quote.totalCents, provider: "local" });
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(events).toMatchObject([{ fromStatus: null, toStatus: "PENDING", actorRole: "customer" }]);
    expect(await countRows(db, "carts")).toBe(0);
    expect(deps.events.events).toContainEqual(expect.objectContaining({ channel: `private-merchant-${city.merchant.id}`, name: "order.new" }));
  });

  it("refuses an address the restaurant does not reach, and a closed restaurant", async () => {
    await fillCart();
    const far = await fails(quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.almada.id }, tipCents: 0 }));
    expect(far).toMatchObject({ kind: "Conflict", details: { reason: "out_of_range" } });
    expect(far.message).toMatch(/does not deliver to that address \(4\.\d km away\)/);
    await db.update(merchants).set({ availability: "paused", pausedUntil: new Date(Date.now() + 3600_000) }).where(eq(merchants.id, city.merchant.id));
    expect((await fails(quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 }))).details).toEqual({ reason: "paused" });
    await db.execute(sql`update merchants set availability = 'open', paused_until = null`);
    await db.execute(sql`delete from merchant_hours where merchant_id = ${city.merchant.id}`);
    expect((await fails(quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 }))).message).toBe("Tasca Mini is closed right now. You can schedule the order for when it is open.");
  });

  it("is idempotent: the same key twice is one order and the same answer", async () => {
    await fillCart();
    const { quote } = await quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    const a = await placeOrder(db, testDeps(), city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-twice", payment: goodCard });
    const b = await placeOrder(db, testDeps(), city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-twice", payment: goodCard });
    expect(b).toEqual({ order: a.order, replayed: true });
    expect(await countRows(db, "orders")).toBe(1);
  });

  it("answers 50 concurrent duplicates with one order", async () => {
    await fillCart();
    const { quote } = await quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => placeOrder(db, testDeps(), city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-burst", payment: goodCard })),
    );
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await countRows(db, "orders")).toBe(1);
    expect(await countRows(db, "payments")).toBe(1);
    expect(await countRows(db, "order_events")).toBe(1);
  });

  it("calls the same key with a different cart a conflict", async () => {
    await fillCart();
    const { quote } = await quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    await placeOrder(db, testDeps(), city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-reused", payment: goodCard });
    await addToCart(db, city.users.customer.id, { itemId: city.items.drink.id, modifierIds: [], quantity: 3 });
    const second = await quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    const e = await fails(placeOrder(db, testDeps(), city.users.customer.id, { quoteId: second.quote.id, idempotencyKey: "checkout-reused", payment: goodCard }));
    expect(e.kind).toBe("Conflict");
    expect(e.message).toMatch(/already used to place a different order/);
    expect(await countRows(db, "orders")).toBe(1);
  });

  it("leaves nothing behind when the card is declined, and says so plainly", async () => {
    await fillCart();
    const { quote } = await quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    const declined = await fails(placeOrder(db, testDeps(), city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-declined", payment: declinedCard }));
    expect(declined).toMatchObject({ kind: "PaymentFailed", field: "payment", message: "Your card was declined. Try another card." });
    const retry = await fails(placeOrder(db, testDeps(), city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-declined", payment: retryCard }));
    expect(retry.details).toEqual({ retry: true });
    expect(await countRows(db, "orders")).toBe(0);
    expect(await countRows(db, "payments")).toBe(0);
    expect((await getCart(db, city.users.customer.id)).lines).toHaveLength(2);
    // The same key then succeeds with a good card.
    const ok = await placeOrder(db, testDeps(), city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-declined", payment: goodCard });
    expect(ok.order.status).toBe("PENDING");
  });

  it("refuses an expired quote and a quote whose prices changed", async () => {
    await fillCart();
    const { quote } = await quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    await db.update(quotes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(quotes.id, quote.id));
    expect((await fails(placeOrder(db, testDeps(), city.users.customer.id, { quoteId: quote.id, idempotencyKey: "checkout-late", payment: goodCard }))).details).toEqual({ reason: "quote_expired" });

    const fresh = await quoteCart(db, city.users.customer.id, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    await db.update(menuItems).set({ priceCents: 1350 }).where(eq(menuItems.id, city.items.dish.id));
    expect((await fails(placeOrder(db, testDeps(), city.users.customer.id, { quoteId: fresh.quote.id, idempotencyKey: "checkout-price", payment: goodCard }))).details).toEqual({ reason: "cart_changed" });
    expect(await countRows(db, "orders")).toBe(0);
  });

  it("takes tracked stock down, and refuses when it has run out", async () => {
    const c = city.users.customer.id;
    await addToCart(db, c, { itemId: city.items.special.id, modifierIds: [], quantity: 2 });
    const { quote } = await quoteCart(db, c, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    await placeOrder(db, testDeps(), c, { quoteId: quote.id, idempotencyKey: "checkout-stock", payment: goodCard });
    const [item] = await db.select().from(menuItems).where(eq(menuItems.id, city.items.special.id));
    expect(item?.stockCount).toBe(0);
    expect((await fails(addToCart(db, c, { itemId: city.items.special.id, modifierIds: [], quantity: 1 }))).message).toBe("Cozido (Sunday special) is sold out right now.");
    expect(await db.select().from(carts)).toHaveLength(0);
    expect(await db.select().from(orders)).toHaveLength(1);
  });
});
