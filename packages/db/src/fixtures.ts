// Small hand-made rows for tests that need a place, a merchant or a person to exist.
import { eq } from "drizzle-orm";

import type { TDbOrTx } from "./client";
import { point } from "./geometry";
import type { TPolygon } from "./geometry";
import {
  areas,
  configVersions,
  couriers,
  customerAddresses,
  menuCategories,
  menuItemModifierGroups,
  menuItems,
  merchantHours,
  merchantMembers,
  merchants,
  modifierGroups,
  modifiers,
  rolePermissions,
  serviceZones,
  users,
} from "./schema";
import type { TRole } from "./schema";

/** A square around Baixa, Lisbon. */
export const BAIXA_SQUARE: TPolygon = {
  type: "Polygon",
  coordinates: [
    [
      [-9.16, 38.7],
      [-9.12, 38.7],
      [-9.12, 38.73],
      [-9.16, 38.73],
      [-9.16, 38.7],
    ],
  ],
};

export async function insertCountry(db: TDbOrTx, slug = "pt") {
  const [row] = await db
    .insert(areas)
    .values({
      level: "country",
      slug,
      name: "Portugal",
      timezone: "Europe/Lisbon",
      currency: "EUR",
      boundary: { type: "MultiPolygon", coordinates: [BAIXA_SQUARE.coordinates] },
    })
    .returning();
  if (!row) throw new Error("insert failed");
  return row;
}

export async function insertMerchant(
  db: TDbOrTx,
  areaId: string,
  values: Partial<typeof merchants.$inferInsert> = {},
) {
  const [row] = await db
    .insert(merchants)
    .values({
      slug: "tasca",
      name: "Tasca",
      location: point(-9.14, 38.71),
      address: "Rua Augusta 1",
      areaId,
      timezone: "Europe/Lisbon",
      currency: "EUR",
      deliveryRadiusM: 2000,
      ...values,
    })
    .returning();
  if (!row) throw new Error("insert failed");
  return row;
}

export async function insertUser(db: TDbOrTx, email = "ana@example.com", name = "Ana") {
  const [row] = await db.insert(users).values({ email, name }).returning();
  if (!row) throw new Error("insert failed");
  return row;
}

/** Replaces a merchant's opening hours with the same hours on every day of the week. */
export async function setDailyHours(
  db: TDbOrTx,
  merchantId: string,
  opensAt: string,
  closesAt: string,
) {
  await db.delete(merchantHours).where(eq(merchantHours.merchantId, merchantId));
  await db
    .insert(merchantHours)
    .values(
      Array.from({ length: 7 }, (_, i) => ({ merchantId, weekday: i + 1, opensAt, closesAt })),
    );
}

/**
 * A small, complete corner of Lisbon for domain tests: one active zone over Baixa, a verified
 * merchant open every day (Tasca) with a menu — a dish with a required size and optional
 * extras, a drink, a stock-tracked special — a customer with an address 600 m away and one
 * across the river, staff for the merchant, an online courier standing at the restaurant,
 * and the pricing and dispatch configuration.
 */
export async function insertMiniCity(db: TDbOrTx) {
  const { DEFAULT_DISPATCH, DEFAULT_GEO, DEFAULT_PRICING } = await import("./seed/config-defaults");
  const { ROLE_PERMISSIONS } = await import("./seed/permissions");
  await db.insert(rolePermissions).values(Object.entries(ROLE_PERMISSIONS).flatMap(([role, perms]) => perms.map((permission) => ({ role: role as TRole, permission }))));
  const country = await insertCountry(db, "pt-mini");
  const [zone] = await db
    .insert(serviceZones)
    .values({ areaId: country.id, slug: "baixa-mini", name: "Baixa", boundary: BAIXA_SQUARE, pricingMultiplierBp: 10000 })
    .returning();
  if (!zone) throw new Error("insert failed");
  const merchant = await insertMerchant(db, country.id, { slug: "tasca-mini", name: "Tasca Mini", zoneId: zone.id, status: "verified", location: point(-9.1393, 38.7139), deliveryRadiusM: 3000, defaultPrepTimeMin: 15 });
  const other = await insertMerchant(db, country.id, { slug: "pizzaria-mini", name: "Pizzaria Mini", zoneId: zone.id, status: "verified", location: point(-9.1420, 38.7110), deliveryRadiusM: 3000 });
  for (const m of [merchant, other]) {
    // Open around the clock, to the last minute: a test run at 23:59 Lisbon time must not find it closed.
    await setDailyHours(db, m.id, "00:00", "24:00");
  }
  const [mains] = await db.insert(menuCategories).values({ merchantId: merchant.id, name: "Mains" }).returning();
  const [otherCat] = await db.insert(menuCategories).values({ merchantId: other.id, name: "Pizza" }).returning();
  const [dish, drink, special] = await db
    .insert(menuItems)
    .values([
      { merchantId: merchant.id, categoryId: mains?.id as string, name: "Bacalhau à Brás", priceCents: 1250, currency: "EUR" },
      { merchantId: merchant.id, categoryId: mains?.id as string, name: "Sumol", priceCents: 250, currency: "EUR" },
      { merchantId: merchant.id, categoryId: mains?.id as string, name: "Cozido (Sunday special)", priceCents: 1800, currency: "EUR", stockCount: 2 },
    ])
    .returning();
  const [pizza] = await db.insert(menuItems).values({ merchantId: other.id, categoryId: otherCat?.id as string, name: "Margherita", priceCents: 990, currency: "EUR" }).returning();
  const [size, extras] = await db
    .insert(modifierGroups)
    .values([
      { merchantId: merchant.id, name: "Size", minChoices: 1, maxChoices: 1 },
      { merchantId: merchant.id, name: "Extras", minChoices: 0, maxChoices: 2 },
    ])
    .returning();
  const [regular, large, egg, olives, bread] = await db
    .insert(modifiers)
    .values([
      { groupId: size?.id as string, name: "Regular", priceDeltaCents: 0 },
      { groupId: size?.id as string, name: "Large", priceDeltaCents: 300 },
      { groupId: extras?.id as string, name: "Extra egg", priceDeltaCents: 100 },
      { groupId: extras?.id as string, name: "Olives", priceDeltaCents: 80 },
      { groupId: extras?.id as string, name: "Bread", priceDeltaCents: 120 },
    ])
    .returning();
  await db.insert(menuItemModifierGroups).values([
    { itemId: dish?.id as string, groupId: size?.id as string, position: 0 },
    { itemId: dish?.id as string, groupId: extras?.id as string, position: 1 },
  ]);
  const customer = await insertUser(db, "cliente@example.com", "Clara Cliente");
  const otherCustomer = await insertUser(db, "outro@example.com", "Otto Outro");
  const owner = await insertUser(db, "dono@example.com", "Duarte Dono");
  const staff = await insertUser(db, "cozinha@example.com", "Catarina Cozinha");
  const otherStaff = await insertUser(db, "pizza@example.com", "Paulo Pizza");
  const courierUser = await insertUser(db, "estafeta@example.com", "Eva Estafeta");
  const otherCourierUser = await insertUser(db, "estafeta2@example.com", "Eduardo Estafeta");
  await db.insert(merchantMembers).values([
    { merchantId: merchant.id, userId: owner.id, role: "owner" },
    { merchantId: merchant.id, userId: staff.id, role: "staff" },
    { merchantId: other.id, userId: otherStaff.id, role: "staff" },
  ]);
  const [home, almada] = await db
    .insert(customerAddresses)
    .values([
      { userId: customer.id, label: "Home", line1: "Rua Augusta 100", city: "Lisboa", location: point(-9.1365, 38.7095), isDefault: true, instructions: "2nd floor" },
      { userId: customer.id, label: "Family", line1: "Rua Capitão Leitão 45", city: "Almada", location: point(-9.1569, 38.679) },
    ])
    .returning();
  const [courier, otherCourier] = await db
    .insert(couriers)
    .values([
      { userId: courierUser.id, vehicle: "ebike", status: "online", applicationStatus: "approved", homeZoneId: zone.id, currentLocation: point(-9.1393, 38.7139), lastSeenAt: new Date() },
      { userId: otherCourierUser.id, vehicle: "bicycle", status: "online", applicationStatus: "approved", homeZoneId: zone.id, currentLocation: point(-9.1400, 38.7130), lastSeenAt: new Date() },
    ])
    .returning();
  await db.insert(configVersions).values(
    [
      ["pricing", DEFAULT_PRICING],
      ["dispatch", DEFAULT_DISPATCH],
      ["geo", DEFAULT_GEO],
    ].map(([key, value]) => ({ key: key as string, version: 1, value: value as Record<string, unknown>, active: true })),
  );
  const must = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error("fixture insert failed");
    return v;
  };
  return {
    country,
    zone,
    merchant,
    other,
    items: { dish: must(dish), drink: must(drink), special: must(special), pizza: must(pizza) },
    modifiers: { regular: must(regular), large: must(large), egg: must(egg), olives: must(olives), bread: must(bread) },
    users: { customer, otherCustomer, owner, staff, otherStaff, courierUser, otherCourierUser },
    addresses: { home: must(home), almada: must(almada) },
    couriers: { courier: must(courier), otherCourier: must(otherCourier) },
  };
}

export type TMiniCity = Awaited<ReturnType<typeof insertMiniCity>>;
