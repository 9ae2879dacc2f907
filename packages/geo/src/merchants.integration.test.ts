// Who delivers to a point, and when: coverage by radius and by polygon (to the metre), zones,
// statuses and pauses, opening hours in each merchant's timezone (overnight slots, closures),
// the delivery estimate that orders the list, pg_trgm search and keyset pagination.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import type { TPolygon } from "@lastmile/db/geometry";
import { menuCategories, menuItems } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import type { TGeoPoint } from "./coordinates";
import { distanceM, travelTimeS } from "./measure";
import type { TMerchantsDeliveringToOptions } from "./merchants";
import { merchantsDeliveringTo } from "./merchants";
import type { TPlaces } from "./test-fixtures";
import { addClosure, addMerchant, FRIDAY_EVENING, GEO_CONFIG, insertPlaces, project } from "./test-fixtures";

let db: TDb;
let places: TPlaces;

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  places = await insertPlaces(db);
});

/** A customer in Baixa, clear of its hole. */
const HOME: TGeoPoint = { lat: 38.72, lng: -9.13 };
const base: TMerchantsDeliveringToOptions = { config: GEO_CONFIG, at: FRIDAY_EVENING };

const ids = async (point: TGeoPoint, options: Partial<TMerchantsDeliveringToOptions> = {}) =>
  (await merchantsDeliveringTo(db, point, { ...base, ...options })).items.map((m) => m.id);

async function addDish(merchantId: string, name: string, available = true) {
  const [category] = await db.insert(menuCategories).values({ merchantId, name: `Menu ${name}` }).returning();
  if (!category) throw new Error("category insert failed");
  await db.insert(menuItems).values({ merchantId, categoryId: category.id, name, priceCents: 990, currency: "EUR", available });
}

describe(`merchantsDeliveringTo: coverage on ${testBackend()}`, () => {
  it("includes a point 0.5 m inside the radius and excludes one 0.5 m outside", async () => {
    const at = { lat: 38.72, lng: -9.15 };
    const m = await addMerchant(db, places, at, { deliveryRadiusM: 1000 });
    const inside = await project(db, at, 999.5, 45);
    const outside = await project(db, at, 1000.5, 45);
    expect(await ids(inside)).toEqual([m.id]);
    expect(await ids(outside)).toEqual([]);
  });

  it("uses the delivery polygon instead of the radius when there is one", async () => {
    // Far from the customer, but its drawn area reaches them; a point near the kitchen outside the area is not served.
    const area: TPolygon = { type: "Polygon", coordinates: [[[-9.135, 38.719], [-9.125, 38.719], [-9.125, 38.725], [-9.135, 38.725], [-9.135, 38.719]]] };
    const m = await addMerchant(db, places, { lat: 38.705, lng: -9.155 }, { deliveryRadiusM: 2000, deliveryArea: area });
    expect(await ids(HOME)).toEqual([m.id]);
    expect(await ids({ lat: 38.706, lng: -9.154 })).toEqual([]);
    expect(await ids({ lat: 38.719, lng: -9.13 })).toEqual([m.id]); // on the area's edge
  });

  it("serves nobody in a zone's hole, in an inactive zone, or outside every zone", async () => {
    await addMerchant(db, places, { lat: 38.715, lng: -9.14 }, { deliveryRadiusM: 30000 });
    expect(await ids({ lat: 38.715, lng: -9.14 })).toEqual([]); // the hole of Baixa
    expect(await ids({ lat: 38.72, lng: -9.11 })).toEqual([]); // Alfama, inactive
    expect(await ids({ lat: 38.76, lng: -9.2 })).toEqual([]); // no zone at all
    expect(await merchantsDeliveringTo(db, { lat: 38.76, lng: -9.2 }, base)).toEqual({ items: [], nextCursor: null });
  });

  it("skips merchants whose own zone is inactive", async () => {
    await addMerchant(db, places, HOME, { zoneId: places.alfamaId });
    expect(await ids(HOME)).toEqual([]);
  });

  it("lists only verified merchants that are not paused, and counts an expired pause as open", async () => {
    const open = await addMerchant(db, places, HOME, { name: "Open" });
    await addMerchant(db, places, HOME, { status: "pending" });
    await addMerchant(db, places, HOME, { status: "suspended" });
    await addMerchant(db, places, HOME, { availability: "paused", pausedUntil: new Date(FRIDAY_EVENING.getTime() + 60_000) });
    const resumed = await addMerchant(db, places, HOME, { availability: "paused", pausedUntil: new Date(FRIDAY_EVENING.getTime() - 60_000) });
    const page = await merchantsDeliveringTo(db, HOME, base);
    expect(page.items.map((m) => m.id).sort()).toEqual([open.id, resumed.id].sort());
    expect(page.items.find((m) => m.id === resumed.id)?.availability).toBe("open");
  });
});

describe(`merchantsDeliveringTo: opening hours on ${testBackend()}`, () => {
  const lunch = [1, 2, 3, 4, 5, 6, 7].map((d) => [d, "12:00", "15:00"] as [number, string, string]);

  it("reads hours in the merchant's own timezone", async () => {
    const lisbon = await addMerchant(db, places, HOME, {}, lunch);
    const newYork = await addMerchant(db, places, HOME, { timezone: "America/New_York" }, lunch);
    // 17:00 UTC is 17:00 in Lisbon (closed) and 12:00 in New York (open).
    expect(await ids(HOME, { at: new Date("2026-11-20T17:00:00Z") })).toEqual([newYork.id]);
    expect(await ids(HOME, { at: new Date("2026-11-20T13:00:00Z") })).toEqual([lisbon.id]);
  });

  it("keeps a slot that runs past midnight open into the next morning", async () => {
    // Thursdays 18:00–02:00 only.
    const m = await addMerchant(db, places, HOME, {}, [[4, "18:00", "02:00"]]);
    expect(await ids(HOME, { at: new Date("2026-11-19T23:30:00Z") })).toEqual([m.id]); // Thursday night
    expect(await ids(HOME, { at: new Date("2026-11-20T01:30:00Z") })).toEqual([m.id]); // Friday 01:30
    expect(await ids(HOME, { at: new Date("2026-11-20T02:00:00Z") })).toEqual([]); // Friday 02:00, closed
    expect(await ids(HOME, { at: new Date("2026-11-19T17:59:00Z") })).toEqual([]); // Thursday before opening
  });

  it("is closed during a closure", async () => {
    const m = await addMerchant(db, places, HOME);
    await addClosure(db, m.id, new Date("2026-11-20T19:00:00Z"), new Date("2026-11-22T10:00:00Z"));
    expect(await ids(HOME)).toEqual([]);
    expect(await ids(HOME, { at: new Date("2026-11-22T10:00:00Z") })).toEqual([m.id]);
  });

  it("lists closed merchants after open ones, when asked, with their next opening", async () => {
    const open = await addMerchant(db, places, HOME, { name: "Open" });
    const lunchOnly = await addMerchant(db, places, HOME, {}, lunch);
    const thursdays = await addMerchant(db, places, HOME, {}, [[4, "18:00", "02:00"]]);
    const closedForTheWeekend = await addMerchant(db, places, HOME);
    await addClosure(db, closedForTheWeekend.id, new Date("2026-11-20T19:00:00Z"), new Date("2026-11-22T10:00:00Z"));
    const pausedForHalfAnHour = await addMerchant(db, places, HOME, { availability: "paused", pausedUntil: new Date("2026-11-20T20:15:00Z") });
    // A closure over every lunch slot of the next week still finds the Monday after it.
    const longHoliday = await addMerchant(db, places, HOME, {}, lunch);
    await addClosure(db, longHoliday.id, new Date("2026-11-20T00:00:00Z"), new Date("2026-11-30T00:00:00Z"));

    const page = await merchantsDeliveringTo(db, HOME, { ...base, includeClosed: true });
    const byId = new Map(page.items.map((m) => [m.id, m]));
    expect(page.items[0]?.id).toBe(open.id);
    expect(byId.get(open.id)).toMatchObject({ openNow: true, nextOpensAt: null });
    expect(byId.get(lunchOnly.id)).toMatchObject({ openNow: false, nextOpensAt: new Date("2026-11-21T12:00:00Z") });
    expect(byId.get(thursdays.id)?.nextOpensAt).toEqual(new Date("2026-11-26T18:00:00Z"));
    expect(byId.get(closedForTheWeekend.id)?.nextOpensAt).toEqual(new Date("2026-11-22T10:00:00Z"));
    expect(byId.get(pausedForHalfAnHour.id)).toMatchObject({ availability: "paused", nextOpensAt: new Date("2026-11-20T20:15:00Z") });
    expect(byId.get(longHoliday.id)?.nextOpensAt).toEqual(new Date("2026-11-30T12:00:00Z"));
    expect(page.items).toHaveLength(6);
  });
});

describe(`merchantsDeliveringTo: estimate and order on ${testBackend()}`, () => {
  it("orders by preparation + travel, with the busy surcharge, then by id", async () => {
    const near = await project(db, HOME, 300, 90);
    const far = await project(db, HOME, 1500, 270);
    const slowNear = await addMerchant(db, places, near, { defaultPrepTimeMin: 40 });
    const quickFar = await addMerchant(db, places, far, { defaultPrepTimeMin: 10 });
    const busyNear = await addMerchant(db, places, near, { defaultPrepTimeMin: 10, availability: "busy", busyExtraPrepMin: 20 });
    const twinA = await addMerchant(db, places, near, { defaultPrepTimeMin: 12 });
    const twinB = await addMerchant(db, places, near, { defaultPrepTimeMin: 12 });
    const page = await merchantsDeliveringTo(db, HOME, base);
    const twins = [twinA.id, twinB.id].sort();
    expect(page.items.map((m) => m.id)).toEqual([...twins, quickFar.id, busyNear.id, slowNear.id]);

    const hit = page.items.find((m) => m.id === quickFar.id);
    const d = await distanceM(db, far, HOME);
    expect(hit?.distanceM).toBeCloseTo(1500, 3);
    expect(hit?.distanceM).toBe(d);
    expect(hit?.etaS).toBe(10 * 60 + travelTimeS(GEO_CONFIG, d, "scooter"));
    expect(page.items.find((m) => m.id === busyNear.id)).toMatchObject({ prepTimeMin: 30, availability: "busy" });
  });

  it("estimates travel with the vehicle it is told to assume", async () => {
    const m = await addMerchant(db, places, await project(db, HOME, 1000, 0));
    const [byFoot] = (await merchantsDeliveringTo(db, HOME, { ...base, etaVehicle: "foot" })).items;
    expect(byFoot?.id).toBe(m.id);
    expect(byFoot?.etaS).toBe(15 * 60 + travelTimeS(GEO_CONFIG, byFoot?.distanceM ?? NaN, "foot"));
  });
});

describe(`merchantsDeliveringTo: search and pages on ${testBackend()}`, () => {
  it("finds merchants by name, cuisine or available dish, forgiving a typo", async () => {
    const pizzeria = await addMerchant(db, places, HOME, { name: "Pizzaria Bella", cuisines: ["italian"] });
    const tasca = await addMerchant(db, places, HOME, { name: "Tasca do Zé", cuisines: ["portuguese"] });
    await addDish(tasca.id, "Bacalhau à Brás");
    await addDish(tasca.id, "Ramen Tonkotsu", false);
    const sushi = await addMerchant(db, places, HOME, { name: "Corner", cuisines: ["japanese", "sushi"] });
    expect(await ids(HOME, { search: "pizza" })).toEqual([pizzeria.id]);
    expect(await ids(HOME, { search: "piza" })).toEqual([pizzeria.id]);
    expect(await ids(HOME, { search: "bacalhau" })).toEqual([tasca.id]);
    expect(await ids(HOME, { search: "Sushi" })).toEqual([sushi.id]);
    expect(await ids(HOME, { search: "ramen" })).toEqual([]); // sold only as an unavailable dish
    expect(await ids(HOME, { search: "100%_" })).toEqual([]); // LIKE metacharacters are literal
    expect(await ids(HOME, { cuisine: "Japanese" })).toEqual([sushi.id]);
    expect((await ids(HOME, { search: "  " })).length).toBe(3);
  });

  it("pages through the list with a cursor, without gaps or repeats", async () => {
    for (let i = 0; i < 7; i++) await addMerchant(db, places, await project(db, HOME, 100 + 150 * i, 30 * i), { defaultPrepTimeMin: 10 + (i % 3) });
    const closed = await addMerchant(db, places, HOME, {}, [[1, "12:00", "13:00"]]);
    const all = (await merchantsDeliveringTo(db, HOME, { ...base, includeClosed: true, limit: 100 })).items.map((m) => m.id);
    expect(all).toHaveLength(8);
    expect(all.at(-1)).toBe(closed.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof merchantsDeliveringTo>> = await merchantsDeliveringTo(db, HOME, { ...base, includeClosed: true, limit: 3, cursor });
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all);
  });

  it("refuses a cursor it did not make", async () => {
    await expect(merchantsDeliveringTo(db, HOME, { ...base, cursor: "bm9wZQ" })).rejects.toThrow(/Invalid cursor/);
  });
});
