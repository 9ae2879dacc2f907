// Dispatch's question: which available couriers are nearest to this point? A KNN search on the
// partial GiST index over on-duty couriers, then an exact re-ranking on the spheroid.
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TVehicle } from "@lastmile/db/schema";

import type { TGeoConfig } from "./config";
import type { TGeoPoint } from "./coordinates";
import { travelTimeS } from "./measure";
import { pgArray, pointGeography } from "./sql";

export type TNearestCouriersOptions = {
  /** Detour factor and speeds for the ETA of each courier. */
  config: TGeoConfig;
  limit?: number;
  /** Only couriers within this geodesic distance (metres) of the point. */
  maxDistanceM?: number;
  vehicles?: TVehicle[];
  /** Only couriers whose position was reported within this many seconds before `at`. */
  freshWithinS?: number;
  /** Couriers to leave out (those who already declined this order, say). */
  excludeIds?: string[];
  /** The moment freshness is measured from; defaults to now. */
  at?: Date;
};

export type TNearbyCourier = {
  id: string;
  vehicle: TVehicle;
  location: TGeoPoint;
  /** Geodesic distance to the point, in metres. */
  distanceM: number;
  /** Travel time to the point by this courier's vehicle, in seconds. */
  etaS: number;
  lastSeenAt: Date;
  capacity: number;
  activeOrders: number;
};

export const NEAREST_DEFAULTS = { limit: 10, maxDistanceM: 8000, freshWithinS: 60 } as const;

/**
 * How far apart the sphere (what `<->` on geography measures) and the WGS84 spheroid can rank
 * two distances: spheroid ÷ sphere stays within about 0.9944–1.0045 anywhere on Earth, so the
 * spheroid's k nearest all lie within the sphere's k-th distance × 1.0102. 1.02 leaves margin.
 */
const SPHERE_TO_SPHEROID_SLACK = 1.02;

type TRow = {
  id: string;
  vehicle: TVehicle;
  lat: number;
  lng: number;
  distance_m: number;
  last_seen_at: string | Date;
  capacity: number;
  active_orders: number;
};

/**
 * The SQL of `nearestAvailableCouriers`, exported so tests can EXPLAIN exactly what runs.
 *
 * Phase 1 walks the partial index `couriers_on_duty_location_gist` (offline couriers are not in
 * it) in `<->` order — on geography, so metres on the sphere: `<->` on geometry(4326) would rank
 * by degrees and pick the wrong couriers at most latitudes — skipping stale, full or filtered
 * ones, and stops at the k-th eligible courier. It has no spatial WHERE clause on purpose: with
 * ST_DWithin there, the function's default selectivity (a handful of rows, whatever the radius)
 * makes the planner prefer a bitmap scan of the whole radius plus a sort — ~100× slower when
 * sent with literal values — and an explicit box makes PGlite's planner spend ~10 ms estimating
 * it. The price: when fewer than k couriers are eligible anywhere, phase 1 reads the whole
 * partial index, i.e. every on-duty courier.
 *
 * Phase 2 takes every eligible courier within the maximum distance and within the k-th sphere
 * distance plus the sphere/spheroid slack — a handful, through the same index — and ranks them by
 * true geodesic distance, ties by id. The status tests are SQL literals, so the planner matches
 * the partial index's predicate under a generic prepared plan too.
 */
export function nearestAvailableCouriersQuery(point: TGeoPoint, options: TNearestCouriersOptions): SQL {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? NEAREST_DEFAULTS.limit), 1), 100);
  const maxDistanceM = options.maxDistanceM ?? NEAREST_DEFAULTS.maxDistanceM;
  const freshWithinS = options.freshWithinS ?? NEAREST_DEFAULTS.freshWithinS;
  if (!(maxDistanceM >= 0) || !(freshWithinS >= 0)) throw new RangeError("maxDistanceM and freshWithinS must be numbers ≥ 0");
  const excludeIds = z.array(z.uuid({ error: "excludeIds must be courier ids (UUIDs)" })).parse(options.excludeIds ?? []);
  const at = (options.at ?? new Date()).toISOString();
  const p = pointGeography(point);
  const eligible = sql`c.status = 'online' and c.status <> 'offline'
        and c.application_status = 'approved'
        and c.active_orders < c.capacity
        and c.last_seen_at >= ${at}::timestamptz - make_interval(secs => ${freshWithinS}::float8)
        ${options.vehicles ? sql`and c.vehicle = any(${pgArray(options.vehicles)}::vehicle[])` : sql``}
        ${excludeIds.length ? sql`and not (c.id = any(${pgArray(excludeIds)}::uuid[]))` : sql``}`;
  return sql`
    with knn as (
      select c.current_location <-> ${p} as sphere_m
      from couriers c
      where ${eligible}
      order by c.current_location <-> ${p}
      limit ${limit}
    )
    select c.id, c.vehicle, ST_Y(c.current_location::geometry) as lat, ST_X(c.current_location::geometry) as lng,
           ST_Distance(c.current_location, ${p}) as distance_m, c.last_seen_at, c.capacity, c.active_orders
    from couriers c
    where ${eligible}
      and ST_DWithin(c.current_location, ${p}, least(${maxDistanceM}::float8, (select max(sphere_m) * ${SPHERE_TO_SPHEROID_SLACK}::float8 + 1 from knn)))
    order by distance_m, c.id
    limit ${limit}`;
}

/**
 * The available couriers nearest to `point`: online, approved, with spare capacity, seen within
 * `freshWithinS`, of the given vehicles, not excluded, within `maxDistanceM` — nearest first by
 * geodesic distance, ties by id — with the ETA each one's vehicle gives.
 */
export async function nearestAvailableCouriers(db: TDbOrTx, point: TGeoPoint, options: TNearestCouriersOptions): Promise<TNearbyCourier[]> {
  if (options.vehicles?.length === 0) return [];
  const rows = rowsOf<TRow>(await db.execute(nearestAvailableCouriersQuery(point, options)));
  return rows.map((r) => {
    const distance = Number(r.distance_m);
    return {
      id: r.id,
      vehicle: r.vehicle,
      location: { lat: Number(r.lat), lng: Number(r.lng) },
      distanceM: distance,
      etaS: travelTimeS(options.config, distance, r.vehicle),
      lastSeenAt: new Date(r.last_seen_at),
      capacity: Number(r.capacity),
      activeOrders: Number(r.active_orders),
    };
  });
}
