// SQL fragments every query shares. Coordinates always travel as bound parameters, and the point
// is a typed parameter rather than an expression: the planner treats it as a constant, so GiST
// indexes serve it (a volatile expression in its place would turn every index scan into a
// sequential one).
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import type { TGeoPoint } from "./coordinates";
import { parsePoint } from "./coordinates";

/**
 * The point as EWKT, bound as a single parameter whose type PostgreSQL infers from the cast:
 * PostGIS parses it once per execution, also under a generic prepared plan, instead of
 * rebuilding it with ST_MakePoint for every row a filter looks at. JavaScript prints the
 * shortest decimal that round-trips, so the database sees exactly the same doubles.
 */
function pointEwkt(p: TGeoPoint): string {
  const { lng, lat } = parsePoint(p);
  return `SRID=4326;POINT(${lng} ${lat})`;
}

/** The point as geometry(Point, 4326), for tests against polygons. */
export const pointGeometry = (p: TGeoPoint): SQL => sql`${pointEwkt(p)}::geometry`;

/** The point as geography, for distances in metres on the spheroid. */
export const pointGeography = (p: TGeoPoint): SQL => sql`${pointEwkt(p)}::geography`;

/** `{lat, lng}` of a geometry/geography point expression, as two float columns. */
export const latLngColumns = (g: SQL): SQL => sql`ST_Y((${g})::geometry) as lat, ST_X((${g})::geometry) as lng`;

/**
 * A list as one text parameter holding a Postgres array literal, cast by the caller
 * (`${pgArray(ids)}::uuid[]`): one placeholder whatever the length, so the statement text — and
 * its prepared plan — is shared, and both drivers (postgres.js, PGlite) bind it the same way.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}
