// `pnpm bench geo`: the spatial queries of @lastmile/geo on synthetic data, zones first (the
// merchants need them), then merchants, then couriers.
import { createDb } from "@lastmile/db/client";
import { resetTestDb } from "@lastmile/db/testing";

import { progress } from "../report";
import type { TTarget } from "../targets";
import { loadZones } from "./geo-data";
import { geoCouriersBench } from "./geo-couriers";
import { geoMerchantsBench } from "./geo-merchants";
import { geoZonesBench } from "./geo-zones";

/**
 * On PostgreSQL the geo benchmark times through its own postgres.js client (prepared statements,
 * as the apps use) with JIT off for the session. PostGIS declares its functions very expensive
 * (COST 10000), so ordinary spatial queries cross jit_above_cost and spend 50–500 ms compiling
 * code for a query that runs in a few; docs/benchmarks.md has the figures with JIT on.
 */
function benchClient(target: TTarget): { db: TTarget["db"]; close: () => Promise<void> } {
  const url = process.env.BENCH_DATABASE_URL;
  if (target.backend !== "postgres" || !url) return { db: target.db, close: async () => undefined };
  const withJitOff = new URL(url);
  withJitOff.searchParams.set("jit", "off");
  const db = createDb({ url: withJitOff.toString(), max: 1 });
  return { db, close: () => db.$close() };
}

export async function geoBench(target: TTarget) {
  // GEO_BENCH_BACKEND=postgres (or pglite) re-measures one backend without waiting for the other.
  const only = process.env.GEO_BENCH_BACKEND;
  if (only && only !== target.backend) {
    progress(`${target.backend}: skipped (GEO_BENCH_BACKEND=${only})`);
    return;
  }
  const client = benchClient(target);
  if (client.db !== target.db) progress(`${target.backend}: timing through a separate postgres.js client with jit=off`);
  const t: TTarget = { ...target, db: client.db };
  try {
    // Other benchmarks may have seeded the demo city into this database; start from empty.
    await resetTestDb(t.db);
    const { areaId } = await loadZones(t.db);
    await geoZonesBench(t);
    await geoMerchantsBench(t, areaId, client.db === target.db ? undefined : target.db);
    await geoCouriersBench(t);
  } finally {
    await client.close();
  }
}
