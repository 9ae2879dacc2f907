// The customer home page's question — which merchants deliver to this point — over the demo
// city, for random points in the city, against the same query with the indexes switched off.
import { sql } from "drizzle-orm";

import { merchantsDeliveringToPoint } from "@lastmile/db/queries/overview";
import { seedDemoCity } from "@lastmile/db/seed";

import { percentile, progress, report, timeEach } from "../report";
import type { TTarget } from "../targets";

const QUERIES = 1000;

/** Deterministic points over Lisbon's bounding box (some in zones, some not). */
function probes(n: number): [number, number][] {
  let s = 12345;
  const r = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  return Array.from({ length: n }, () => [-9.23 + r() * 0.14, 38.69 + r() * 0.11]);
}

export async function merchantsNearBench({ backend, db }: TTarget) {
  progress(`${backend}: seeding the demo city for the catalogue query`);
  await seedDemoCity(db, { now: new Date("2026-11-20T19:45:00Z") });
  const points = probes(QUERIES);
  progress(`${backend}: ${QUERIES} queries with indexes`);
  const indexed = await timeEach(points, (p) => merchantsDeliveringToPoint(db, p, 24));
  progress(`${backend}: ${QUERIES} queries as sequential scans (baseline)`);
  const baseline = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_indexscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    return timeEach(points, (p) => merchantsDeliveringToPoint(tx, p, 24));
  });
  const [count] = await db
    .execute(sql`select count(*)::int as n from merchants`)
    .then((r) => (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows));
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  report({
    bench: "merchants_near",
    backend,
    n: Number((count as { n: number } | undefined)?.n ?? 0),
    p50_ms: percentile(indexed, 50),
    p99_ms: percentile(indexed, 99),
    ops_per_s: Math.round(QUERIES / (sum(indexed) / 1000)),
    ratio_vs_baseline: Number((sum(baseline) / sum(indexed)).toFixed(2)),
  });
}
