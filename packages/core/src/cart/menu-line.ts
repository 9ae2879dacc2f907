// Turning "item X with modifiers Y" into a priced line, checked against the live menu: the item
// is available and in stock, every modifier belongs to one of the item's groups and is
// available, and every group's min/max is respected. Used by the cart and again at checkout.
import { eq, inArray } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { menuItemModifierGroups, menuItems, modifierGroups, modifiers } from "@lastmile/db/schema";
import type { TOrderItemModifier } from "@lastmile/db/schema";

import { DomainError, invalid, notFound } from "../errors";

export type TPricedLine = {
  itemId: string;
  merchantId: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
  modifiers: TOrderItemModifier[];
  modifierIds: string[];
  lineTotalCents: number;
  stockCount: number | null;
};

export async function priceLine(db: TDbOrTx, input: { itemId: string; modifierIds: string[]; quantity: number }): Promise<TPricedLine> {
  const [item] = await db.select().from(menuItems).where(eq(menuItems.id, input.itemId));
  if (!item) throw notFound("That dish");
  if (!item.available || item.stockCount === 0) throw new DomainError("Conflict", `${item.name} is sold out right now.`, { field: "itemId" });
  if (item.stockCount !== null && input.quantity > item.stockCount) {
    throw new DomainError("Conflict", `Only ${item.stockCount} × ${item.name} left.`, { field: "quantity" });
  }
  const groups = await db
    .select({ id: modifierGroups.id, name: modifierGroups.name, min: modifierGroups.minChoices, max: modifierGroups.maxChoices })
    .from(menuItemModifierGroups)
    .innerJoin(modifierGroups, eq(modifierGroups.id, menuItemModifierGroups.groupId))
    .where(eq(menuItemModifierGroups.itemId, item.id))
    .orderBy(menuItemModifierGroups.position);
  const unique = [...new Set(input.modifierIds)];
  if (unique.length !== input.modifierIds.length) throw invalid("modifierIds", "Each option can be chosen once.");
  const chosen = unique.length
    ? await db.select().from(modifiers).where(inArray(modifiers.id, unique))
    : [];
  const groupById = new Map(groups.map((g) => [g.id, g]));
  for (const id of unique) {
    const m = chosen.find((c) => c.id === id);
    if (!m || !groupById.has(m.groupId)) throw invalid("modifierIds", `That option does not belong to ${item.name}.`);
    if (!m.available) throw new DomainError("Conflict", `${m.name} is not available right now.`, { field: "modifierIds" });
  }
  for (const g of groups) {
    const n = chosen.filter((c) => c.groupId === g.id).length;
    if (n < g.min) throw invalid("modifierIds", g.min === 1 && g.max === 1 ? `Choose a ${g.name.toLowerCase()} for ${item.name}.` : `Choose at least ${g.min} ${g.name.toLowerCase()} for ${item.name}.`);
    if (n > g.max) throw invalid("modifierIds", `Choose at most ${g.max} ${g.name.toLowerCase()} for ${item.name}.`);
  }
  const snapshot: TOrderItemModifier[] = groups.flatMap((g) =>
    chosen.filter((c) => c.groupId === g.id).sort((a, b) => a.position - b.position).map((c) => ({ groupName: g.name, name: c.name, priceDeltaCents: c.priceDeltaCents })),
  );
  const unitPriceCents = Math.max(0, item.priceCents + snapshot.reduce((s, m) => s + m.priceDeltaCents, 0));
  return {
    itemId: item.id,
    merchantId: item.merchantId,
    name: item.name,
    unitPriceCents,
    quantity: input.quantity,
    modifiers: snapshot,
    modifierIds: unique.sort(),
    lineTotalCents: unitPriceCents * input.quantity,
    stockCount: item.stockCount,
  };
}
