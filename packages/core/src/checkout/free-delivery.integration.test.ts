// Merchant-funded free delivery on a real PostGIS database: the quote charges the customer no
// delivery fee once the basket reaches the merchant's threshold, the order keeps what the
// merchant pays instead, and on capture that amount comes off the merchant's share so the
// order's ledger still sums to zero.
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { ledgerEntries, merchants } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { addToCart } from "../cart";
import { assertOrderBalanced, recordCapture, splitCapture } from "../orders/ledger";
import { goodCard, testDeps } from "../testing/deps";
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
  await db
    .update(merchants)
    .set({ freeDeliveryOverCents: 1500 })
    .where(eq(merchants.id, city.merchant.id));
});

describe(`free delivery on ${testBackend()}`, () => {
  it("charges no delivery under the customer's total once the basket reaches the threshold, the merchant paying it", async () => {
    const c = city.users.customer.id;
    const home = { addressId: city.addresses.home.id };
    // A drink alone (€2.50) is under the threshold: delivery as usual.
    await addToCart(db, c, { itemId: city.items.drink.id, modifierIds: [], quantity: 1 });
    const small = (await quoteCart(db, c, { dropoff: home, tipCents: 0 })).quote;
    expect(small.deliveryFeeCents).toBeGreaterThan(0);
    expect(small.merchantFundedDeliveryCents).toBe(0);

    await addToCart(db, c, {
      itemId: city.items.dish.id,
      modifierIds: [city.modifiers.large.id],
      quantity: 1,
    });
    const { quote } = await quoteCart(db, c, { dropoff: home, tipCents: 100 });
    expect(quote.subtotalCents).toBeGreaterThanOrEqual(1500);
    expect(quote.deliveryFeeCents).toBe(0);
    expect(quote.merchantFundedDeliveryCents).toBe(small.deliveryFeeCents);
    expect(quote.lines.find((l) => l.code === "delivery_fee")).toEqual({
      code: "delivery_fee",
      label: "Delivery (free over €15)",
      amountCents: 0,
    });

    const { order } = await placeOrder(db, testDeps(), c, {
      quoteId: quote.id,
      idempotencyKey: "free-delivery-1",
      payment: goodCard,
    });
    expect(order).toMatchObject({
      deliveryFeeCents: 0,
      merchantFundedDeliveryCents: quote.merchantFundedDeliveryCents,
    });

    const delivered = { ...order, courierId: city.couriers.courier.id };
    const withOffer = splitCapture(delivered, 2500);
    const withoutOffer = splitCapture({ ...delivered, merchantFundedDeliveryCents: 0 }, 2500);
    expect(withOffer.merchant).toBe(withoutOffer.merchant - quote.merchantFundedDeliveryCents);
    expect(withOffer.platform).toBe(withoutOffer.platform + quote.merchantFundedDeliveryCents);

    await db.transaction(async (tx) => {
      await recordCapture(tx, delivered, 2500);
      await assertOrderBalanced(tx, order.id);
    });
    const [share] = await db
      .select({ amount: ledgerEntries.amountCents })
      .from(ledgerEntries)
      .where(
        and(eq(ledgerEntries.orderId, order.id), eq(ledgerEntries.account, "merchant_payable")),
      );
    expect(share?.amount).toBe(-withOffer.merchant);
  });
});
