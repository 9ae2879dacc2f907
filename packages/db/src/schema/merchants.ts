// Merchants: where they are, when they are open, how far they deliver, and who runs them.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

import { geographyPoint, geometryPolygon } from "../geometry";
import { createdAt, currency, id, updatedAt } from "./_columns";
import { areas, serviceZones } from "./areas";
import { users } from "./identity";

export const merchantStatusEnum = pgEnum("merchant_status", ["pending", "verified", "suspended"]);
/** What the kitchen says right now; `paused` ends by itself at `pausedUntil`. */
export const merchantAvailabilityEnum = pgEnum("merchant_availability", ["open", "busy", "paused"]);

export const merchants = pgTable(
  "merchants",
  {
    id: id(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    description: text().notNull().default(""),
    cuisines: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    phone: text(),
    photoUrl: text(),
    location: geographyPoint().notNull(),
    address: text().notNull(),
    areaId: uuid()
      .notNull()
      .references(() => areas.id),
    zoneId: uuid().references(() => serviceZones.id),
    timezone: text().notNull(),
    currency: currency(),
    status: merchantStatusEnum().notNull().default("pending"),
    availability: merchantAvailabilityEnum().notNull().default("open"),
    pausedUntil: timestamp({ withTimezone: true }),
    busyExtraPrepMin: smallint().notNull().default(15),
    defaultPrepTimeMin: smallint().notNull().default(15),
    autoAccept: boolean().notNull().default(false),
    /** Email the owner and managers about each new order (a store setting). */
    newOrderEmails: boolean().notNull().default(true),
    priceLevel: smallint().notNull().default(2),
    /** Delivers to points within this radius, or inside `deliveryArea` when that is set. */
    deliveryRadiusM: integer(),
    /** The merchant pays the delivery fee when the basket's subtotal reaches this (minor units); null: never. */
    freeDeliveryOverCents: integer(),
    deliveryArea: geometryPolygon(),
    /** Commission the platform keeps, in basis points of the subtotal. */
    commissionBp: integer().notNull().default(2500),
    /** Stripe Connect account (acct_…) the merchant's share is transferred to; null: settled by payouts. */
    stripeAccountId: text(),
    ratingSum: integer().notNull().default(0),
    ratingCount: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("merchants_location_gist").using("gist", t.location),
    index("merchants_delivery_area_gist").using("gist", t.deliveryArea),
    // Radius merchants by the box their radius covers: "who delivers here" tests this box first
    // with the same expression, so the covering merchants come from the index, not a scan.
    index("merchants_coverage_gist")
      .using("gist", sql`_ST_Expand(${t.location}, ${t.deliveryRadiusM}::float8)`)
      .where(sql`${t.deliveryArea} is null`),
    index("merchants_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
    index("merchants_cuisines_gin").using("gin", t.cuisines),
    check("merchants_prep_time_range", sql`${t.defaultPrepTimeMin} between 1 and 180`),
    check("merchants_busy_extra_range", sql`${t.busyExtraPrepMin} between 0 and 120`),
    check("merchants_price_level_range", sql`${t.priceLevel} between 1 and 4`),
    check("merchants_commission_range", sql`${t.commissionBp} between 0 and 10000`),
    check(
      "merchants_delivery_coverage",
      sql`${t.deliveryRadiusM} is not null or ${t.deliveryArea} is not null`,
    ),
    check("merchants_free_delivery_positive", sql`${t.freeDeliveryOverCents} is null or ${t.freeDeliveryOverCents} > 0`),
    check("merchants_delivery_radius_range", sql`${t.deliveryRadiusM} between 100 and 30000`),
    check("merchants_delivery_area_valid", sql`ST_IsValid(${t.deliveryArea})`),
    check(
      "merchants_paused_has_end",
      sql`${t.availability} <> 'paused' or ${t.pausedUntil} is not null`,
    ),
    check(
      "merchants_rating_counts",
      sql`${t.ratingCount} >= 0 and ${t.ratingSum} between ${t.ratingCount} and 5 * ${t.ratingCount}`,
    ),
  ],
);

/** Opening hours in the merchant's local time; `closesAt` before `opensAt` runs past midnight. */
export const merchantHours = pgTable(
  "merchant_hours",
  {
    id: id(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id, { onDelete: "cascade" }),
    /** ISO weekday: 1 = Monday … 7 = Sunday. */
    weekday: smallint().notNull(),
    opensAt: time().notNull(),
    closesAt: time().notNull(),
  },
  (t) => [
    unique("merchant_hours_slot_key").on(t.merchantId, t.weekday, t.opensAt),
    check("merchant_hours_weekday_range", sql`${t.weekday} between 1 and 7`),
    check("merchant_hours_not_empty", sql`${t.opensAt} <> ${t.closesAt}`),
  ],
);

export const merchantClosures = pgTable(
  "merchant_closures",
  {
    id: id(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id, { onDelete: "cascade" }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    reason: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("merchant_closures_merchant_idx").on(t.merchantId, t.startsAt),
    check("merchant_closures_order", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const merchantMemberRoleEnum = pgEnum("merchant_member_role", ["owner", "staff"]);

export const merchantMembers = pgTable(
  "merchant_members",
  {
    id: id(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: merchantMemberRoleEnum().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("merchant_members_merchant_user_key").on(t.merchantId, t.userId),
    index("merchant_members_user_idx").on(t.userId),
  ],
);
