// Couriers: vehicle, duty status, the live position (with a partial GiST index over those on
// duty, so nearest-courier searches skip the offline majority) and location history.
import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { geographyPoint } from "../geometry";
import { createdAt, id, timestamptz, updatedAt } from "./_columns";
import { serviceZones } from "./areas";
import { users } from "./identity";

export const vehicleEnum = pgEnum("vehicle", [
  "foot",
  "bicycle",
  "ebike",
  "scooter",
  "motorbike",
  "car",
]);
export type TVehicle = (typeof vehicleEnum.enumValues)[number];
export const courierStatusEnum = pgEnum("courier_status", ["offline", "online", "busy"]);
export const applicationStatusEnum = pgEnum("application_status", [
  "pending",
  "approved",
  "rejected",
  "suspended",
]);

export const couriers = pgTable(
  "couriers",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: "cascade" }),
    vehicle: vehicleEnum().notNull(),
    status: courierStatusEnum().notNull().default("offline"),
    applicationStatus: applicationStatusEnum().notNull().default("pending"),
    homeZoneId: uuid().references(() => serviceZones.id),
    currentLocation: geographyPoint(),
    headingDeg: real(),
    speedMps: real(),
    accuracyM: real(),
    lastSeenAt: timestamptz(),
    capacity: integer().notNull().default(1),
    activeOrders: integer().notNull().default(0),
    offersReceived: integer().notNull().default(0),
    offersAccepted: integer().notNull().default(0),
    deliveriesCompleted: integer().notNull().default(0),
    /** Stripe Connect account (acct_…) the courier's fee and tip are transferred to; null: settled by payouts. */
    stripeAccountId: text(),
    ratingSum: integer().notNull().default(0),
    ratingCount: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("couriers_location_gist").using("gist", t.currentLocation),
    index("couriers_on_duty_location_gist")
      .using("gist", t.currentLocation)
      .where(sql`${t.status} <> 'offline'`),
    check("couriers_capacity_range", sql`${t.capacity} between 1 and 5`),
    check("couriers_load_range", sql`${t.activeOrders} between 0 and ${t.capacity}`),
    check("couriers_heading_range", sql`${t.headingDeg} >= 0 and ${t.headingDeg} < 360`),
    check("couriers_speed_range", sql`${t.speedMps} >= 0`),
    check("couriers_accuracy_range", sql`${t.accuracyM} >= 0`),
    check("couriers_offer_counts", sql`${t.offersAccepted} between 0 and ${t.offersReceived}`),
    check(
      "couriers_rating_counts",
      sql`${t.ratingCount} >= 0 and ${t.ratingSum} between ${t.ratingCount} and 5 * ${t.ratingCount}`,
    ),
  ],
);

/** Every reported position, kept for the retention the worker enforces (30 days). */
export const courierLocations = pgTable(
  "courier_locations",
  {
    id: id(),
    courierId: uuid()
      .notNull()
      .references(() => couriers.id, { onDelete: "cascade" }),
    orderId: uuid(),
    location: geographyPoint().notNull(),
    headingDeg: real(),
    speedMps: real(),
    accuracyM: real(),
    /** The device's clock: out-of-order points never move a courier backwards. */
    recordedAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("courier_locations_courier_idx").on(t.courierId, t.recordedAt),
    index("courier_locations_order_idx").on(t.orderId, t.recordedAt),
    // Retention pruning deletes by arrival time; rows arrive in that order, so a BRIN index finds
    // old ones at almost no cost to the hot insert path.
    index("courier_locations_received_brin").using("brin", t.receivedAt),
  ],
);
