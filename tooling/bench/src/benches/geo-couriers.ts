// nearest_couriers: the 10 nearest available couriers among 10k / 100k (/ 1M on PostgreSQL), with
// filters, timed with the partial GiST index and as a sequential scan (indexes dropped in a
// rolled-back transaction), and checked against a geodesic brute force on every probe.
import os from "node:os";

import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { DEFAULT_GEO } from "@lastmile/db/seed";
import type { TVehicle } from "@lastmile/db/schema";
import type { TGeoPoint, TNearestCouriersOptions } from "@lastmile/geo";
import { nearestAvailableCouriers, ZGeoConfig } from "@lastmile/geo";

import { percentile, progress, report } from "../report";
import type { TTarget } from "../targets";
import {
  BENCH_AT,
  CITY,
  count,
  loadCouriers,
  mean,
  randomPoints,
  seededRandom,
  sorted,
  timeAll,
  withoutIndexes,
} from "./geo-data";

const QUERIES = 1000;
const LIMIT = 10;
const FRESH_S = 60;
const MAX_M = 8000;
const VEHICLES: TVehicle[] = ["bicycle", "ebike", "scooter", "motorbike"];
/** Sequential scans over a million rows take a while; fewer probes still give a stable mean. */
const BASELINE_PROBES: Record<number, number> = { 10_000: 1000, 100_000: 200, 1_000_000: 100 };
const COURIER_INDEXES = ["couriers_on_duty_location_gist", "couriers_location_gist"];

/** Metres per degree on the mean sphere; only used to prune candidates, never to rank them. */
const M_PER_DEG = (6_371_008.8 * Math.PI) / 180;
/**
 * The planar (equirectangular) distance never exceeds the geodesic one by more than a fraction
 * of a percent at city scale; 0.98 is the certified margin the pruning relies on.
 */
const PLANAR_LOWER_BOUND = 0.98;

type TEligible = { ids: string[]; lng: Float64Array; lat: Float64Array };

async function eligibleCouriers(db: TDb): Promise<TEligible> {
  // Plain filters, no spatial predicate, no KNN: what "available" means, read row by row.
  const rows = rowsOf<{ id: string; lng: number; lat: number }>(
    await db.execute(sql`
      select id, ST_X(current_location::geometry) as lng, ST_Y(current_location::geometry) as lat
      from couriers
      where status = 'online' and application_status = 'approved' and active_orders < capacity
        and current_location is not null
        and last_seen_at >= ${BENCH_AT.toISOString()}::timestamptz - make_interval(secs => ${FRESH_S})
        and vehicle::text in (${sql.join(
          VEHICLES.map((v) => sql`${v}`),
          sql`, `,
        )})`),
  );
  return {
    ids: rows.map((r) => r.id),
    lng: Float64Array.from(rows, (r) => Number(r.lng)),
    lat: Float64Array.from(rows, (r) => Number(r.lat)),
  };
}

/** The k planar-nearest eligible couriers to `p` (index and planar metres), nearest first. */
function nearestPlanar(
  e: TEligible,
  p: TGeoPoint,
  k: number,
  excluded: Set<string>,
): { i: number; d: number }[] {
  const cos = Math.cos((p.lat * Math.PI) / 180);
  const best: { i: number; d: number }[] = [];
  for (let i = 0; i < e.ids.length; i++) {
    const dx = ((e.lng[i] as number) - p.lng) * cos;
    const dy = (e.lat[i] as number) - p.lat;
    const d = Math.sqrt(dx * dx + dy * dy) * M_PER_DEG;
    if (best.length === k && d >= (best[k - 1] as { d: number }).d) continue;
    if (excluded.has(e.ids[i] as string)) continue;
    // Keep `best` sorted: binary search for the slot, drop the worst when full.
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((best[mid] as { d: number }).d <= d) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, { i, d });
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * Geodesic brute force: every eligible courier is measured in the plane, the planar nearest
 * `k` (k ≥ 4 × limit) are measured on the spheroid by PostGIS, and the answer is accepted only
 * when the limit-th geodesic distance is below the k-th planar distance × the lower bound — so no
 * courier left out could have ranked. Otherwise k doubles.
 */
async function bruteForce(
  db: TDb,
  e: TEligible,
  p: TGeoPoint,
  excluded: Set<string>,
): Promise<string[]> {
  for (let k = 4 * LIMIT; ; k *= 2) {
    const near = nearestPlanar(e, p, k, excluded);
    if (near.length === 0) return [];
    const ids = near.map(({ i }) => e.ids[i] as string);
    const measured = rowsOf<{ id: string; d: number }>(
      await db.execute(sql`
        select id, ST_Distance(current_location, ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326)::geography) as d
        from couriers where id = any(${`{${ids.join(",")}}`}::uuid[])`),
    )
      .map((r) => ({ id: r.id, d: Number(r.d) }))
      .filter((r) => r.d <= MAX_M)
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const top = measured.slice(0, LIMIT);
    const cutoff = (near.at(-1) as { d: number }).d;
    const last = top.at(-1);
    if (near.length < k || (top.length === LIMIT && last && last.d < cutoff * PLANAR_LOWER_BOUND))
      return top.map((r) => r.id);
  }
}

export async function geoCouriersBench({ backend, db }: TTarget) {
  const config = ZGeoConfig.parse(DEFAULT_GEO);
  const sizes = backend === "postgres" ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
  let loaded = 0;
  for (const size of sizes) {
    const started = performance.now();
    await loadCouriers(db, loaded + 1, size);
    loaded = size;
    const n = await count(db, "couriers");
    progress(
      `${backend}: ${n} couriers loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const eligible = await eligibleCouriers(db);
    const rnd = seededRandom(size);
    const probes = randomPoints(QUERIES, CITY, size + 1);
    // Each probe excludes its planar-nearest eligible courier (as if it had declined) and one at random.
    const qs = probes.map((point) => {
      const nearest = nearestPlanar(eligible, point, 1, new Set())[0];
      const excludeIds = [
        ...(nearest === undefined ? [] : [eligible.ids[nearest.i] as string]),
        eligible.ids[Math.floor(rnd() * eligible.ids.length)] as string,
      ];
      const options: TNearestCouriersOptions = {
        config,
        limit: LIMIT,
        maxDistanceM: MAX_M,
        freshWithinS: FRESH_S,
        vehicles: VEHICLES,
        excludeIds,
        at: BENCH_AT,
      };
      return { point, options };
    });
    const run = (tx: TDb) => (q: (typeof qs)[number]) =>
      nearestAvailableCouriers(tx, q.point, q.options);

    await timeAll(qs.slice(0, 50), run(db));
    progress(
      `${backend}: nearest_couriers × ${QUERIES} among ${n} (${eligible.ids.length} eligible)`,
    );
    const loadAvg = os.loadavg()[0] ?? 0;
    const indexed = await timeAll(qs, run(db));

    const b = Math.min(QUERIES, BASELINE_PROBES[size] ?? QUERIES);
    progress(`${backend}: baseline on ${b} probes (GiST indexes dropped, sequential scan)`);
    const baseline = await withoutIndexes(db, COURIER_INDEXES, (tx) =>
      timeAll(qs.slice(0, b), run(tx)),
    );
    const ids = (r: Awaited<ReturnType<typeof nearestAvailableCouriers>>) =>
      r.map((c) => c.id).join(",");
    const sameAsBaseline = baseline.results.filter(
      (r, i) => ids(r) === ids(indexed.results[i] as typeof r),
    ).length;

    progress(`${backend}: geodesic brute force on ${QUERIES} probes`);
    let agree = 0;
    for (const [i, q] of qs.entries()) {
      const truth = await bruteForce(db, eligible, q.point, new Set(q.options.excludeIds));
      if (truth.join(",") === ids(indexed.results[i] ?? [])) agree++;
    }

    const ms = sorted(indexed.ms);
    report({
      bench: "nearest_couriers",
      backend,
      n,
      p50_ms: percentile(ms, 50),
      p99_ms: percentile(ms, 99),
      ratio_vs_baseline: Number((mean(baseline.ms) / mean(indexed.ms.slice(0, b))).toFixed(1)),
      agreement: Number((agree / QUERIES).toFixed(4)),
      baseline_probes: b,
      baseline_p50_ms: percentile(sorted(baseline.ms), 50),
      same_as_baseline: Number((sameAsBaseline / b).toFixed(3)),
      eligible: eligible.ids.length,
      load_avg: Number(loadAvg.toFixed(2)),
    });
  }
}
