// PostGIS's verdict on a polygon before it becomes a service zone or a delivery area: the SRID,
// closed rings with enough points, validity (with the location of a self-intersection from
// ST_IsValidDetail) and an area within limits. Nothing is written here; the writers in zones.ts
// and merchants.ts call this first, so a refused polygon changes nothing.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TPolygon } from "@lastmile/db/geometry";

import type { TGeoPoint, TPolygonInput } from "./coordinates";
import { ZPolygonInput } from "./coordinates";
import type { TGeoProblem } from "./errors";
import { GeoValidationError } from "./errors";

export type TAreaLimits = { minAreaM2: number; maxAreaM2: number };

/** A zone smaller than a few blocks or larger than a metropolis is a drawing mistake. */
export const ZONE_AREA_LIMITS: TAreaLimits = { minAreaM2: 50_000, maxAreaM2: 1_000_000_000 };
/** The upper bound matches the largest delivery radius the schema allows (30 km). */
export const DELIVERY_AREA_LIMITS: TAreaLimits = { minAreaM2: 10_000, maxAreaM2: Math.ceil(Math.PI * 30_000 ** 2) };

export type TPolygonVerdict =
  | { ok: true; areaM2: number; polygon: TPolygon }
  | { ok: false; problem: TGeoProblem; message: string; location?: TGeoPoint };

type TCheckRow = {
  srid: number;
  rings: number;
  bad_ring: number | null;
  bad_points: number | null;
  bad_closed: boolean | null;
  first_lng: number | null;
  first_lat: number | null;
  last_lng: number | null;
  last_lat: number | null;
  valid: boolean | null;
  reason: string | null;
  at_lng: number | null;
  at_lat: number | null;
  area_m2: number | string | null;
};

// Six decimals is about 10 cm: enough to find the spot on a map, without float noise.
const fmtPoint = (p: TGeoPoint) => `(lat ${Number(p.lat.toFixed(6))}, lng ${Number(p.lng.toFixed(6))})`;
const fmtArea = (m2: number) => (m2 >= 100_000 ? `${(m2 / 1_000_000).toFixed(2)} km²` : `${Math.round(m2).toLocaleString("en")} m²`);
const pointOf = (lng: number | null, lat: number | null): TGeoPoint | undefined =>
  lng === null || lat === null ? undefined : { lng: Number(lng), lat: Number(lat) };

/**
 * Checks a GeoJSON polygon in PostGIS. The rings are first read as lines, which PostGIS accepts
 * open or short, so that an open ring is reported as such rather than as a parse error; only
 * when every ring is closed is the polygon assembled and asked for ST_IsValidDetail and its
 * area on the spheroid.
 */
export async function validatePolygon(db: TDbOrTx, input: TPolygonInput, limits: TAreaLimits, what = "polygon"): Promise<TPolygonVerdict> {
  const polygon = ZPolygonInput.parse(input);
  const lines = JSON.stringify({ type: "MultiLineString", coordinates: polygon.coordinates, crs: polygon.crs ?? null });
  const [row] = rowsOf<TCheckRow>(
    await db.execute(sql`
      with src as (select ST_GeomFromGeoJSON(${lines}::text) as lines),
      rings as (
        select n, ST_GeometryN(s.lines, n) as ring
        from src s, generate_series(1, ST_NumGeometries(s.lines)) as n
      ),
      bad as (
        select n, ST_NPoints(ring) as points, ST_IsClosed(ring) as closed, ST_StartPoint(ring) as first_pt, ST_EndPoint(ring) as last_pt
        from rings where ST_NPoints(ring) < 4 or not ST_IsClosed(ring)
        order by n limit 1
      ),
      shape as (
        select case
          when (select ST_SRID(lines) from src) = 4326 and not exists (select 1 from bad) and exists (select 1 from rings)
          then ST_MakePolygon((select ring from rings where n = 1), array(select ring from rings where n > 1 order by n))
        end as g
      ),
      verdict as (select g, ST_IsValidDetail(g) as d from shape)
      select
        (select ST_SRID(lines) from src) as srid,
        (select count(*)::int from rings) as rings,
        b.n as bad_ring, b.points as bad_points, b.closed as bad_closed,
        ST_X(b.first_pt) as first_lng, ST_Y(b.first_pt) as first_lat, ST_X(b.last_pt) as last_lng, ST_Y(b.last_pt) as last_lat,
        (v.d).valid as valid, (v.d).reason as reason, ST_X((v.d).location) as at_lng, ST_Y((v.d).location) as at_lat,
        case when (v.d).valid then ST_Area(v.g::geography) end as area_m2
      from verdict v left join bad b on true`),
  );
  if (!row) throw new Error("validatePolygon: PostGIS returned no verdict");
  const fail = (problem: TGeoProblem, message: string, location?: TGeoPoint): TPolygonVerdict =>
    location ? { ok: false, problem, message, location } : { ok: false, problem, message };

  if (Number(row.srid) !== 4326) {
    const srid = Number(row.srid);
    return fail(
      "wrong_srid",
      `The ${what} is in ${srid === 0 ? "an unknown coordinate system" : `SRID ${srid}`}; it must be WGS 84 longitude/latitude (EPSG:4326).`,
    );
  }
  if (Number(row.rings) === 0) return fail("no_rings", `The ${what} has no rings.`);
  if (row.bad_ring !== null) {
    const ring = row.bad_ring === 1 ? "The outer ring" : `Hole ${Number(row.bad_ring) - 1}`;
    if (Number(row.bad_points) < 4) {
      return fail("too_few_points", `${ring} of the ${what} has ${row.bad_points} point(s); a ring needs at least 4 (three corners and the first point again).`, pointOf(row.first_lng, row.first_lat));
    }
    const first = pointOf(row.first_lng, row.first_lat);
    const last = pointOf(row.last_lng, row.last_lat);
    return fail(
      "not_closed",
      `${ring} of the ${what} is not closed: it starts at ${first ? fmtPoint(first) : "?"} but ends at ${last ? fmtPoint(last) : "?"}; repeat the first point at the end.`,
      last,
    );
  }
  if (row.valid !== true) {
    const at = pointOf(row.at_lng, row.at_lat);
    const reason = row.reason ?? "invalid geometry";
    const selfIntersection = /self-intersection/i.test(reason);
    return fail(
      selfIntersection ? "self_intersection" : "invalid_geometry",
      selfIntersection
        ? `The ${what}'s edges cross each other${at ? ` at ${fmtPoint(at)}` : ""}; redraw it so that no edge crosses another.`
        : `The ${what} is not a valid polygon: ${reason}${at ? ` at ${fmtPoint(at)}` : ""}.`,
      at,
    );
  }
  const areaM2 = Number(row.area_m2);
  if (areaM2 < limits.minAreaM2) {
    return fail("too_small", `The ${what} covers ${fmtArea(areaM2)}; it must cover at least ${fmtArea(limits.minAreaM2)}.`);
  }
  if (areaM2 > limits.maxAreaM2) {
    return fail("too_large", `The ${what} covers ${fmtArea(areaM2)}; it may cover at most ${fmtArea(limits.maxAreaM2)}.`);
  }
  return { ok: true, areaM2, polygon: { type: "Polygon", coordinates: polygon.coordinates } };
}

/** validatePolygon, throwing GeoValidationError when PostGIS refuses; returns the clean polygon. */
export async function assertValidPolygon(db: TDbOrTx, input: TPolygonInput, limits: TAreaLimits, what: string): Promise<TPolygon> {
  const verdict = await validatePolygon(db, input, limits, what);
  if (!verdict.ok) throw new GeoValidationError(verdict.problem, verdict.message, verdict.location);
  return verdict.polygon;
}
