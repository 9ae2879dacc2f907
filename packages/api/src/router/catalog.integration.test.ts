// The customer's catalogue through the API: who delivers to a drop-off (with the fee a quote
// would charge), the offline address search over the demo city, the zone check, and the menu's
// delivery card, each naming the merchant's timezone — on PostGIS for real.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { addToCart } from "@lastmile/core/cart";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { merchantClosures, merchants } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
const ROSSIO = { lng: -9.1393, lat: 38.7139 };

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
});

const anon = () => testCaller(db, null);
const customer = () =>
  testCaller(db, { user: { id: city.users.customer.id, email: "c@example.com", name: "Clara", roles: ["customer"], merchantIds: [], courierId: null, areaIds: [] }, expiresAt: new Date(Date.now() + 3600_000).toISOString() });

describe(`the catalogue on ${testBackend()}`, () => {
  it("lists the merchants that deliver to a point, quickest first, with the delivery fee a quote charges", async () => {
    const page = await anon().catalog.merchantsDeliveringTo(ROSSIO);
    expect(page.items.map((m) => m.slug)).toEqual(["tasca-mini", "pizzaria-mini"]);
    expect(page.items.every((m) => m.openNow)).toBe(true);
    const etas = page.items.map((m) => m.etaMin);
    expect([...etas].sort((a, b) => a - b)).toEqual(etas);

    // The card's fee is the quote's fee for the same drop-off.
    await addToCart(db, city.users.customer.id, { itemId: city.items.drink.id, modifierIds: [], quantity: 1 });
    const quote = await customer().checkout.quote({ dropoff: { ...ROSSIO, address: "Praça do Rossio 1" }, tipCents: 0 });
    const fee = quote.lines.find((l) => l.code === "delivery_fee")?.amountCents;
    expect(page.items.find((m) => m.slug === "tasca-mini")?.deliveryFeeCents).toBe(fee);
  });

  it("searches by dish and filters by price, and lists a closed merchant after the open ones with its next opening", async () => {
    expect((await anon().catalog.merchantsDeliveringTo({ ...ROSSIO, search: "margherita" })).items.map((m) => m.slug)).toEqual(["pizzaria-mini"]);
    expect((await anon().catalog.merchantsDeliveringTo({ ...ROSSIO, maxPriceLevel: 1 })).items.filter((m) => m.priceLevel > 1)).toEqual([]);

    const now = Date.now();
    await db.insert(merchantClosures).values({ merchantId: city.merchant.id, startsAt: new Date(now - 3600_000), endsAt: new Date(now + 2 * 3600_000), reason: "Staff training" });
    const page = await anon().catalog.merchantsDeliveringTo(ROSSIO);
    expect(page.items.map((m) => [m.slug, m.openNow])).toEqual([
      ["pizzaria-mini", true],
      ["tasca-mini", false],
    ]);
    const closed = page.items[1];
    expect(closed?.nextOpensAt?.getTime()).toBeGreaterThanOrEqual(now + 2 * 3600_000 - 1000);
    expect((await anon().catalog.merchantsDeliveringTo({ ...ROSSIO, includeClosed: false })).items.map((m) => m.slug)).toEqual(["pizzaria-mini"]);

    const menu = await anon().catalog.menu({ slug: "tasca-mini", dropoff: ROSSIO });
    expect(menu.delivery).toMatchObject({ openNow: false });
    await db.delete(merchantClosures);
  });

  it("shows a merchant's free-delivery offer on its card and menu, and filters by it", async () => {
    expect((await anon().catalog.merchantsDeliveringTo({ ...ROSSIO, freeDelivery: true })).items).toEqual([]);
    await db.update(merchants).set({ freeDeliveryOverCents: 1500 }).where(eq(merchants.id, city.other.id));
    const offers = await anon().catalog.merchantsDeliveringTo({ ...ROSSIO, freeDelivery: true });
    expect(offers.items.map((m) => [m.slug, m.freeDeliveryOverCents])).toEqual([["pizzaria-mini", 1500]]);
    expect((await anon().catalog.merchantsDeliveringTo(ROSSIO)).items.find((m) => m.slug === "tasca-mini")?.freeDeliveryOverCents).toBeNull();
    expect((await anon().catalog.menu({ slug: "pizzaria-mini", dropoff: ROSSIO })).delivery?.freeDeliveryOverCents).toBe(1500);
    await db.update(merchants).set({ freeDeliveryOverCents: null }).where(eq(merchants.id, city.other.id));
  });

  it("names the merchant's timezone, the one its next opening is worked out in, on its card and menu", async () => {
    expect((await anon().catalog.merchantsDeliveringTo(ROSSIO)).items.map((m) => m.timezone)).toEqual(["Europe/Lisbon", "Europe/Lisbon"]);
    await db.update(merchants).set({ timezone: "Atlantic/Azores" }).where(eq(merchants.id, city.merchant.id));
    try {
      expect((await anon().catalog.merchantsDeliveringTo(ROSSIO)).items.find((m) => m.id === city.merchant.id)).toMatchObject({ timezone: "Atlantic/Azores" });
      expect((await anon().catalog.menu({ slug: city.merchant.slug })).merchant).toMatchObject({ timezone: "Atlantic/Azores" });
    } finally {
      await db.update(merchants).set({ timezone: "Europe/Lisbon" }).where(eq(merchants.id, city.merchant.id));
    }
  });

  it("tells a point inside a zone from one outside every zone", async () => {
    expect(await anon().catalog.deliveryZone(ROSSIO)).toEqual({ found: true, zoneName: "Baixa" });
    expect(await anon().catalog.deliveryZone({ lng: -9.1569, lat: 38.679 })).toEqual({ found: false, message: "This address is outside our delivery area." });
    expect((await anon().catalog.menu({ slug: "tasca-mini", dropoff: { lng: -9.1569, lat: 38.679 } })).delivery).toBeNull();
  });

  it("finds the demo city's streets and landmarks offline, accents folded, keeping the house number", async () => {
    const streets = await anon().catalog.searchPlaces({ query: "rua augusta 25" });
    expect(streets[0]).toMatchObject({ kind: "street", label: "Rua Augusta 25" });
    const landmarks = await anon().catalog.searchPlaces({ query: "praca do comercio" });
    expect(landmarks[0]).toMatchObject({ kind: "landmark", label: "Praça do Comércio" });
    expect(await anon().catalog.searchPlaces({ query: "zzzz qqqq" })).toEqual([]);
  });
});
