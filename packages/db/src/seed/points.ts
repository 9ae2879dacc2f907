// Random points inside a zone, drawn by PostGIS (ST_GeneratePoints with a fixed seed), so
// every generated address and courier position really lies inside its polygon.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "../client";
import { rowsOf } from "../client";
import type { TLngLat } from "../geometry";

export async function randomPointsInZone(
  db: TDbOrTx,
  zoneId: string,
  n: number,
  seed: number,
): Promise<TLngLat[]> {
  const rows = rowsOf<{ lng: string | number; lat: string | number }>(
    await db.execute(sql`
      select round(ST_X(d.geom)::numeric, 6) as lng, round(ST_Y(d.geom)::numeric, 6) as lat
      from service_zones z, lateral ST_Dump(ST_GeneratePoints(z.boundary, ${n}::int, ${seed}::int)) d
      where z.id = ${zoneId}
      order by d.path`),
  );
  return rows.map((r) => [Number(r.lng), Number(r.lat)]);
}
