// Orders: item snapshots, the itemised money, the drop-off, and the `order_events` timeline
// that records every state transition (the audit trail the state machine writes).
import { sql } from "drizzle-orm";
import {
  char,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

import { geographyPoint } from "../geometry";
import { createdAt, currency, id, money, timestamptz, updatedAt } from "./_columns";
import { serviceZones } from "./areas";
import { couriers } from "./couriers";
import { users } from "./identity";
import { menuItems } from "./menus";
import { merchants } from "./merchants";

export const orderStatusEnum = pgEnum("order_status", [
  "PENDING",
  "ACCEPTED",
  "PREPARING",
  "READY_FOR_PICKUP",
  "PICKED_UP",
  "DELIVERED",
  "CANCELLED",
  "REFUNDED",
  "DISPUTED",
]);
export type TOrderStatus = (typeof orderStatusEnum.enumValues)[number];

/** Human-facing order numbers ("#104233"), separate from the UUID key. */
export const orderNumberSeq = pgSequence("order_number_seq", { startWith: 100001 });

export type TQuoteLine = { code: string; label: string; amountCents: number };

export const orders = pgTable(
  "orders",
  {
    id: id(),
    number: integer()
      .notNull()
      .unique()
      .default(sql`nextval('order_number_seq')`),
    customerId: uuid()
      .notNull()
      .references(() => users.id),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id),
    courierId: uuid().references(() => couriers.id),
    zoneId: uuid().references(() => serviceZones.id),
    status: orderStatusEnum().notNull().default("PENDING"),
    currency: currency(),
    subtotalCents: money().notNull(),
    deliveryFeeCents: money().notNull().default(0),
    serviceFeeCents: money().notNull().default(0),
    smallOrderFeeCents: money().notNull().default(0),
    taxCents: money().notNull().default(0),
    tipCents: money().notNull().default(0),
    discountCents: money().notNull().default(0),
    totalCents: money().notNull(),
    /** The itemised quote the customer accepted, kept verbatim. */
    quote: jsonb().$type<TQuoteLine[]>().notNull().default([]),
    pricingVersion: integer(),
    distanceM: integer(),
    dropoffLocation: geographyPoint().notNull(),
    dropoffAddress: text().notNull(),
    instructions: text(),
    deliveryPin: char({ length: 4 }).notNull(),
    pinAttempts: smallint().notNull().default(0),
    idempotencyKey: text().notNull(),
    /** Digest of what was asked for under that key: the same key with another cart is a conflict. */
    requestFingerprint: text(),
    quoteId: uuid(),
    /** Delivery fee the merchant pays instead of the customer (free delivery over a subtotal). */
    merchantFundedDeliveryCents: money().notNull().default(0),
    courierFeeCents: money().notNull().default(0),
    /** Bumped by every transition; updates are conditional on it so racing actors cannot both win. */
    version: integer().notNull().default(1),
    prepTimeMin: smallint(),
    /** A scheduled order's delivery slot; null for "as soon as possible". */
    scheduledFor: timestamptz(),
    /** Scheduled orders: when the kitchen gets it (slot minus preparation and travel). */
    releaseAt: timestamptz(),
    /** Scheduled orders: when the worker released it to the kitchen; the acceptance clock starts here. */
    releasedAt: timestamptz(),
    placedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamptz(),
    preparingAt: timestamptz(),
    readyAt: timestamptz(),
    pickedUpAt: timestamptz(),
    deliveredAt: timestamptz(),
    cancelledAt: timestamptz(),
    refundedAt: timestamptz(),
    disputedAt: timestamptz(),
    cancellationReason: text(),
    /** Dispatch rounds run so far (each offers the order to the best couriers then eligible). */
    dispatchRound: integer().notNull().default(0),
    /** Set when dispatch ran out of couriers: the order waits for ops (admin.assignCourier). */
    dispatchFlaggedAt: timestamptz(),
    dispatchFlagReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("orders_customer_idempotency_key").on(t.customerId, t.idempotencyKey),
    index("orders_merchant_placed_idx").on(t.merchantId, t.placedAt),
    index("orders_customer_placed_idx").on(t.customerId, t.placedAt),
    index("orders_courier_idx").on(t.courierId, t.status),
    index("orders_status_idx").on(t.status, t.placedAt),
    index("orders_placed_idx").on(t.placedAt),
    // Dispatch's work list: live orders before pick-up that still need a courier.
    index("orders_awaiting_courier_idx")
      .on(t.acceptedAt)
      .where(sql`${t.courierId} is null and ${t.status} in ('ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP')`),
    // The release job's work list: scheduled orders the kitchen has not been given yet.
    index("orders_scheduled_release_idx")
      .on(t.releaseAt)
      .where(sql`${t.releasedAt} is null and ${t.status} = 'PENDING' and ${t.scheduledFor} is not null`),
    check("orders_release_with_slot", sql`(${t.scheduledFor} is null) = (${t.releaseAt} is null)`),
    check(
      "orders_amounts_non_negative",
      sql`${t.subtotalCents} >= 0 and ${t.deliveryFeeCents} >= 0 and ${t.serviceFeeCents} >= 0 and ${t.smallOrderFeeCents} >= 0 and ${t.taxCents} >= 0 and ${t.tipCents} >= 0 and ${t.discountCents} >= 0`,
    ),
    check(
      "orders_total_adds_up",
      sql`${t.totalCents} = ${t.subtotalCents} + ${t.deliveryFeeCents} + ${t.serviceFeeCents} + ${t.smallOrderFeeCents} + ${t.taxCents} + ${t.tipCents} - ${t.discountCents}`,
    ),
    check("orders_pin_digits", sql`${t.deliveryPin} ~ '^[0-9]{4}$'`),
    check("orders_pin_attempts_range", sql`${t.pinAttempts} between 0 and 10`),
    check("orders_version_positive", sql`${t.version} >= 1`),
    check("orders_dispatch_round_non_negative", sql`${t.dispatchRound} >= 0`),
    check(
      "orders_courier_when_picked_up",
      sql`${t.status} not in ('PICKED_UP', 'DELIVERED') or ${t.courierId} is not null`,
    ),
  ],
);

export type TOrderItemModifier = { groupName: string; name: string; priceDeltaCents: number };

export const orderItems = pgTable(
  "order_items",
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    menuItemId: uuid().references(() => menuItems.id, { onDelete: "set null" }),
    name: text().notNull(),
    unitPriceCents: money().notNull(),
    quantity: integer().notNull(),
    modifiers: jsonb().$type<TOrderItemModifier[]>().notNull().default([]),
    lineTotalCents: money().notNull(),
    notes: text(),
  },
  (t) => [
    index("order_items_order_idx").on(t.orderId),
    check("order_items_quantity_range", sql`${t.quantity} between 1 and 50`),
    check("order_items_amounts", sql`${t.unitPriceCents} >= 0 and ${t.lineTotalCents} >= 0`),
  ],
);

export const orderEvents = pgTable(
  "order_events",
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    fromStatus: orderStatusEnum(),
    toStatus: orderStatusEnum().notNull(),
    actorId: uuid().references(() => users.id),
    /** `system` for the worker and timeouts; otherwise the role the actor acted in. */
    actorRole: text().notNull(),
    reason: text(),
    metadata: jsonb().$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("order_events_order_idx").on(t.orderId, t.at),
    // Support's queue reads couriers' problem reports across every order: a few rows among
    // millions of events, found without reading the rest.
    index("order_events_courier_problem_idx")
      .on(t.at)
      .where(sql`${t.metadata}->>'kind' = 'courier.problem'`),
  ],
);
