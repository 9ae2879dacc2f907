// What a customer keeps with us: saved addresses and one server-side cart.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { geographyPoint } from "../geometry";
import { createdAt, id, updatedAt } from "./_columns";
import { users } from "./identity";
import { menuItems } from "./menus";
import { merchants } from "./merchants";

export const customerAddresses = pgTable(
  "customer_addresses",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: text().notNull().default("Home"),
    line1: text().notNull(),
    line2: text(),
    postcode: text(),
    city: text().notNull(),
    location: geographyPoint().notNull(),
    instructions: text(),
    isDefault: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("customer_addresses_user_idx").on(t.userId),
    uniqueIndex("customer_addresses_one_default")
      .on(t.userId)
      .where(sql`${t.isDefault}`),
  ],
);

/** One cart per customer, from one merchant at a time; it survives reloads and devices. */
export const carts = pgTable("carts", {
  id: id(),
  customerId: uuid()
    .notNull()
    .unique()
    .references(() => users.id, { onDelete: "cascade" }),
  merchantId: uuid()
    .notNull()
    .references(() => merchants.id, { onDelete: "cascade" }),
  updatedAt: updatedAt(),
});

export const cartItems = pgTable(
  "cart_items",
  {
    id: id(),
    cartId: uuid()
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    itemId: uuid()
      .notNull()
      .references(() => menuItems.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    modifierIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    notes: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("cart_items_cart_idx").on(t.cartId),
    check("cart_items_quantity_range", sql`${t.quantity} between 1 and 50`),
  ],
);
