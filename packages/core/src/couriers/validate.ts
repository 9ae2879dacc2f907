// Which reported points to believe. The cheap checks (range, clock) run here; distance and
// speed are measured by PostGIS in one statement that walks the points in time order.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TVehicle } from "@lastmile/db/schema";

import type { TRejection } from "./rules";
import { CLOCK_SKEW_MS, MAX_POINT_AGE_MS, MIN_SCATTER_M } from "./rules";

export type TLocationPoint = {
  lng: number;
  lat: number;
  /** The device's clock when the fix was taken. */
  recordedAt: Date;
  headingDeg?: number | null;
  speedMps?: number | null;
  accuracyM?: number | null;
};

export type TIndexedPoint = TLocationPoint & { index: number };

/** Postgres array literals as one text parameter each: one statement text whatever the batch size. */
export const floatArray = (xs: (number | null | undefined)[]) =>
  `{${xs.map((x) => (x === null || x === undefined ? "NULL" : String(x))).join(",")}}`;
export const textArray = (xs: string[]) => `{${xs.map((x) => `"${x}"`).join(",")}}`;

/** Range, clock and in-batch duplicate checks; returns the survivors in time order. */
export function screenPoints(
  points: TLocationPoint[],
  now: Date,
): { candidates: TIndexedPoint[]; rejected: TRejection[] } {
  const rejected: TRejection[] = [];
  const candidates: TIndexedPoint[] = [];
  const seen = new Set<number>();
  const nowMs = now.getTime();
  points.forEach((p, index) => {
    const t = p.recordedAt.getTime();
    if (
      !Number.isFinite(p.lng) ||
      !Number.isFinite(p.lat) ||
      p.lng < -180 ||
      p.lng > 180 ||
      p.lat < -90 ||
      p.lat > 90
    ) {
      rejected.push({
        index,
        reason: "coordinates_out_of_range",
        message: `(${p.lng}, ${p.lat}) is not a place on Earth: longitude must be within ±180 and latitude within ±90.`,
      });
    } else if (!Number.isFinite(t) || t > nowMs + CLOCK_SKEW_MS) {
      rejected.push({
        index,
        reason: "in_the_future",
        message: `Recorded at ${p.recordedAt.toISOString()}, ahead of the server's clock (${now.toISOString()}) by more than ${CLOCK_SKEW_MS / 1000} s: check the phone's clock.`,
      });
    } else if (t < nowMs - MAX_POINT_AGE_MS) {
      rejected.push({
        index,
        reason: "too_old",
        message: `Recorded at ${p.recordedAt.toISOString()}, more than ${MAX_POINT_AGE_MS / 3_600_000} h ago: too old to be of use.`,
      });
    } else if (seen.has(t)) {
      rejected.push({
        index,
        reason: "duplicate",
        message: `Another point in this report has the same time (${p.recordedAt.toISOString()}).`,
      });
    } else {
      seen.add(t);
      candidates.push({ ...p, index });
    }
  });
  candidates.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  return { candidates, rejected };
}

type TWalkRow = { i: number; ok: boolean; duplicate: boolean; mps: number | null };

/**
 * Walks the candidates in time order inside PostGIS. Each point is compared with the latest
 * believable position recorded before it — the last point this walk accepted, the courier's
 * stored current position, or the history's last fix before it, whichever is latest — and is
 * refused when covering the distance (less
 * the GPS scatter of both fixes) would take more than `maxSpeedMps`. A refused point never
 * becomes the reference, so one wild fix does not condemn the good ones after it. Points the
 * history already holds (a retried report whose answer was lost) are duplicates.
 */
export async function walkSpeeds(
  db: TDbOrTx,
  courierId: string,
  candidates: TIndexedPoint[],
  maxSpeedMps: Record<TVehicle, number>,
): Promise<Map<number, TWalkRow>> {
  if (candidates.length === 0) return new Map();
  const rows = rowsOf<TWalkRow>(
    await db.execute(sql`
      with recursive pts as (
        select u.k::int as k, u.i::int as i, u.t,
               ST_SetSRID(ST_MakePoint(u.lng, u.lat), 4326)::geography as g,
               greatest(coalesce(u.acc, 0), ${MIN_SCATTER_M}::float8) as acc,
               exists (select 1 from courier_locations h where h.courier_id = ${courierId}::uuid and h.recorded_at = u.t) as duplicate,
               prev.location as hg, prev.recorded_at as ht, greatest(coalesce(prev.accuracy_m, 0), ${MIN_SCATTER_M}::float8) as hacc
        from unnest(${floatArray(candidates.map((p) => p.index))}::int[], ${floatArray(candidates.map((p) => p.lng))}::float8[],
                    ${floatArray(candidates.map((p) => p.lat))}::float8[], ${textArray(candidates.map((p) => p.recordedAt.toISOString()))}::timestamptz[],
                    ${floatArray(candidates.map((p) => p.accuracyM))}::float8[]) with ordinality as u(i, lng, lat, t, acc, k)
        -- The last fix history holds from before this one (a late point's real predecessor).
        left join lateral (
          select h.location, h.recorded_at, h.accuracy_m from courier_locations h
          where h.courier_id = ${courierId}::uuid and h.recorded_at < u.t order by h.recorded_at desc limit 1
        ) prev on true
      ),
      cur as (
        select c.current_location as g, c.last_seen_at as t, greatest(coalesce(c.accuracy_m, 0), ${MIN_SCATTER_M}::float8) as acc,
               -- The limit of the courier's own vehicle, read here so the caller need not wait for it.
               (${JSON.stringify(maxSpeedMps)}::jsonb ->> c.vehicle::text)::float8 as max_mps
        from couriers c where c.id = ${courierId}::uuid
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
        -- The reference: the latest of the last point this walk accepted, the stored current
        -- position and history's predecessor, among those recorded before this point.
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
      )
      select i, ok, duplicate, mps from walk where k > 0`),
  );
  return new Map(
    rows.map((r) => [Number(r.i), { ...r, mps: r.mps === null ? null : Number(r.mps) }]),
  );
}
