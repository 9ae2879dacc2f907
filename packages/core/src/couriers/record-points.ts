// One statement per report, so one round trip: read the courier, walk the candidate points in
// time order in PostGIS, then move the courier forwards and append the believable points to the
// history. Location reports are the platform's busiest write; on this path round trips, not
// PostgreSQL, were what a report cost (docs/benchmarks.md).
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TOrderStatus, TVehicle } from "@lastmile/db/schema";

import { MIN_SCATTER_M } from "./rules";
import type { TIndexedPoint } from "./validate";
import { floatArray, textArray } from "./validate";

/** An order is "with" its courier from assignment until it is handed over. */
const WITH_COURIER: TOrderStatus[] = [
  "PENDING",
  "ACCEPTED",
  "PREPARING",
  "READY_FOR_PICKUP",
  "PICKED_UP",
];

export type TWalkVerdict = { i: number; ok: boolean; duplicate: boolean; mps: number | null };

export type TRecorded = {
  courier: {
    status: "offline" | "online" | "busy";
    vehicle: TVehicle;
    homeZoneId: string | null;
    /** The orders the courier carries, first by pick-up: history is tagged with the first. */
    orderIds: string[];
  } | null;
  /** One verdict per candidate, by the point's index in the report. */
  verdicts: Map<number, TWalkVerdict>;
  /** Whether the newest accepted point became the courier's current position. */
  moved: boolean;
};

type TRow = {
  status: "offline" | "online" | "busy" | null;
  vehicle: TVehicle;
  home_zone_id: string | null;
  order_ids: string[] | null;
  walk: TWalkVerdict[] | null;
  moved: number;
};

/**
 * Each point is compared with the latest believable position recorded before it — the last
 * point this walk accepted, the courier's stored current position, or the history's last fix
 * before it, whichever is latest — and is refused when covering the distance (less the GPS
 * scatter of both fixes) would take more than the courier's vehicle can do (`maxSpeedMps`). A
 * refused point never becomes the reference, so one wild fix does not condemn the good ones
 * after it. Points the history already holds (a retried report whose answer was lost) are
 * duplicates.
 *
 * The accepted points are written only while the courier is on duty; the move only forwards in
 * time. Pings may commit asynchronously (`set_config(…, true)` lasts until this statement's own
 * commit): a crash can lose the last half-second of positions, which the next report replaces
 * anyway. Orders and payments keep their synchronous commits.
 */
export async function walkAndRecord(
  db: TDb,
  courierId: string,
  candidates: TIndexedPoint[],
  maxSpeedMps: Record<TVehicle, number>,
): Promise<TRecorded> {
  const [row] = rowsOf<TRow>(
    await db.execute(sql`
      with recursive
      cur as (
        select c.status, c.vehicle, c.home_zone_id,
               c.current_location as g, c.last_seen_at as t, greatest(coalesce(c.accuracy_m, 0), ${MIN_SCATTER_M}::float8) as acc,
               (${JSON.stringify(maxSpeedMps)}::jsonb ->> c.vehicle::text)::float8 as max_mps,
               (select array_agg(o.id order by o.picked_up_at nulls last, o.placed_at)
                from orders o where o.courier_id = c.id and o.status = any(${textArray(WITH_COURIER)}::order_status[])) as order_ids
        from couriers c where c.id = ${courierId}::uuid
      ),
      pts as (
        select u.k::int as k, u.i::int as i, u.t, u.heading, u.speed, u.raw_acc,
               ST_SetSRID(ST_MakePoint(u.lng, u.lat), 4326)::geography as g,
               greatest(coalesce(u.raw_acc, 0), ${MIN_SCATTER_M}::float8) as acc,
               exists (select 1 from courier_locations h where h.courier_id = ${courierId}::uuid and h.recorded_at = u.t) as duplicate,
               prev.location as hg, prev.recorded_at as ht, greatest(coalesce(prev.accuracy_m, 0), ${MIN_SCATTER_M}::float8) as hacc
        from unnest(${floatArray(candidates.map((p) => p.index))}::int[], ${floatArray(candidates.map((p) => p.lng))}::float8[],
                    ${floatArray(candidates.map((p) => p.lat))}::float8[], ${textArray(candidates.map((p) => p.recordedAt.toISOString()))}::timestamptz[],
                    ${floatArray(candidates.map((p) => p.accuracyM))}::float8[], ${floatArray(candidates.map((p) => p.headingDeg))}::real[],
                    ${floatArray(candidates.map((p) => p.speedMps))}::real[])
             with ordinality as u(i, lng, lat, t, raw_acc, heading, speed, k)
        -- The last fix history holds from before this one (a late point's real predecessor).
        left join lateral (
          select h.location, h.recorded_at, h.accuracy_m from courier_locations h
          where h.courier_id = ${courierId}::uuid and h.recorded_at < u.t order by h.recorded_at desc limit 1
        ) prev on true
      ),
      walk(k, i, ok, duplicate, mps, ref_g, ref_t, ref_acc) as (
        select 0, null::int, true, false, null::float8, null::geography, null::timestamptz, null::float8
        union all
        select p.k, p.i, v.ok, p.duplicate, m.mps,
               case when v.ok then p.g else r.g end,
               case when v.ok then p.t else r.t end,
               case when v.ok then p.acc else r.acc end
        from walk w
        join pts p on p.k = w.k + 1
        cross join cur
        left join lateral (
          select c.g, c.t, c.acc
          from (values (w.ref_g, w.ref_t, w.ref_acc), (cur.g, cur.t, cur.acc), (p.hg, p.ht, p.hacc)) as c(g, t, acc)
          where c.g is not null and c.t <= p.t
          order by c.t desc limit 1
        ) r on true
        cross join lateral (
          select case when r.g is null then null
                      else greatest(ST_Distance(r.g, p.g, false) - r.acc - p.acc, 0) / greatest(extract(epoch from p.t - r.t)::float8, 1) end as mps
        ) m
        cross join lateral (select not p.duplicate and (r.g is null or m.mps <= cur.max_mps) as ok) v
      ),
      kept as (
        select p.* from walk w join pts p on p.k = w.k
        where w.k > 0 and w.ok and exists (select 1 from cur where cur.status <> 'offline')
      ),
      newest as (select * from kept order by k desc limit 1),
      async_commit as (select set_config('synchronous_commit', 'off', true)),
      -- Only forwards in time, and only while on duty.
      moved as (
        update couriers set
          current_location = n.g, heading_deg = n.heading, speed_mps = n.speed, accuracy_m = n.raw_acc,
          last_seen_at = n.t, updated_at = now()
        from newest n
        where couriers.id = ${courierId}::uuid and couriers.status <> 'offline'
          and (couriers.last_seen_at is null or couriers.last_seen_at < n.t)
        returning couriers.id
      ),
      history as (
        insert into courier_locations (courier_id, order_id, location, heading_deg, speed_mps, accuracy_m, recorded_at)
        select ${courierId}::uuid, (select cur.order_ids[1] from cur), p.g, p.heading, p.speed, p.raw_acc, p.t
        from kept p
      )
      select cur.status, cur.vehicle, cur.home_zone_id, cur.order_ids,
             (select json_agg(json_build_object('i', w.i, 'ok', w.ok, 'duplicate', w.duplicate, 'mps', w.mps) order by w.k)
              from walk w where w.k > 0) as walk,
             (select count(*) from moved)::int as moved,
             (select count(*) from async_commit)::int as async_commit
      from (select 1) one left join cur on true`),
  );
  if (!row?.status) return { courier: null, verdicts: new Map(), moved: false };
  return {
    courier: {
      status: row.status,
      vehicle: row.vehicle,
      homeZoneId: row.home_zone_id,
      orderIds: row.order_ids ?? [],
    },
    verdicts: new Map(
      (row.walk ?? []).map((w) => [
        Number(w.i),
        { ...w, i: Number(w.i), mps: w.mps === null ? null : Number(w.mps) },
      ]),
    ),
    moved: Number(row.moved) > 0,
  };
}
