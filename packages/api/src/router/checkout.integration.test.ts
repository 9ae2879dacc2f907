// Checkout through the API: the quote names the merchant's timezone, for its delivery slot and
// the time its price is held until to be shown on that clock.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { addToCart } from "@lastmile/core/cart";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { merchants } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
const ROSSIO = { lng: -9.1393, lat: 38.7139, address: "Praça do Rossio 1" };

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  await addToCart(db, city.users.customer.id, { itemId: city.items.drink.id, modifierIds: [], quantity: 1 });
});

const customer = () =>
  testCaller(db, {
    user: { id: city.users.customer.id, email: "c@example.com", name: "Clara", roles: ["customer"], merchantIds: [], courierId: null, areaIds: [] },
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });

describe(`checkout on ${testBackend()}`, () => {
  it("names the merchant's timezone on the quote, the one its slots and hours are worked out in", async () => {
    expect(await customer().checkout.quote({ dropoff: ROSSIO, tipCents: 0 })).toMatchObject({ timezone: "Europe/Lisbon" });
    await db.update(merchants).set({ timezone: "Atlantic/Azores" }).where(eq(merchants.id, city.merchant.id));
    try {
      expect(await customer().checkout.quote({ dropoff: ROSSIO, tipCents: 0 })).toMatchObject({ timezone: "Atlantic/Azores" });
    } finally {
      await db.update(merchants).set({ timezone: "Europe/Lisbon" }).where(eq(merchants.id, city.merchant.id));
    }
  });
});
