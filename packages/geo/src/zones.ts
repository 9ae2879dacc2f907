// Service zones: which active zone a point is in, and the validated writes that create or
// reshape a zone.
import { eq, sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { serviceZones } from "@lastmile/db/schema";

import type { TGeoPoint, TPolygonInput } from "./coordinates";
import type { TOutside } from "./outside";
import { outsideDeliveryArea } from "./outside";
import type { TAreaLimits } from "./polygons";
import { assertValidPolygon, ZONE_AREA_LIMITS } from "./polygons";
import { pointGeometry } from "./sql";

export type TZoneHit = {
  id: string;
  slug: string;
  name: string;
  areaId: string;
  pricingMultiplierBp: number;
};

export type TZoneAt = { found: true; zone: TZoneHit } | TOutside;

/**
 * The active service zone covering a point. A point exactly on a zone's edge is in the zone
 * (ST_Covers, not ST_Contains); a point in a hole is not. Where zones overlap, the smallest —
 * the most specific — wins, then the lowest id, so the answer never depends on row order.
 */
export async function zoneAt(db: TDbOrTx, point: TGeoPoint): Promise<TZoneAt> {
  const [row] = rowsOf<{ id: string; slug: string; name: string; area_id: string; pricing_multiplier_bp: number }>(
    await db.execute(sql`
      select z.id, z.slug, z.name, z.area_id, z.pricing_multiplier_bp
      from service_zones z
      where z.active and ST_Covers(z.boundary, ${pointGeometry(point)})
      order by ST_Area(z.boundary), z.id
      limit 1`),
  );
  if (!row) return outsideDeliveryArea();
  return {
    found: true,
    zone: { id: row.id, slug: row.slug, name: row.name, areaId: row.area_id, pricingMultiplierBp: Number(row.pricing_multiplier_bp) },
  };
}

export type TCreateZoneInput = {
  areaId: string;
  slug: string;
  name: string;
  boundary: TPolygonInput;
  active?: boolean;
  pricingMultiplierBp?: number;
};

/** Creates a zone once PostGIS accepts its polygon; throws GeoValidationError otherwise. */
export async function createZone(db: TDbOrTx, input: TCreateZoneInput, limits: TAreaLimits = ZONE_AREA_LIMITS) {
  const boundary = await assertValidPolygon(db, input.boundary, limits, "zone boundary");
  const [row] = await db
    .insert(serviceZones)
    .values({
      areaId: input.areaId,
      slug: input.slug,
      name: input.name,
      boundary,
      ...(input.active === undefined ? {} : { active: input.active }),
      ...(input.pricingMultiplierBp === undefined ? {} : { pricingMultiplierBp: input.pricingMultiplierBp }),
    })
    .returning();
  if (!row) throw new Error("createZone: the insert returned no row");
  return row;
}

export type TUpdateZoneInput = Partial<Omit<TCreateZoneInput, "areaId">>;

/** Updates a zone; a new boundary is validated first. Returns null when the zone does not exist. */
export async function updateZone(db: TDbOrTx, zoneId: string, patch: TUpdateZoneInput, limits: TAreaLimits = ZONE_AREA_LIMITS) {
  const boundary = patch.boundary ? await assertValidPolygon(db, patch.boundary, limits, "zone boundary") : undefined;
  const values = {
    ...(patch.slug === undefined ? {} : { slug: patch.slug }),
    ...(patch.name === undefined ? {} : { name: patch.name }),
    ...(patch.active === undefined ? {} : { active: patch.active }),
    ...(patch.pricingMultiplierBp === undefined ? {} : { pricingMultiplierBp: patch.pricingMultiplierBp }),
    ...(boundary ? { boundary } : {}),
  };
  const [row] = await db
    .update(serviceZones)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(serviceZones.id, zoneId))
    .returning();
  return row ?? null;
}
