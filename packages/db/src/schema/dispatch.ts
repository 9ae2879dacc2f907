// Dispatch: offers of an order to couriers, each with a deadline; one may be accepted.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { createdAt, id, money, timestamptz, updatedAt } from "./_columns";
import { couriers } from "./couriers";
import { orders } from "./orders";

export const offerStatusEnum = pgEnum("offer_status", [
  "pending",
  "accepted",
  "declined",
  "expired",
  "withdrawn",
]);

export const deliveryOffers = pgTable(
  "delivery_offers",
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    courierId: uuid()
      .notNull()
      .references(() => couriers.id, { onDelete: "cascade" }),
    status: offerStatusEnum().notNull().default("pending"),
    round: integer().notNull().default(1),
    distanceM: integer().notNull(),
    /** What the courier earns for this delivery before the tip. */
    feeCents: money().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    respondedAt: timestamptz(),
    /** Why it ended, when it did not end in acceptance (the courier's decline reason, "expired", …). */
    endReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("delivery_offers_order_idx").on(t.orderId, t.status),
    index("delivery_offers_courier_idx").on(t.courierId, t.status),
    index("delivery_offers_pending_expiry_idx")
      .on(t.expiresAt)
      .where(sql`${t.status} = 'pending'`),
    // Acceptance is exactly-once: at most one accepted offer per order.
    uniqueIndex("delivery_offers_one_accepted")
      .on(t.orderId)
      .where(sql`${t.status} = 'accepted'`),
    // A courier is offered an order at most once, whatever they answered.
    uniqueIndex("delivery_offers_order_courier_unique").on(t.orderId, t.courierId),
    // A courier has at most one open offer, so two dispatchers racing cannot stack offers on them.
    uniqueIndex("delivery_offers_one_pending_per_courier")
      .on(t.courierId)
      .where(sql`${t.status} = 'pending'`),
    check("delivery_offers_fee_non_negative", sql`${t.feeCents} >= 0`),
    check("delivery_offers_distance_non_negative", sql`${t.distanceM} >= 0`),
  ],
);
