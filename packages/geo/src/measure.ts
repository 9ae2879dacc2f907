// Distances, geofences and travel-time estimates. Distances are measured by PostGIS on the WGS84
// spheroid; the travel-time estimate is plain arithmetic on such a distance, with the detour
// factor and vehicle speeds taken from the geo configuration.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { toEwkt } from "@lastmile/db/geometry";
import type { TPolygon } from "@lastmile/db/geometry";
import type { TVehicle } from "@lastmile/db/schema";

import type { TGeoConfig } from "./config";
import type { TGeoPoint } from "./coordinates";
import { ZGeoPoint } from "./coordinates";
import { pointGeography } from "./sql";

/**
 * Seconds to cover a straight-line distance by road: distance × detour factor ÷ vehicle speed,
 * rounded up. The SQL of `merchantsDeliveringTo` evaluates the same expression, in the same
 * order, so both sides agree to the second.
 */
export function travelTimeS(config: TGeoConfig, distanceM: number, vehicle: TVehicle): number {
  if (!Number.isFinite(distanceM) || distanceM < 0) throw new RangeError(`distance must be a finite number of metres ≥ 0, got ${distanceM}`);
  return Math.ceil((distanceM * config.detourFactor) / config.speedMps[vehicle]);
}

/** Geodesic distance in metres between two points (on the spheroid). */
export async function distanceM(db: TDbOrTx, a: TGeoPoint, b: TGeoPoint): Promise<number> {
  const [row] = rowsOf<{ d: number | string }>(
    await db.execute(sql`select ST_Distance(${pointGeography(a)}, ${pointGeography(b)}) as d`),
  );
  return Number(row?.d);
}

export type TGeofenceTarget = TGeoPoint | TPolygon;

const isPoint = (t: TGeofenceTarget): t is TGeoPoint => ZGeoPoint.safeParse(t).success;

/**
 * Geofence: is `point` within `radiusM` metres of a point or of a polygon (0 m = inside it,
 * boundary included)? Used by the order state machine's pickup and drop-off guards.
 */
export async function isWithin(db: TDbOrTx, point: TGeoPoint, target: TGeofenceTarget, radiusM: number): Promise<boolean> {
  if (!Number.isFinite(radiusM) || radiusM < 0) throw new RangeError(`radius must be a finite number of metres ≥ 0, got ${radiusM}`);
  const other = isPoint(target) ? pointGeography(target) : sql`(${toEwkt(target)}::geometry)::geography`;
  const [row] = rowsOf<{ inside: boolean }>(
    await db.execute(sql`select ST_DWithin(${pointGeography(point)}, ${other}, ${radiusM}::float8) as inside`),
  );
  return row?.inside === true;
}
