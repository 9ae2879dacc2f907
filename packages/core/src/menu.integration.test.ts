import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { menuItems, merchantHours } from "@lastmile/db/schema";
import { countRows, getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { addToCart } from "./cart";
import type { DomainError } from "./errors";
import { setHours, setStock, upsertCategory, upsertItem, upsertModifierGroup } from "./menu";

let db: TDb;
let city: TMiniCity;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
});
const fails = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a refusal"); }, (e: unknown) => e as DomainError);

describe(`menu management on ${testBackend()}`, () => {
  it("adds a dish with a required option group that customers must then choose from", async () => {
    const cat = await upsertCategory(db, city.merchant.id, { name: "Desserts" });
    const sauce = await upsertModifierGroup(db, city.merchant.id, { name: "Topping", minChoices: 1, maxChoices: 1, modifiers: [{ name: "Cinnamon", priceDeltaCents: 0 }, { name: "Chocolate", priceDeltaCents: 50 }] });
    const nata = await upsertItem(db, city.merchant.id, { categoryId: cat?.id as string, name: "Pastel de nata", priceCents: 150, allergens: ["eggs", "milk", "gluten"], modifierGroupIds: [sauce.id] });
    const missing = await fails(addToCart(db, city.users.customer.id, { itemId: nata.id, modifierIds: [], quantity: 1 }));
    expect(missing.message).toBe("Choose a topping for Pastel de nata.");
    const cart = await addToCart(db, city.users.customer.id, { itemId: nata.id, modifierIds: [sauce.modifiers[1]?.id as string], quantity: 2 });
    expect(cart.subtotalCents).toBe(400);
  });

  it("validates with messages a restaurant owner can act on, and changes nothing", async () => {
    const before = await countRows(db, "modifier_groups");
    expect(await fails(upsertModifierGroup(db, city.merchant.id, { name: "Size", minChoices: 2, maxChoices: 1, modifiers: [{ name: "S", priceDeltaCents: 0 }] }))).toMatchObject({ field: "minChoices", message: "The minimum cannot be more than the maximum." });
    expect(await fails(upsertModifierGroup(db, city.merchant.id, { name: "Size", minChoices: 1, maxChoices: 1, modifiers: [{ name: "S", priceDeltaCents: 0, available: false }] }))).toMatchObject({ field: "modifiers", message: "Customers must choose 1, so at least 1 option must be available." });
    expect(await fails(upsertItem(db, city.merchant.id, { categoryId: city.items.dish.categoryId, name: "Free lunch", priceCents: -1 }))).toMatchObject({ field: "priceCents" });
    expect(await fails(upsertItem(db, city.merchant.id, { categoryId: city.items.pizza.categoryId, name: "Sneaky", priceCents: 100 }))).toMatchObject({ field: "categoryId" });
    expect(await fails(upsertCategory(db, city.merchant.id, { name: "mains" }))).toMatchObject({ message: "There is already a category called mains." });
    expect(await countRows(db, "modifier_groups")).toBe(before);
  });

  it("switches a dish off at zero stock and back on when stock returns", async () => {
    await setStock(db, city.merchant.id, city.items.drink.id, 0);
    expect((await fails(addToCart(db, city.users.customer.id, { itemId: city.items.drink.id, modifierIds: [], quantity: 1 }))).message).toBe("Sumol is sold out right now.");
    await setStock(db, city.merchant.id, city.items.drink.id, 3);
    expect((await addToCart(db, city.users.customer.id, { itemId: city.items.drink.id, modifierIds: [], quantity: 3 })).lines).toHaveLength(1);
    expect(await fails(setStock(db, city.other.id, city.items.drink.id, 9))).toMatchObject({ kind: "NotFound" });
    expect((await db.select().from(menuItems).where(eq(menuItems.id, city.items.drink.id)))[0]?.stockCount).toBe(3);
  });

  it("takes weekly hours past midnight but not overlapping ones", async () => {
    const hours = await setHours(db, city.merchant.id, [{ weekday: 5, opensAt: "18:00", closesAt: "02:00" }, { weekday: 6, opensAt: "12:00", closesAt: "15:00" }]);
    expect(hours).toHaveLength(2);
    const overlap = await fails(setHours(db, city.merchant.id, [{ weekday: 5, opensAt: "18:00", closesAt: "02:00" }, { weekday: 6, opensAt: "01:00", closesAt: "04:00" }]));
    expect(overlap.message).toMatch(/^Slots overlap on day/);
    expect(await db.select().from(merchantHours).where(eq(merchantHours.merchantId, city.merchant.id))).toHaveLength(2);
  });
});
