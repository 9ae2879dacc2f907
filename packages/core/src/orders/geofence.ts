// Where the courier is, and how far that is from a place, as PostGIS measures it: the one
// reading of a courier's position that every geofenced step uses (arrived, pick-up, delivery),
// so the phone and the server can never disagree about which rule applied.
import { eq, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { couriers } from "@lastmile/db/schema";

export type TLngLat = { lng: number; lat: number };

/** The position the phone sent with the call, else the last one the courier reported. */
export async function courierPosition(db: TDbOrTx, courierId: string | null, given?: TLngLat) {
  if (given) return given;
  if (!courierId) return null;
  const [c] = await db
    .select({ at: couriers.currentLocation })
    .from(couriers)
    .where(eq(couriers.id, courierId));
  return c?.at ? { lng: c.at.coordinates[0], lat: c.at.coordinates[1] } : null;
}

/** Metres on the spheroid from `from` to `target` (a geography expression), rounded. */
export async function distanceTo(db: TDbOrTx, from: TLngLat, target: SQL) {
  const [row] = rowsOf<{ m: number }>(
    await db.execute(
      sql`select round(ST_Distance(ST_SetSRID(ST_MakePoint(${from.lng}, ${from.lat}), 4326)::geography, ${target}))::int as m`,
    ),
  );
  return Number(row?.m ?? Number.POSITIVE_INFINITY);
}
