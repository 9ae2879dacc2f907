// Quotes: the itemised price a customer saw at checkout. Placing an order must present a quote
// that is fresh and still matches the cart and the menu, so the order stores exactly what was
// quoted.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { geographyPoint } from "../geometry";
import { createdAt, currency, id, money } from "./_columns";
import { serviceZones } from "./areas";
import { users } from "./identity";
import { merchants } from "./merchants";
import type { TQuoteLine } from "./orders";

export const quotes = pgTable(
  "quotes",
  {
    id: id(),
    customerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id, { onDelete: "cascade" }),
    zoneId: uuid().references(() => serviceZones.id),
    /** Digest of the cart lines and their prices when quoted; a changed cart needs a new quote. */
    cartFingerprint: text().notNull(),
    dropoffLocation: geographyPoint().notNull(),
    dropoffAddress: text().notNull(),
    distanceM: integer().notNull(),
    currency: currency(),
    lines: jsonb().$type<TQuoteLine[]>().notNull(),
    subtotalCents: money().notNull(),
    deliveryFeeCents: money().notNull(),
    serviceFeeCents: money().notNull(),
    smallOrderFeeCents: money().notNull(),
    taxCents: money().notNull(),
    tipCents: money().notNull(),
    discountCents: money().notNull(),
    totalCents: money().notNull(),
    /** Delivery fee the merchant pays instead of the customer (free delivery over a subtotal). */
    merchantFundedDeliveryCents: money().notNull().default(0),
    courierFeeCents: money().notNull(),
    pricingVersion: integer().notNull(),
    surgeBp: integer().notNull().default(10000),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("quotes_customer_idx").on(t.customerId, t.createdAt),
    check("quotes_total_adds_up", sql`${t.totalCents} = ${t.subtotalCents} + ${t.deliveryFeeCents} + ${t.serviceFeeCents} + ${t.smallOrderFeeCents} + ${t.taxCents} + ${t.tipCents} - ${t.discountCents}`),
    check("quotes_surge_range", sql`${t.surgeBp} between 10000 and 30000`),
  ],
);
