// The database itself refuses rows the domain forbids, and a refused write changes nothing.
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "./client";
import { point } from "./geometry";
import type { TPolygon } from "./geometry";
import { insertCountry, insertMerchant, insertUser } from "./fixtures";
import {
  menuCategories,
  menuItems,
  merchants,
  modifierGroups,
  reviews,
  serviceZones,
  users,
} from "./schema";
import { countRows, getTestDb, resetTestDb, testBackend } from "./testing";

let db: TDb;

/** The Postgres error behind Drizzle's wrapper: its message and constraint name. */
async function rejection(write: Promise<unknown>) {
  try {
    await write;
  } catch (error) {
    const cause = (
      error as { cause?: { message?: string; constraint_name?: string; constraint?: string } }
    ).cause;
    const message = `${(error as Error).message} ${cause?.message ?? ""}`;
    return { message, constraint: cause?.constraint_name ?? cause?.constraint ?? "" };
  }
  throw new Error("expected the database to reject the write");
}

async function fixture() {
  const country = await insertCountry(db);
  const merchant = await insertMerchant(db, country.id);
  const [category] = await db
    .insert(menuCategories)
    .values({ merchantId: merchant.id, name: "Mains" })
    .returning();
  const user = await insertUser(db);
  return { country, merchant, categoryId: category?.id as string, userId: user.id };
}

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
});

describe(`constraints on ${testBackend()}`, () => {
  it("rejects a negative menu price and leaves the menu as it was", async () => {
    const f = await fixture();
    const before = await countRows(db, "menu_items");
    const r = await rejection(
      db.insert(menuItems).values({
        merchantId: f.merchant.id,
        categoryId: f.categoryId,
        name: "Bacalhau",
        priceCents: -1,
        currency: "EUR",
      }),
    );
    expect(r.message).toMatch(/menu_items_price_non_negative/);
    expect(await countRows(db, "menu_items")).toBe(before);
  });

  it("rejects a rating of 6", async () => {
    const f = await fixture();
    const r = await rejection(
      db.insert(reviews).values({
        orderId: "00000000-0000-4000-8000-000000000000",
        authorId: f.userId,
        target: "merchant",
        merchantId: f.merchant.id,
        rating: 6,
      }),
    );
    expect(r.message).toMatch(/reviews_rating_range|violates/);
    expect(await countRows(db, "reviews")).toBe(0);
  });

  it("rejects geometry in another SRID than 4326", async () => {
    const f = await fixture();
    // The typed API always writes SRID 4326; raw EWKT in Web Mercator must still bounce.
    const r = await rejection(
      db.execute(sql`insert into service_zones (area_id, slug, name, boundary)
        values (${f.country.id}, 'merc', 'Merc', 'SRID=3857;POLYGON((0 0,1 0,1 1,0 1,0 0))')`),
    );
    expect(r.message).toMatch(/SRID/i);
    expect(await countRows(db, "service_zones")).toBe(0);
  });

  it("rejects a self-intersecting zone polygon", async () => {
    const f = await fixture();
    const bowTie: TPolygon = {
      type: "Polygon",
      coordinates: [
        [
          [-9.16, 38.7],
          [-9.12, 38.73],
          [-9.12, 38.7],
          [-9.16, 38.73],
          [-9.16, 38.7],
        ],
      ],
    };
    const r = await rejection(
      db
        .insert(serviceZones)
        .values({ areaId: f.country.id, slug: "bow-tie", name: "Bow tie", boundary: bowTie }),
    );
    expect(r.message).toMatch(/service_zones_boundary_valid/);
    expect(await countRows(db, "service_zones")).toBe(0);
  });

  it("rejects a second account with the same email in another case", async () => {
    await fixture();
    const r = await rejection(
      db.insert(users).values({ email: "ANA@example.com", name: "Other Ana" }),
    );
    expect(r.message).toMatch(/users_email_lower_key/);
    expect(await countRows(db, "users")).toBe(1);
  });

  it("rejects a modifier group whose minimum exceeds its maximum", async () => {
    const f = await fixture();
    const r = await rejection(
      db
        .insert(modifierGroups)
        .values({ merchantId: f.merchant.id, name: "Size", minChoices: 3, maxChoices: 2 }),
    );
    expect(r.message).toMatch(/modifier_groups_choices/);
  });

  it("rejects a merchant with neither delivery radius nor delivery area", async () => {
    const f = await fixture();
    const r = await rejection(
      db.insert(merchants).values({
        slug: "nowhere",
        name: "Nowhere",
        location: point(-9.14, 38.71),
        address: "Rua X",
        areaId: f.country.id,
        timezone: "Europe/Lisbon",
        currency: "EUR",
      }),
    );
    expect(r.message).toMatch(/merchants_delivery_coverage/);
    expect(await countRows(db, "merchants")).toBe(1);
  });

  it("round-trips a point through PostGIS unchanged", async () => {
    const f = await fixture();
    const [m] = await db.select({ location: merchants.location }).from(merchants);
    expect(m?.location).toEqual({ type: "Point", coordinates: [-9.14, 38.71] });
    expect(f.country.boundary.type).toBe("MultiPolygon");
  });
});
