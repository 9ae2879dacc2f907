// Read models for the portals' home pages: each function takes the database and, where the data
// belongs to someone, the owning id as a required parameter.
import { and, asc, desc, eq, gte, sql } from "drizzle-orm";

import type { TDbOrTx } from "../client";
import { rowsOf } from "../client";
import { couriers, merchantMembers, merchants, orders, serviceZones, users } from "../schema";
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

/** Couriers on duty (online or busy) with their zone and how fresh their position is. */
export async function couriersOnDuty(db: TDbOrTx, limit: number) {
  return db
    .select({
      id: couriers.id,
      firstName: sql<string>`split_part(${users.name}, ' ', 1)`,
      vehicle: couriers.vehicle,
      status: couriers.status,
      zoneName: serviceZones.name,
      lastSeenAt: couriers.lastSeenAt,
    })
    .from(couriers)
    .innerJoin(users, eq(users.id, couriers.userId))
    .leftJoin(serviceZones, eq(serviceZones.id, couriers.homeZoneId))
    .where(sql`${couriers.status} <> 'offline'`)
    .orderBy(asc(serviceZones.name), desc(couriers.lastSeenAt), asc(couriers.id))
    .limit(limit);
}

/** Platform-wide counts for the admin overview; "today" is the local day in `timezone`. */
export async function platformCounts(db: TDbOrTx, timezone: string) {
  const today = startOfLocalDay(timezone);
  const [row] = rowsOf<Record<string, number | string | bigint>>(
    await db.execute(sql`
    select
      (select count(*) from orders)::int as orders_total,
      (select count(*) from orders where placed_at >= ${today})::int as orders_today,
      (select count(*) from orders where status in ('PENDING','ACCEPTED','PREPARING','READY_FOR_PICKUP','PICKED_UP'))::int as orders_active,
      (select count(*) from merchants where status = 'verified')::int as merchants_verified,
      (select count(*) from merchants where status = 'pending')::int as merchants_pending,
      (select count(*) from couriers where status <> 'offline')::int as couriers_on_duty,
      (select count(*) from couriers where application_status = 'approved')::int as couriers_approved,
      (select count(*) from couriers where application_status = 'pending')::int as couriers_pending,
      (select count(distinct user_id) from user_roles where role = 'customer')::int as customers,
      (select coalesce(sum(total_cents), 0) from orders where status = 'DELIVERED' and placed_at >= ${today})::bigint as gmv_today_cents
  `),
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)])) as Record<
    string,
    number
  >;
}

/** Orders placed per local day over the last `days` days (today included), empty days as zero. */
export async function ordersPerDay(db: TDbOrTx, timezone: string, days: number) {
  return rowsOf<{ day: string; orders: number; cancelled: number }>(
    await db.execute(sql`
      with days as (
        select generate_series(
          (now() at time zone ${timezone})::date - ${days - 1}::int,
          (now() at time zone ${timezone})::date,
          interval '1 day')::date as day
      )
      select to_char(d.day, 'YYYY-MM-DD') as day,
             count(o.id)::int as orders,
             count(o.id) filter (where o.status = 'CANCELLED')::int as cancelled
      from days d
      left join orders o on (o.placed_at at time zone ${timezone})::date = d.day
      group by d.day
      order by d.day`),
  ).map((r) => ({ day: r.day, orders: Number(r.orders), cancelled: Number(r.cancelled) }));
}
