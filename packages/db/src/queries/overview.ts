// Read models for the portals' home pages: each function takes the database and, where the data
// belongs to someone, the owning id as a required parameter.
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";

import type { TDbOrTx } from "../client";
import { merchantMembers, merchants, orders, serviceZones, users } from "../schema";
import type { TLngLat } from "../geometry";

/** Verified, unpaused merchants in an active zone whose delivery radius or area covers the point. */
export async function merchantsDeliveringToPoint(db: TDbOrTx, at: TLngLat, limit: number) {
  const p = sql`ST_SetSRID(ST_MakePoint(${at[0]}, ${at[1]}), 4326)`;
  return db
    .select({
      id: merchants.id,
      slug: merchants.slug,
      name: merchants.name,
      description: merchants.description,
      cuisines: merchants.cuisines,
      priceLevel: merchants.priceLevel,
      prepTimeMin: merchants.defaultPrepTimeMin,
      ratingSum: merchants.ratingSum,
      ratingCount: merchants.ratingCount,
      zoneName: serviceZones.name,
      distanceM:
        sql<number>`round(ST_Distance(${merchants.location}, ${p}::geography))::int`.mapWith(
          Number,
        ),
    })
    .from(merchants)
    .innerJoin(serviceZones, eq(serviceZones.id, merchants.zoneId))
    .where(
      and(
        eq(merchants.status, "verified"),
        sql`${merchants.availability} <> 'paused'`,
        eq(serviceZones.active, true),
        sql`(${merchants.deliveryArea} is not null and ST_Covers(${merchants.deliveryArea}, ${p}))
          or (${merchants.deliveryArea} is null and ST_DWithin(${merchants.location}, ${p}::geography, ${merchants.deliveryRadiusM}))`,
      ),
    )
    .orderBy(sql`ST_Distance(${merchants.location}, ${p}::geography)`, asc(merchants.id))
    .limit(limit);
}

/** The merchants a user works at, owner or staff. */
export async function userIdByEmail(db: TDbOrTx, email: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row?.id ?? null;
}

export async function merchantsOfUser(db: TDbOrTx, userId: string) {
  return db
    .select({
      id: merchants.id,
      name: merchants.name,
      slug: merchants.slug,
      role: merchantMembers.role,
    })
    .from(merchantMembers)
    .innerJoin(merchants, eq(merchants.id, merchantMembers.merchantId))
    .where(eq(merchantMembers.userId, userId))
    .orderBy(asc(merchants.name));
}

/** Start of "today" in a timezone, computed by the database. */
const startOfLocalDay = (timezone: unknown) =>
  sql`(date_trunc('day', now() at time zone ${timezone}) at time zone ${timezone})`;

/** A merchant's orders placed today in the merchant's own timezone, newest first. */
export async function merchantOrdersToday(db: TDbOrTx, merchantId: string) {
  return db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      totalCents: orders.totalCents,
      currency: orders.currency,
      placedAt: orders.placedAt,
      customerFirstName: sql<string>`split_part(${users.name}, ' ', 1)`,
    })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.customerId))
    .innerJoin(merchants, eq(merchants.id, orders.merchantId))
    .where(
      and(
        eq(orders.merchantId, merchantId),
        gte(orders.placedAt, startOfLocalDay(merchants.timezone)),
      ),
    )
    .orderBy(desc(orders.placedAt));
}
