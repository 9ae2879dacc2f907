// The area hierarchy and service zones of the demo city, from the committed GeoJSON.
import type { TDbOrTx } from "../client";
import { areas, serviceZones } from "../schema";
import type { TCity } from "./city";
import type { TRandom } from "./random";

export type TPlaces = {
  areaIds: Map<string, string>;
  zoneIds: Map<string, string>;
  zoneMultiplierBp: Map<string, number>;
  municipalityId: string;
  timezone: string;
  currency: string;
};

export async function seedPlaces(db: TDbOrTx, city: TCity, rnd: TRandom): Promise<TPlaces> {
  const areaIds = new Map<string, string>();
  // Parents first: the hierarchy is inserted level by level.
  for (const level of ["country", "region", "district", "municipality"] as const) {
    for (const a of city.areas.filter((x) => x.properties.level === level)) {
      const id = rnd.uuid();
      areaIds.set(a.properties.key, id);
      const parentId = a.properties.parentKey ? areaIds.get(a.properties.parentKey) : undefined;
      if (a.properties.parentKey && !parentId)
        throw new Error(`area ${a.properties.key}: unknown parent`);
      await db.insert(areas).values({
        id,
        parentId: parentId ?? null,
        level,
        slug: a.properties.key,
        name: a.properties.name,
        timezone: a.properties.timezone,
        currency: a.properties.currency,
        boundary: { type: "MultiPolygon", coordinates: [a.geometry.coordinates] },
      });
    }
  }
  const zoneIds = new Map<string, string>();
  const zoneMultiplierBp = new Map<string, number>();
  for (const z of city.zones) {
    const id = rnd.uuid();
    const areaId = areaIds.get(z.properties.municipalityKey);
    if (!areaId) throw new Error(`zone ${z.properties.key}: unknown municipality`);
    const bp = Math.round(z.properties.pricingMultiplier * 10000);
    zoneIds.set(z.properties.key, id);
    zoneMultiplierBp.set(id, bp);
    await db.insert(serviceZones).values({
      id,
      areaId,
      slug: z.properties.key,
      name: z.properties.name,
      boundary: z.geometry,
      active: z.properties.active,
      pricingMultiplierBp: bp,
    });
  }
  const lisboa = city.areas.find((a) => a.properties.key === "lisboa");
  const municipalityId = areaIds.get("lisboa");
  if (!lisboa || !municipalityId) throw new Error("the demo city needs the municipality 'lisboa'");
  return {
    areaIds,
    zoneIds,
    zoneMultiplierBp,
    municipalityId,
    timezone: lisboa.properties.timezone,
    currency: lisboa.properties.currency,
  };
}
