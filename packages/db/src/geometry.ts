// PostGIS column types for Drizzle, and the GeoJSON shapes they map to.
// Values go to the database as EWKT (with SRID 4326, so PostGIS enforces the column's SRID)
// and come back as hex EWKB, which `decodeEwkb` turns into GeoJSON. No geometry is computed
// here: measuring and testing shapes is PostGIS's job.
import { customType } from "drizzle-orm/pg-core";

export const SRID = 4326;

export type TLngLat = [lng: number, lat: number];
export type TPoint = { type: "Point"; coordinates: TLngLat };
export type TLineString = { type: "LineString"; coordinates: TLngLat[] };
export type TPolygon = { type: "Polygon"; coordinates: TLngLat[][] };
export type TMultiPolygon = { type: "MultiPolygon"; coordinates: TLngLat[][][] };
export type TGeometry = TPoint | TLineString | TPolygon | TMultiPolygon;

const pair = ([lng, lat]: TLngLat) => `${lng} ${lat}`;
const ring = (r: TLngLat[]) => `(${r.map(pair).join(",")})`;

/** EWKT for a GeoJSON geometry, always tagged with SRID 4326. */
export function toEwkt(g: TGeometry): string {
  switch (g.type) {
    case "Point":
      return `SRID=${SRID};POINT(${pair(g.coordinates)})`;
    case "LineString":
      return `SRID=${SRID};LINESTRING${ring(g.coordinates)}`;
    case "Polygon":
      return `SRID=${SRID};POLYGON(${g.coordinates.map(ring).join(",")})`;
    case "MultiPolygon":
      return `SRID=${SRID};MULTIPOLYGON(${g.coordinates.map((p) => `(${p.map(ring).join(",")})`).join(",")})`;
  }
}

export const point = (lng: number, lat: number): TPoint => ({
  type: "Point",
  coordinates: [lng, lat],
});

/** Decodes hex (E)WKB as PostgreSQL returns geometry and geography values. */
export function decodeEwkb(hex: string): TGeometry {
  const buf = Buffer.from(hex, "hex");
  let offset = 0;
  const read = (): TGeometry => {
    const little = buf.readUInt8(offset) === 1;
    offset += 1;
    const u32 = () => {
      const v = little ? buf.readUInt32LE(offset) : buf.readUInt32BE(offset);
      offset += 4;
      return v;
    };
    const f64 = () => {
      const v = little ? buf.readDoubleLE(offset) : buf.readDoubleBE(offset);
      offset += 8;
      return v;
    };
    const rawType = u32();
    if (rawType & 0x20000000) u32(); // SRID follows the type when the EWKB flag is set
    const hasZ = (rawType & 0x80000000) !== 0;
    const hasM = (rawType & 0x40000000) !== 0;
    const type = rawType & 0xffff;
    const coord = (): TLngLat => {
      const c: TLngLat = [f64(), f64()];
      if (hasZ) f64();
      if (hasM) f64();
      return c;
    };
    const coords = () => Array.from({ length: u32() }, coord);
    const rings = () => Array.from({ length: u32() }, coords);
    switch (type) {
      case 1:
        return { type: "Point", coordinates: coord() };
      case 2:
        return { type: "LineString", coordinates: coords() };
      case 3:
        return { type: "Polygon", coordinates: rings() };
      case 6:
        return {
          type: "MultiPolygon",
          coordinates: Array.from({ length: u32() }, () => (read() as TPolygon).coordinates),
        };
      default:
        throw new Error(`Unsupported WKB geometry type ${type}`);
    }
  };
  return read();
}

const spatial = <T extends TGeometry>(dataType: string) =>
  customType<{ data: T; driverData: string }>({
    dataType: () => dataType,
    toDriver: (value) => toEwkt(value),
    fromDriver: (value) => decodeEwkb(value) as T,
  });

/** A point in metres-aware geography: distances and KNN come out in metres. */
export const geographyPoint = spatial<TPoint>(`geography(Point,${SRID})`);
export const geometryPolygon = spatial<TPolygon>(`geometry(Polygon,${SRID})`);
export const geometryMultiPolygon = spatial<TMultiPolygon>(`geometry(MultiPolygon,${SRID})`);
export const geometryLineString = spatial<TLineString>(`geometry(LineString,${SRID})`);
