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
 * The apps' pool (createDb) turns JIT off on PostgreSQL: PostGIS declares its functions very
 * expensive (COST 10000), so ordinary spatial queries cross jit_above_cost and spend 50–500 ms
 * compiling code for a query that runs in a few. A second client with the server's default
 * (JIT on) times one line of the merchants case to keep that figure honest.
 */
function jitOnClient(target: TTarget): {
  db: TTarget["db"] | undefined;
  close: () => Promise<void>;
} {
  const url = process.env.BENCH_DATABASE_URL;
  if (target.backend !== "postgres" || !url) return { db: undefined, close: async () => undefined };
  const withJit = new URL(url);
  withJit.searchParams.set("jit", "on");
  const db = createDb({ url: withJit.toString(), max: 1 });
  return { db, close: () => db.$close() };
}

export async function geoBench(target: TTarget) {
  // GEO_BENCH_BACKEND=postgres (or pglite) re-measures one backend without waiting for the other.
  const only = process.env.GEO_BENCH_BACKEND;
  if (only && only !== target.backend) {
    progress(`${target.backend}: skipped (GEO_BENCH_BACKEND=${only})`);
    return;
  }
  const jit = jitOnClient(target);
  const t = target;
  try {
    // Other benchmarks may have seeded the demo city into this database; start from empty.
    await resetTestDb(t.db);
    const { areaId } = await loadZones(t.db);
    await geoZonesBench(t);
    await geoMerchantsBench(t, areaId, jit.db);
    await geoCouriersBench(t);
  } finally {
    await jit.close();
  }
}
