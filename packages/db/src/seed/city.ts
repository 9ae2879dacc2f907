// The demo city's geography (areas, service zones, streets, landmarks), committed as GeoJSON so
// the offline map draws the same city the database holds.
import { readFileSync } from "node:fs";
import path from "node:path";

import { z } from "zod";

import { packageRoot } from "../paths";

const ZLngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ZRing = z.array(ZLngLat).min(4);
const ZPolygon = z.object({ type: z.literal("Polygon"), coordinates: z.array(ZRing).min(1) });

const ZArea = z.object({
  type: z.literal("Feature"),
  properties: z.object({
    kind: z.literal("area"),
    key: z.string(),
    name: z.string(),
    level: z.enum(["country", "region", "district", "municipality"]),
    parentKey: z.string().nullable(),
    timezone: z.string(),
    currency: z.string().length(3),
  }),
  geometry: ZPolygon,
});

const ZZone = z.object({
  type: z.literal("Feature"),
  properties: z.object({
    kind: z.literal("zone"),
    key: z.string(),
    name: z.string(),
    municipalityKey: z.string(),
    pricingMultiplier: z.number().min(0.5).max(3),
    active: z.boolean(),
  }),
  geometry: ZPolygon,
});

const ZStreet = z.object({
  type: z.literal("Feature"),
  properties: z.object({
    kind: z.literal("street"),
    key: z.string(),
    name: z.string(),
    zoneKey: z.string().nullable(),
  }),
  geometry: z.object({ type: z.literal("LineString"), coordinates: z.array(ZLngLat).min(2) }),
});

const ZLandmark = z.object({
  type: z.literal("Feature"),
  properties: z.object({
    kind: z.literal("landmark"),
    key: z.string(),
    name: z.string(),
    landmarkKind: z.string(),
    zoneKey: z.string().nullable(),
  }),
  geometry: z.object({ type: z.literal("Point"), coordinates: ZLngLat }),
});

const ZCity = z.object({
  type: z.literal("FeatureCollection"),
  features: z.array(
    z.discriminatedUnion("type", [z.object({ type: z.literal("Feature") }).passthrough()]),
  ),
});

export const cityGeojsonPath = path.join(packageRoot, "src", "seed", "data", "lisbon.geojson");

export type TCity = ReturnType<typeof loadCity>;

export function loadCity() {
  const raw = ZCity.parse(JSON.parse(readFileSync(cityGeojsonPath, "utf8")));
  const kind = (f: unknown) => (f as { properties?: { kind?: string } }).properties?.kind;
  const of = <T extends z.ZodType>(k: string, schema: T) =>
    raw.features.filter((f) => kind(f) === k).map((f) => schema.parse(f) as z.infer<T>);
  return {
    areas: of("area", ZArea),
    zones: of("zone", ZZone),
    streets: of("street", ZStreet),
    landmarks: of("landmark", ZLandmark),
  };
}
