// Menu and store management for a merchant. Every function takes the merchant's id and only
// ever touches that merchant's rows, so a caller cannot reach into another restaurant's menu.
import { and, eq, inArray, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { menuCategories, menuItemModifierGroups, menuItems, merchantClosures, merchantHours, merchants, modifierGroups, modifiers } from "@lastmile/db/schema";

import { invalid, notFound } from "./errors";

export type TCategoryInput = { id?: string; name: string; position?: number };
export type TItemInput = {
  id?: string;
  categoryId: string;
  name: string;
  description?: string;
  priceCents: number;
  photoUrl?: string | null;
  tags?: string[];
  allergens?: string[];
  available?: boolean;
  stockCount?: number | null;
  modifierGroupIds?: string[];
};
export type TModifierGroupInput = {
  id?: string;
  name: string;
  minChoices: number;
  maxChoices: number;
  modifiers: { id?: string; name: string; priceDeltaCents: number; available?: boolean }[];
};

export async function upsertCategory(db: TDb, merchantId: string, input: TCategoryInput) {
  const name = input.name.trim();
  if (!name) throw invalid("name", "Give the category a name.");
  const clash = await db.select({ id: menuCategories.id }).from(menuCategories).where(and(eq(menuCategories.merchantId, merchantId), sql`lower(${menuCategories.name}) = lower(${name})`));
  if (clash.some((c) => c.id !== input.id)) throw invalid("name", `There is already a category called ${name}.`);
  if (input.id) {
    const [row] = await db.update(menuCategories).set({ name, ...(input.position !== undefined ? { position: input.position } : {}) }).where(and(eq(menuCategories.id, input.id), eq(menuCategories.merchantId, merchantId))).returning();
    if (!row) throw notFound("That category");
    return row;
  }
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(menuCategories).where(eq(menuCategories.merchantId, merchantId));
  const [row] = await db.insert(menuCategories).values({ merchantId, name, position: input.position ?? n }).returning();
  return row;
}

/** New order of categories: the ids listed, top to bottom. */
export async function reorderCategories(db: TDb, merchantId: string, ids: string[]) {
  return db.transaction(async (tx) => {
    const own = await tx.select({ id: menuCategories.id }).from(menuCategories).where(eq(menuCategories.merchantId, merchantId));
    const ownIds = new Set(own.map((c) => c.id));
    if (ids.length !== ownIds.size || ids.some((id) => !ownIds.has(id))) throw invalid("ids", "List every category of the menu exactly once.");
    for (const [position, id] of ids.entries()) await tx.update(menuCategories).set({ position }).where(eq(menuCategories.id, id));
    return ids;
  });
}

export async function upsertItem(db: TDb, merchantId: string, input: TItemInput) {
  if (!input.name.trim()) throw invalid("name", "Give the dish a name.");
  if (!Number.isInteger(input.priceCents) || input.priceCents < 0) throw invalid("priceCents", "The price must be zero or more, in whole cents.");
  if (input.stockCount !== undefined && input.stockCount !== null && (!Number.isInteger(input.stockCount) || input.stockCount < 0)) throw invalid("stockCount", "Stock must be zero or more.");
  return db.transaction(async (tx) => {
    const [cat] = await tx.select({ id: menuCategories.id }).from(menuCategories).where(and(eq(menuCategories.id, input.categoryId), eq(menuCategories.merchantId, merchantId)));
    if (!cat) throw invalid("categoryId", "Choose one of your menu's categories.");
    const groupIds = [...new Set(input.modifierGroupIds ?? [])];
    if (groupIds.length) {
      const groups = await tx.select({ id: modifierGroups.id }).from(modifierGroups).where(and(inArray(modifierGroups.id, groupIds), eq(modifierGroups.merchantId, merchantId)));
      if (groups.length !== groupIds.length) throw invalid("modifierGroupIds", "Choose option groups from your own menu.");
    }
    const [m] = await tx.select({ currency: merchants.currency }).from(merchants).where(eq(merchants.id, merchantId));
    const values = {
      categoryId: input.categoryId,
      name: input.name.trim(),
      description: input.description?.trim() ?? "",
      priceCents: input.priceCents,
      photoUrl: input.photoUrl ?? null,
      tags: input.tags ?? [],
      allergens: input.allergens ?? [],
      ...(input.available !== undefined ? { available: input.available } : {}),
      ...(input.stockCount !== undefined ? { stockCount: input.stockCount } : {}),
    };
    const [item] = input.id
      ? await tx.update(menuItems).set(values).where(and(eq(menuItems.id, input.id), eq(menuItems.merchantId, merchantId))).returning()
      : await tx.insert(menuItems).values({ ...values, merchantId, currency: m?.currency ?? "EUR" }).returning();
    if (!item) throw notFound("That dish");
    if (input.modifierGroupIds) {
      await tx.delete(menuItemModifierGroups).where(eq(menuItemModifierGroups.itemId, item.id));
      if (groupIds.length) await tx.insert(menuItemModifierGroups).values(groupIds.map((groupId, position) => ({ itemId: item.id, groupId, position })));
    }
    return item;
  });
}

/** Sets how many are left; at zero the dish shows as sold out until stock is added. */
export async function setStock(db: TDb, merchantId: string, itemId: string, stockCount: number | null) {
  if (stockCount !== null && (!Number.isInteger(stockCount) || stockCount < 0)) throw invalid("stockCount", "Stock must be zero or more.");
  const [item] = await db.update(menuItems).set({ stockCount }).where(and(eq(menuItems.id, itemId), eq(menuItems.merchantId, merchantId))).returning({ id: menuItems.id, stockCount: menuItems.stockCount });
  if (!item) throw notFound("That dish");
  return item;
}

export async function upsertModifierGroup(db: TDb, merchantId: string, input: TModifierGroupInput) {
  if (!input.name.trim()) throw invalid("name", "Give the option group a name, like Size.");
  if (!Number.isInteger(input.minChoices) || input.minChoices < 0) throw invalid("minChoices", "The minimum is zero or more.");
  if (!Number.isInteger(input.maxChoices) || input.maxChoices < 1) throw invalid("maxChoices", "The maximum is at least 1.");
  if (input.minChoices > input.maxChoices) throw invalid("minChoices", "The minimum cannot be more than the maximum.");
  if (input.modifiers.length === 0) throw invalid("modifiers", "Add at least one option.");
  const available = input.modifiers.filter((m) => m.available !== false).length;
  if (available < input.minChoices) throw invalid("modifiers", `Customers must choose ${input.minChoices}, so at least ${input.minChoices} option${input.minChoices === 1 ? "" : "s"} must be available.`);
  for (const m of input.modifiers) {
    if (!m.name.trim()) throw invalid("modifiers", "Every option needs a name.");
    if (!Number.isInteger(m.priceDeltaCents) || Math.abs(m.priceDeltaCents) > 100000) throw invalid("modifiers", `The price change for ${m.name} must be whole cents, at most €1,000 either way.`);
  }
  return db.transaction(async (tx) => {
    const values = { name: input.name.trim(), minChoices: input.minChoices, maxChoices: input.maxChoices };
    const [group] = input.id
      ? await tx.update(modifierGroups).set(values).where(and(eq(modifierGroups.id, input.id), eq(modifierGroups.merchantId, merchantId))).returning()
      : await tx.insert(modifierGroups).values({ ...values, merchantId }).returning();
    if (!group) throw notFound("That option group");
    const existing = await tx.select({ id: modifiers.id }).from(modifiers).where(eq(modifiers.groupId, group.id));
    const keep = new Set(input.modifiers.flatMap((m) => (m.id ? [m.id] : [])));
    if ([...keep].some((id) => !existing.some((e) => e.id === id))) throw invalid("modifiers", "An option belongs to another group.");
    const drop = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
    if (drop.length) await tx.delete(modifiers).where(inArray(modifiers.id, drop));
    for (const [position, m] of input.modifiers.entries()) {
      const v = { name: m.name.trim(), priceDeltaCents: m.priceDeltaCents, available: m.available ?? true, position };
      if (m.id) await tx.update(modifiers).set(v).where(eq(modifiers.id, m.id));
      else await tx.insert(modifiers).values({ ...v, groupId: group.id });
    }
    return { ...group, modifiers: await tx.select().from(modifiers).where(eq(modifiers.groupId, group.id)).orderBy(modifiers.position) };
  });
}

export type TStoreSettings = {
  defaultPrepTimeMin?: number;
  busyExtraPrepMin?: number;
  autoAccept?: boolean;
  deliveryRadiusM?: number;
  /** Email the owners about each new order. */
  newOrderEmails?: boolean;
};

export async function updateStoreSettings(db: TDb, merchantId: string, input: TStoreSettings) {
  if (input.defaultPrepTimeMin !== undefined && !(input.defaultPrepTimeMin >= 1 && input.defaultPrepTimeMin <= 180)) throw invalid("defaultPrepTimeMin", "Preparation time is between 1 and 180 minutes.");
  if (input.busyExtraPrepMin !== undefined && !(input.busyExtraPrepMin >= 0 && input.busyExtraPrepMin <= 120)) throw invalid("busyExtraPrepMin", "Extra time when busy is between 0 and 120 minutes.");
  if (input.deliveryRadiusM !== undefined && !(input.deliveryRadiusM >= 100 && input.deliveryRadiusM <= 30000)) throw invalid("deliveryRadiusM", "The delivery radius is between 100 m and 30 km.");
  const [m] = await db.update(merchants).set(input).where(eq(merchants.id, merchantId)).returning({ defaultPrepTimeMin: merchants.defaultPrepTimeMin, busyExtraPrepMin: merchants.busyExtraPrepMin, autoAccept: merchants.autoAccept, deliveryRadiusM: merchants.deliveryRadiusM, newOrderEmails: merchants.newOrderEmails });
  if (!m) throw notFound("That restaurant");
  return m;
}

export type TSlot = { weekday: number; opensAt: string; closesAt: string };
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Replaces the weekly opening hours. Slots may run past midnight; they may not overlap. */
export async function setHours(db: TDb, merchantId: string, slots: TSlot[]) {
  for (const s of slots) {
    if (!(Number.isInteger(s.weekday) && s.weekday >= 1 && s.weekday <= 7)) throw invalid("weekday", "Weekdays run from 1 (Monday) to 7 (Sunday).");
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.opensAt) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(s.closesAt)) throw invalid("hours", "Write times as HH:MM, e.g. 19:30.");
    if (s.opensAt === s.closesAt) throw invalid("hours", "A slot must open and close at different times.");
  }
  // Overlaps, on a week of minutes (a slot past midnight spills into the next day).
  const spans = slots.map((s) => {
    const start = (s.weekday - 1) * 1440 + minutes(s.opensAt);
    const len = (minutes(s.closesAt) - minutes(s.opensAt) + 1440) % 1440;
    return { s, start, end: start + len };
  });
  for (const a of spans) {
    for (const b of spans) {
      if (a === b) continue;
      const overlap = (x: typeof a, y: typeof a) => x.start < y.end && y.start < x.end;
      const wrapped = { ...b, start: b.start + 7 * 1440, end: b.end + 7 * 1440 };
      if (overlap(a, b) || overlap(a, wrapped)) throw invalid("hours", `Slots overlap on day ${a.s.weekday} (${a.s.opensAt}–${a.s.closesAt} and ${b.s.opensAt}–${b.s.closesAt}).`);
    }
  }
  return db.transaction(async (tx) => {
    await tx.delete(merchantHours).where(eq(merchantHours.merchantId, merchantId));
    if (slots.length) await tx.insert(merchantHours).values(slots.map((s) => ({ merchantId, ...s })));
    return tx.select().from(merchantHours).where(eq(merchantHours.merchantId, merchantId)).orderBy(merchantHours.weekday, merchantHours.opensAt);
  });
}

export async function addClosure(db: TDb, merchantId: string, input: { startsAt: Date; endsAt: Date; reason: string }) {
  if (input.endsAt <= input.startsAt) throw invalid("endsAt", "The closure must end after it starts.");
  if (input.endsAt.getTime() - input.startsAt.getTime() > 90 * 86400_000) throw invalid("endsAt", "A closure lasts at most 90 days; pause the store for longer breaks.");
  const [row] = await db.insert(merchantClosures).values({ merchantId, ...input }).returning();
  return row;
}

export async function removeClosure(db: TDb, merchantId: string, closureId: string) {
  const gone = await db.delete(merchantClosures).where(and(eq(merchantClosures.id, closureId), eq(merchantClosures.merchantId, merchantId))).returning({ id: merchantClosures.id });
  if (!gone.length) throw notFound("That closure");
  return { removed: closureId };
}
