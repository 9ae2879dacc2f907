// Daily rollups the admin dashboard reads instead of scanning orders: one row per local day
// (the merchant's timezone) × merchant × zone, recomputed idempotently by the worker.
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, unique, uuid } from "drizzle-orm/pg-core";

import { money, timestamptz, updatedAt } from "./_columns";
import { serviceZones } from "./areas";
import { merchants } from "./merchants";

export const dailyStats = pgTable(
  "daily_stats",
  {
    day: date({ mode: "string" }).notNull(),
    merchantId: uuid()
      .notNull()
      .references(() => merchants.id, { onDelete: "cascade" }),
    /** Orders outside every zone have none; NULLS NOT DISTINCT makes that one more zone. */
    zoneId: uuid().references(() => serviceZones.id, { onDelete: "set null" }),
    orders: integer().notNull().default(0),
    delivered: integer().notNull().default(0),
    cancelled: integer().notNull().default(0),
    refunded: integer().notNull().default(0),
    /** What customers paid for delivered (and later refunded or disputed) orders, in minor units. */
    gmvCents: money().notNull().default(0),
    tipsCents: money().notNull().default(0),
    avgDeliverySeconds: integer(),
    avgPrepSeconds: integer(),
    computedAt: timestamptz().notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("daily_stats_day_merchant_zone").on(t.day, t.merchantId, t.zoneId).nullsNotDistinct(),
    index("daily_stats_zone_day_idx").on(t.zoneId, t.day),
    check(
      "daily_stats_counts",
      sql`${t.orders} >= 0 and ${t.delivered} >= 0 and ${t.cancelled} >= 0 and ${t.refunded} >= 0 and ${t.gmvCents} >= 0 and ${t.tipsCents} >= 0`,
    ),
  ],
);
