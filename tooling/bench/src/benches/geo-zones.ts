// zone_at: which of 1,000 zones covers a point, with the GiST index and without it.
import os from "node:os";

import { zoneAt } from "@lastmile/geo";

import { percentile, progress, report } from "../report";
import type { TTarget } from "../targets";
import { count, mean, METRO, randomPoints, sorted, timeAll, withoutIndexes } from "./geo-data";

const QUERIES = 1000;

export async function geoZonesBench({ backend, db }: TTarget) {
  const n = await count(db, "service_zones");
  const probes = randomPoints(QUERIES, METRO, 11);
  await timeAll(probes.slice(0, 50), (p) => zoneAt(db, p)); // warm-up: prepare, fill caches
  progress(`${backend}: zone_at × ${QUERIES} over ${n} zones`);
  const loadAvg = os.loadavg()[0] ?? 0;
  const indexed = await timeAll(probes, (p) => zoneAt(db, p));
  progress(`${backend}: zone_at baseline (no GiST index, sequential scan)`);
  const baseline = await withoutIndexes(db, ["service_zones_boundary_gist"], (tx) =>
    timeAll(probes, (p) => zoneAt(tx, p)),
  );
  const key = (r: Awaited<ReturnType<typeof zoneAt>>) => (r.found ? r.zone.id : "-");
  const same = indexed.results.filter(
    (r, i) => key(r) === key(baseline.results[i] as typeof r),
  ).length;
  const ms = sorted(indexed.ms);
  report({
    bench: "zone_at",
    backend,
    n,
    p50_ms: percentile(ms, 50),
    p99_ms: percentile(ms, 99),
    ratio_vs_baseline: Number((mean(baseline.ms) / mean(indexed.ms)).toFixed(1)),
    same_answers: Number((same / QUERIES).toFixed(3)),
    inside: Number((indexed.results.filter((r) => r.found).length / QUERIES).toFixed(3)),
    load_avg: Number(loadAvg.toFixed(2)),
  });
}
