// The operations dashboard's figures, all computed by SQL aggregates: orders and GMV per day (from
// the worker's daily_stats rollups for days it has rolled up, from orders for today and any day
// not rolled up yet), orders per hour of the day, delivery times (average and p90), the on-time
// rate against the promise the customer was quoted, acceptance times, cancellations by reason,
// and supply against demand per zone right now. Every query takes the zones in the caller's
// scope, so an ops manager's figures can never include another area's orders.
//
// Days and hours are local: each order is bucketed on the clock of its zone's area (the areas
// table carries the IANA timezone), as the worker's rollups bucket by the restaurant's. Lunch is
// 12h in every city, and "today" is each area's own today. The dashboard names the timezones.
import { sql } from "drizzle-orm";
import { z } from "zod";

import { notFound } from "@lastmile/core/errors";
import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

/** The clock of an order that has no zone (none in practice: checkout needs one). */
const NO_ZONE_TIMEZONE = "UTC";
/** Each order's zone's area timezone, as `t.timezone`, for queries over `orders o`. */
const ZONE_TIMEZONE = sql`left join (select z.id, a.timezone from service_zones z join areas a on a.id = z.area_id) t on t.id = o.zone_id`;
const tzOfOrder = sql`coalesce(t.timezone, ${NO_ZONE_TIMEZONE})`;

/**
 * What the customer was told at checkout (core/checkout/quote.ts: prep time plus the ride at
 * 4.5 m/s over 1.35× the straight line), plus this much grace before a delivery counts as late.
 */
const ON_TIME_GRACE_MIN = 10;
/** A courier whose last position is older than this is not counted as supply. */
export const COURIER_FRESH_S = 120;

export const ZDashboardRange = z.enum(["today", "7d", "30d", "90d"]);
export const ZDashboardInput = z.object({
  range: ZDashboardRange.default("7d"),
  zoneId: z.uuid({ error: "zoneId must be a zone's id (a UUID)" }).optional(),
});
export type TDashboardInput = z.infer<typeof ZDashboardInput>;

const DAYS: Record<z.infer<typeof ZDashboardRange>, number> = { today: 1, "7d": 7, "30d": 30, "90d": 90 };

const ZCount = z.number().int();
export const ZDashboard = z.object({
  range: ZDashboardRange,
  zoneId: z.uuid().nullable(),
  totals: z.object({
    orders: ZCount,
    delivered: ZCount,
    cancelled: ZCount,
    gmvCents: ZCount,
    avgDeliveryS: z.number().nullable(),
    p90DeliveryS: z.number().nullable(),
    onTimeRate: z.number().nullable(),
    avgAcceptS: z.number().nullable(),
    p90AcceptS: z.number().nullable(),
  }),
  perDay: z.array(z.object({ day: z.string(), orders: ZCount, cancelled: ZCount, gmvCents: ZCount, avgDeliveryS: z.number().nullable(), source: z.enum(["rollup", "live"]) })),
  perHour: z.array(z.object({ hour: ZCount, orders: ZCount })),
  cancellations: z.array(z.object({ reason: z.string(), orders: ZCount })),
  acceptance: z.array(z.object({ bucket: z.string(), orders: ZCount })),
  supply: z.array(z.object({ zoneId: z.uuid(), zoneName: z.string(), active: z.boolean(), couriers: ZCount, openOrders: ZCount })),
  /** The areas' clocks the days and hours are read on, most zones first (the first names the days). */
  timezones: z.array(z.string()),
});
export type TDashboard = z.infer<typeof ZDashboard>;

const uuidList = (ids: string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** Zones beneath `areaIds` (null: every zone, for admins and support), with their area's name. */
export async function zonesInScope(db: TDbOrTx, areaIds: string[] | null) {
  if (areaIds && areaIds.length === 0) return [];
  const scope = areaIds
    ? sql`where z.area_id in (
        with recursive down as (select id from areas where id in (${uuidList(areaIds)})
          union all select a.id from areas a join down on a.parent_id = down.id)
        select id from down)`
    : sql``;
  return rowsOf<{ id: string; slug: string; name: string; active: boolean; area_name: string }>(
    await db.execute(sql`select z.id, z.slug, z.name, z.active, a.name as area_name from service_zones z join areas a on a.id = z.area_id ${scope} order by z.name`),
  ).map((z) => ({ id: z.id, slug: z.slug, name: z.name, active: z.active, areaName: z.area_name }));
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const int = (v: unknown) => Math.round(Number(v ?? 0));

/** `zoneIds` is the caller's scope (null: everything); `input.zoneId` narrows it to one zone of it. */
export async function operationsDashboard(db: TDbOrTx, zoneIdsInScope: string[] | null, input: TDashboardInput): Promise<TDashboard> {
  if (input.zoneId && zoneIdsInScope && !zoneIdsInScope.includes(input.zoneId)) throw notFound("That zone");
  const zoneIds = input.zoneId ? [input.zoneId] : zoneIdsInScope;
  const days = DAYS[input.range];
  const inZones = (col: string) => (zoneIds === null ? sql`true` : zoneIds.length === 0 ? sql`false` : sql`${sql.raw(col)} in (${uuidList(zoneIds)})`);
  const timezones = rowsOf<{ timezone: string }>(
    await db.execute(sql`select a.timezone from service_zones z join areas a on a.id = z.area_id where ${inZones("z.id")} group by a.timezone order by count(*) desc, a.timezone`),
  ).map((r) => r.timezone);
  // The days on the chart's axis are the main clock's; each order falls on its own area's date.
  const tz = timezones[0] ?? NO_ZONE_TIMEZONE;
  const today = sql`(now() at time zone ${tz})::date`;
  // A coarse bound a day wider than any clock's (keeps the placed_at index), then each order's local date.
  const inRange = sql`o.placed_at >= ((${today} - ${days}::int)::timestamp at time zone ${tz}) and (o.placed_at at time zone ${tzOfOrder})::date >= (now() at time zone ${tzOfOrder})::date - ${days - 1}::int`;
  const promise = sql`o.placed_at + make_interval(mins => coalesce(o.prep_time_min, 15) + round(coalesce(o.distance_m, 0) * 1.35 / 4.5 / 60)::int + ${ON_TIME_GRACE_MIN}::int)`;

  const [perDay, totals, perHour, cancellations, acceptance, supply] = await Promise.all([
    // Rolled-up days come from daily_stats (one row per day × merchant × zone); today, and any
    // day the worker has not rolled up yet, from the orders themselves.
    db.execute(sql`
      with days as (select generate_series(${today} - ${days - 1}::int, ${today}, interval '1 day')::date as day),
      rolled as (
        select s.day, sum(s.orders) as orders, sum(s.cancelled) as cancelled, sum(s.gmv_cents) as gmv_cents,
               sum(s.avg_delivery_seconds::bigint * s.delivered) / nullif(sum(s.delivered) filter (where s.avg_delivery_seconds is not null), 0) as avg_delivery_s
        from daily_stats s
        where s.day between ${today} - ${days - 1}::int and ${today} - 1 and ${inZones("s.zone_id")}
        group by s.day),
      live as (
        select (o.placed_at at time zone ${tzOfOrder})::date as day, count(*) as orders,
               count(*) filter (where o.status = 'CANCELLED') as cancelled,
               coalesce(sum(o.total_cents) filter (where o.delivered_at is not null), 0) as gmv_cents,
               avg(extract(epoch from o.delivered_at - o.placed_at)) filter (where o.delivered_at is not null) as avg_delivery_s
        from orders o ${ZONE_TIMEZONE}
        where ${inRange} and ${inZones("o.zone_id")}
          and (o.placed_at at time zone ${tzOfOrder})::date not in (select day from rolled)
        group by 1)
      select to_char(d.day, 'YYYY-MM-DD') as day,
             coalesce(r.orders, l.orders, 0) as orders, coalesce(r.cancelled, l.cancelled, 0) as cancelled,
             coalesce(r.gmv_cents, l.gmv_cents, 0) as gmv_cents, coalesce(r.avg_delivery_s, l.avg_delivery_s) as avg_delivery_s,
             case when r.day is not null then 'rollup' else 'live' end as source
      from days d left join rolled r on r.day = d.day left join live l on l.day = d.day
      order by d.day`),
    // Percentiles cannot be added up from daily averages, so these read the orders of the range.
    db.execute(sql`
      select count(*) as orders,
             count(*) filter (where o.delivered_at is not null) as delivered,
             count(*) filter (where o.status = 'CANCELLED') as cancelled,
             coalesce(sum(o.total_cents) filter (where o.delivered_at is not null), 0) as gmv_cents,
             avg(extract(epoch from o.delivered_at - o.placed_at)) filter (where o.delivered_at is not null) as avg_delivery_s,
             percentile_cont(0.9) within group (order by extract(epoch from o.delivered_at - o.placed_at)) filter (where o.delivered_at is not null) as p90_delivery_s,
             avg((o.delivered_at <= ${promise})::int) filter (where o.delivered_at is not null) as on_time_rate,
             avg(extract(epoch from o.accepted_at - o.placed_at)) filter (where o.accepted_at is not null) as avg_accept_s,
             percentile_cont(0.9) within group (order by extract(epoch from o.accepted_at - o.placed_at)) filter (where o.accepted_at is not null) as p90_accept_s
      from orders o ${ZONE_TIMEZONE} where ${inRange} and ${inZones("o.zone_id")}`),
    db.execute(sql`
      select h.hour, count(x.id) as orders
      from generate_series(0, 23) as h(hour)
      left join (
        select o.id, extract(hour from o.placed_at at time zone ${tzOfOrder})::int as hour
        from orders o ${ZONE_TIMEZONE} where ${inRange} and ${inZones("o.zone_id")}) x on x.hour = h.hour
      group by h.hour order by h.hour`),
    db.execute(sql`
      select coalesce(nullif(trim(o.cancellation_reason), ''), 'No reason given') as reason, count(*) as orders
      from orders o ${ZONE_TIMEZONE} where ${inRange} and ${inZones("o.zone_id")} and o.status = 'CANCELLED'
      group by 1 order by orders desc, reason limit 10`),
    db.execute(sql`
      with b(bucket, lo, hi, ord) as (values ('under 1 min', 0, 60, 1), ('1–2 min', 60, 120, 2), ('2–5 min', 120, 300, 3), ('5–10 min', 300, 600, 4), ('over 10 min', 600, 1e9, 5))
      select b.bucket, count(o.id) as orders
      from b left join (
        select o.id, extract(epoch from o.accepted_at - o.placed_at) as s
        from orders o ${ZONE_TIMEZONE} where ${inRange} and ${inZones("o.zone_id")} and o.accepted_at is not null) o on o.s >= b.lo and o.s < b.hi
      group by b.bucket, b.ord order by b.ord`),
    // Right now, whatever the range: couriers on duty standing in the zone against its open orders.
    db.execute(sql`
      select z.id as zone_id, z.name as zone_name, z.active,
             (select count(*) from couriers c where c.status <> 'offline' and c.current_location is not null
                and c.last_seen_at >= now() - make_interval(secs => ${COURIER_FRESH_S}::int)
                and ST_Covers(z.boundary, c.current_location::geometry)) as couriers,
             (select count(*) from orders o where o.zone_id = z.id and o.status in ('PENDING', 'ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP', 'PICKED_UP')) as open_orders
      from service_zones z where ${inZones("z.id")} order by z.name`),
  ]);

  const t = rowsOf<Record<string, unknown>>(totals)[0] ?? {};
  return {
    range: input.range,
    zoneId: input.zoneId ?? null,
    totals: {
      orders: int(t.orders),
      delivered: int(t.delivered),
      cancelled: int(t.cancelled),
      gmvCents: int(t.gmv_cents),
      avgDeliveryS: num(t.avg_delivery_s),
      p90DeliveryS: num(t.p90_delivery_s),
      onTimeRate: num(t.on_time_rate),
      avgAcceptS: num(t.avg_accept_s),
      p90AcceptS: num(t.p90_accept_s),
    },
    perDay: rowsOf<Record<string, unknown>>(perDay).map((r) => ({
      day: String(r.day),
      orders: int(r.orders),
      cancelled: int(r.cancelled),
      gmvCents: int(r.gmv_cents),
      avgDeliveryS: num(r.avg_delivery_s),
      source: r.source === "rollup" ? ("rollup" as const) : ("live" as const),
    })),
    perHour: rowsOf<Record<string, unknown>>(perHour).map((r) => ({ hour: int(r.hour), orders: int(r.orders) })),
    cancellations: rowsOf<Record<string, unknown>>(cancellations).map((r) => ({ reason: String(r.reason), orders: int(r.orders) })),
    acceptance: rowsOf<Record<string, unknown>>(acceptance).map((r) => ({ bucket: String(r.bucket), orders: int(r.orders) })),
    supply: rowsOf<Record<string, unknown>>(supply).map((r) => ({ zoneId: String(r.zone_id), zoneName: String(r.zone_name), active: Boolean(r.active), couriers: int(r.couriers), openOrders: int(r.open_orders) })),
    timezones,
  };
}
