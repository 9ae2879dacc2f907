// merchants_delivering_to over 1k and 10k merchants: radius or polygon coverage, opening hours
// in the merchant's timezone, search and pagination, with the spatial indexes and without them.
import os from "node:os";

import { DEFAULT_GEO } from "@lastmile/db/seed";
import type { TMerchantsDeliveringToOptions } from "@lastmile/geo";
import { merchantsDeliveringTo, ZGeoConfig } from "@lastmile/geo";

import { percentile, progress, report } from "../report";
import type { TTarget } from "../targets";
import {
  BENCH_AT,
  CITY,
  count,
  loadMerchants,
  mean,
  randomPoints,
  sorted,
  timeAll,
  withoutIndexes,
} from "./geo-data";

const QUERIES = 1000;
const SIZES = [1_000, 10_000];
const SEARCHES = ["pizza", "sushi", "bacalhau", "burger", "piri", "ramen", "nata", "tacos"];
const CUISINES = ["portuguese", "japanese", "italian"];
/** Dropped (inside a rolled-back transaction) for the baseline; the coverage index serves the radius test. */
const SPATIAL_INDEXES = [
  "merchants_location_gist",
  "merchants_delivery_area_gist",
  "merchants_coverage_gist",
  "service_zones_boundary_gist",
];

/** A mix like the home page's: plain listings at dinner, lunch and late night, some searches. */
function queries(seed: number) {
  const config = ZGeoConfig.parse(DEFAULT_GEO);
  const hour = 3_600_000;
  return randomPoints(QUERIES, CITY, seed).map((point, i) => {
    const options: TMerchantsDeliveringToOptions = {
      config,
      limit: 20,
      at: new Date(
        BENCH_AT.getTime() + (i % 5 === 1 ? -7.25 * hour : i % 5 === 2 ? 5.25 * hour : 0),
      ),
      ...(i % 4 === 0 ? { search: SEARCHES[i % SEARCHES.length] } : {}),
      ...(i % 10 === 3 ? { cuisine: CUISINES[i % CUISINES.length] } : {}),
      ...(i % 10 === 7 ? { includeClosed: true } : {}),
    };
    return { point, options };
  });
}

/** `jitDb`: a client with the server's default JIT on, for one line showing what JIT costs. */
export async function geoMerchantsBench(
  { backend, db }: TTarget,
  areaId: string,
  jitDb?: TTarget["db"],
) {
  let loaded = 0;
  for (const size of SIZES) {
    progress(`${backend}: loading merchants ${loaded + 1}..${size}`);
    await loadMerchants(db, areaId, loaded + 1, size);
    loaded = size;
    const n = await count(db, "merchants");
    const qs = queries(size);
    const run = (tx: typeof db) => (q: (typeof qs)[number]) =>
      merchantsDeliveringTo(tx, q.point, q.options);
    const ids = (r: Awaited<ReturnType<typeof merchantsDeliveringTo>>) =>
      r.items.map((m) => m.id).join(",");

    progress(
      `${backend}: merchants_delivering_to baseline over ${n} merchants (spatial indexes dropped)`,
    );
    const baseline = await withoutIndexes(db, SPATIAL_INDEXES, (tx) => timeAll(qs, run(tx)));
    {
      await timeAll(qs.slice(0, 50), run(db)); // warm-up: prepare, fill caches
      progress(`${backend}: merchants_delivering_to × ${QUERIES} over ${n} merchants`);
      const loadAvg = os.loadavg()[0] ?? 0;
      const indexed = await timeAll(qs, run(db));
      const same = indexed.results.filter(
        (r, i) => ids(r) === ids(baseline.results[i] as typeof r),
      ).length;
      const ms = sorted(indexed.ms);
      report({
        bench: "merchants_delivering_to",
        backend,
        n,
        p50_ms: percentile(ms, 50),
        p99_ms: percentile(ms, 99),
        ratio_vs_baseline: Number((mean(baseline.ms) / mean(indexed.ms)).toFixed(1)),
        baseline_p50_ms: percentile(sorted(baseline.ms), 50),
        same_answers: Number((same / QUERIES).toFixed(3)),
        avg_results: Number(mean(indexed.results.map((r) => r.items.length)).toFixed(1)),
        load_avg: Number(loadAvg.toFixed(2)),
      });
    }
    if (jitDb && size === SIZES.at(-1)) {
      const sample = qs.slice(0, 200);
      await timeAll(sample.slice(0, 20), run(jitDb));
      progress(
        `${backend}: merchants_delivering_to × ${sample.length} with the server's default JIT settings`,
      );
      const withJit = sorted((await timeAll(sample, run(jitDb))).ms);
      report({
        bench: "merchants_delivering_to",
        backend,
        n,
        jit: "on",
        p50_ms: percentile(withJit, 50),
        p99_ms: percentile(withJit, 99),
        queries: sample.length,
      });
    }
  }
}
