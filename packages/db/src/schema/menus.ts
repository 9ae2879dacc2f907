// Menus: categories, items with price and stock, and modifier groups (size, extras…) whose
// min/max choices the checkout enforces.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

import { createdAt, currency, id, money, updatedAt } from "./_columns";
import { merchants } from "./merchants";

export const menuCategories = pgTable(
  "menu_categories",
  {
    id: id(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [unique("menu_categories_merchant_name_key").on(t.merchantId, t.name)],
);

export const menuItems = pgTable(
  "menu_items",
  {
    id: id(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id, { onDelete: "cascade" }),
    categoryId: uuid()
      .notNull()
      .references(() => menuCategories.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    priceCents: money().notNull(),
    currency: currency(),
    photoUrl: text(),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    allergens: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    available: boolean().notNull().default(true),
    /** Null means not tracked; at zero the item is sold out. */
    stockCount: integer(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("menu_items_merchant_idx").on(t.merchantId, t.categoryId, t.position),
    index("menu_items_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
    check("menu_items_price_non_negative", sql`${t.priceCents} >= 0`),
    check("menu_items_stock_non_negative", sql`${t.stockCount} >= 0`),
    check("menu_items_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

export const modifierGroups = pgTable(
  "modifier_groups",
  {
    id: id(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    minChoices: integer().notNull().default(0),
    maxChoices: integer().notNull().default(1),
  },
  (t) => [
    index("modifier_groups_merchant_idx").on(t.merchantId),
    check(
      "modifier_groups_choices",
      sql`${t.minChoices} >= 0 and ${t.maxChoices} >= 1 and ${t.minChoices} <= ${t.maxChoices}`,
    ),
  ],
);

export const menuItemModifierGroups = pgTable(
  "menu_item_modifier_groups",
  {
    itemId: uuid()
      .notNull()
      .references(() => menuItems.id, { onDelete: "cascade" }),
    groupId: uuid()
      .notNull()
      .references(() => modifierGroups.id, { onDelete: "cascade" }),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.groupId] })],
);

export const modifiers = pgTable(
  "modifiers",
  {
    id: id(),
    groupId: uuid()
      .notNull()
      .references(() => modifierGroups.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** Added to the item's unit price; negative for cheaper variants (a smaller size). */
    priceDeltaCents: money().notNull().default(0),
    available: boolean().notNull().default(true),
    position: integer().notNull().default(0),
  },
  (t) => [
    index("modifiers_group_idx").on(t.groupId),
    check("modifiers_price_delta_range", sql`${t.priceDeltaCents} between -100000 and 100000`),
  ],
);
