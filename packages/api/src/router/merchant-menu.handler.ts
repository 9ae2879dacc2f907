// What the merchant portal reads to edit the menu and the store: the whole menu as the kitchen
// sees it (sold-out dishes and options included, unlike the customer's catalogue) and the store's
// settings, hours and upcoming closures. Each function takes the caller's own merchant id.
import { and, asc, eq, gt, sql } from "drizzle-orm";

import { notFound } from "@lastmile/core/errors";
import type { TDbOrTx } from "@lastmile/db/client";
import { menuCategories, menuItemModifierGroups, menuItems, merchantClosures, merchantHours, merchants, modifierGroups, modifiers } from "@lastmile/db/schema";

export async function merchantMenu(db: TDbOrTx, merchantId: string) {
  const [categories, items, groups, options, links] = await Promise.all([
    db.select({ id: menuCategories.id, name: menuCategories.name, position: menuCategories.position }).from(menuCategories).where(eq(menuCategories.merchantId, merchantId)).orderBy(asc(menuCategories.position), asc(menuCategories.name)),
    db
      .select({
        id: menuItems.id,
        categoryId: menuItems.categoryId,
        name: menuItems.name,
        description: menuItems.description,
        priceCents: menuItems.priceCents,
        currency: menuItems.currency,
        photoUrl: menuItems.photoUrl,
        tags: menuItems.tags,
        allergens: menuItems.allergens,
        available: menuItems.available,
        stockCount: menuItems.stockCount,
      })
      .from(menuItems)
      .where(eq(menuItems.merchantId, merchantId))
      .orderBy(asc(menuItems.position), asc(menuItems.name)),
    db.select({ id: modifierGroups.id, name: modifierGroups.name, minChoices: modifierGroups.minChoices, maxChoices: modifierGroups.maxChoices }).from(modifierGroups).where(eq(modifierGroups.merchantId, merchantId)).orderBy(asc(modifierGroups.name)),
    db
      .select({ id: modifiers.id, groupId: modifiers.groupId, name: modifiers.name, priceDeltaCents: modifiers.priceDeltaCents, available: modifiers.available })
      .from(modifiers)
      .innerJoin(modifierGroups, eq(modifierGroups.id, modifiers.groupId))
      .where(eq(modifierGroups.merchantId, merchantId))
      .orderBy(asc(modifiers.position)),
    db
      .select({ itemId: menuItemModifierGroups.itemId, groupId: menuItemModifierGroups.groupId })
      .from(menuItemModifierGroups)
      .innerJoin(menuItems, eq(menuItems.id, menuItemModifierGroups.itemId))
      .where(eq(menuItems.merchantId, merchantId))
      .orderBy(asc(menuItemModifierGroups.position)),
  ]);
  return {
    categories: categories.map((c) => ({
      ...c,
      items: items
        .filter((i) => i.categoryId === c.id)
        .map((i) => ({ ...i, modifierGroupIds: links.filter((l) => l.itemId === i.id).map((l) => l.groupId) })),
    })),
    modifierGroups: groups.map((g) => ({
      ...g,
      modifiers: options.filter((o) => o.groupId === g.id).map(({ groupId: _g, ...o }) => o),
      usedBy: links.filter((l) => l.groupId === g.id).length,
    })),
  };
}

export async function storeSettings(db: TDbOrTx, merchantId: string) {
  const [m] = await db
    .select({
      id: merchants.id,
      name: merchants.name,
      timezone: merchants.timezone,
      currency: merchants.currency,
      availability: merchants.availability,
      pausedUntil: merchants.pausedUntil,
      defaultPrepTimeMin: merchants.defaultPrepTimeMin,
      busyExtraPrepMin: merchants.busyExtraPrepMin,
      autoAccept: merchants.autoAccept,
      newOrderEmails: merchants.newOrderEmails,
      deliveryRadiusM: merchants.deliveryRadiusM,
      hasDeliveryArea: sql<boolean>`${merchants.deliveryArea} is not null`,
      deliveryArea: merchants.deliveryArea,
      location: sql<string>`ST_AsGeoJSON(${merchants.location})`,
    })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  if (!m) throw notFound("That restaurant");
  const [hours, closures] = await Promise.all([
    db.select({ weekday: merchantHours.weekday, opensAt: merchantHours.opensAt, closesAt: merchantHours.closesAt }).from(merchantHours).where(eq(merchantHours.merchantId, merchantId)).orderBy(asc(merchantHours.weekday), asc(merchantHours.opensAt)),
    // Closures already over are history; the page lists what is coming or happening now.
    db
      .select({ id: merchantClosures.id, startsAt: merchantClosures.startsAt, endsAt: merchantClosures.endsAt, reason: merchantClosures.reason })
      .from(merchantClosures)
      .where(and(eq(merchantClosures.merchantId, merchantId), gt(merchantClosures.endsAt, new Date())))
      .orderBy(asc(merchantClosures.startsAt)),
  ]);
  const point = JSON.parse(m.location) as { coordinates: [number, number] };
  return {
    ...m,
    location: { lng: point.coordinates[0], lat: point.coordinates[1] },
    // Postgres prints `time` as HH:MM:SS; the form and setHours speak HH:MM.
    hours: hours.map((h) => ({ weekday: h.weekday, opensAt: h.opensAt.slice(0, 5), closesAt: h.closesAt.slice(0, 5) })),
    closures,
  };
}
