// PostGIS's verdict on zone and delivery-area polygons, and writes that change nothing when the
// polygon is refused.
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import type { TPolygon } from "@lastmile/db/geometry";
import { merchants, serviceZones } from "@lastmile/db/schema";
import { countRows, getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import type { TPolygonInput } from "./coordinates";
import { GeoValidationError } from "./errors";
import { setMerchantDeliveryArea } from "./merchants";
import { DELIVERY_AREA_LIMITS, validatePolygon, ZONE_AREA_LIMITS } from "./polygons";
import type { TPlaces } from "./test-fixtures";
import { addMerchant, BAIXA, insertPlaces } from "./test-fixtures";
import { createZone, updateZone } from "./zones";

let db: TDb;
let places: TPlaces;

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  places = await insertPlaces(db);
});

/** About 2.2 km × 2.2 km over Graça. */
const GRACA: TPolygon = { type: "Polygon", coordinates: [[[-9.14, 38.71], [-9.115, 38.71], [-9.115, 38.73], [-9.14, 38.73], [-9.14, 38.71]]] };
const BOW_TIE: TPolygon = { type: "Polygon", coordinates: [[[-9.16, 38.7], [-9.12, 38.73], [-9.12, 38.7], [-9.16, 38.73], [-9.16, 38.7]]] };
const OPEN_RING: TPolygon = { type: "Polygon", coordinates: [[[-9.14, 38.71], [-9.115, 38.71], [-9.115, 38.73], [-9.14, 38.73]]] };

async function refusal(write: Promise<unknown>): Promise<GeoValidationError> {
  try {
    await write;
  } catch (error) {
    if (error instanceof GeoValidationError) return error;
    throw error;
  }
  throw new Error("expected the write to be refused");
}

describe(`validatePolygon on ${testBackend()}`, () => {
  it("accepts a sound polygon and measures it on the spheroid", async () => {
    const v = await validatePolygon(db, GRACA, ZONE_AREA_LIMITS, "zone");
    expect(v.ok).toBe(true);
    // 0.025° of longitude × 0.02° of latitude at 38.72° N ≈ 2,171 m × 2,221 m.
    if (v.ok) expect(v.areaM2 / 1e6).toBeCloseTo(4.82, 1);
  });

  it("accepts a polygon with a hole", async () => {
    expect((await validatePolygon(db, BAIXA, ZONE_AREA_LIMITS)).ok).toBe(true);
  });

  it("names a ring that is not closed, and where it ends", async () => {
    const v = await validatePolygon(db, OPEN_RING, ZONE_AREA_LIMITS, "zone boundary");
    expect(v).toEqual({
      ok: false,
      problem: "not_closed",
      message: "The outer ring of the zone boundary is not closed: it starts at (lat 38.71, lng -9.14) but ends at (lat 38.73, lng -9.14); repeat the first point at the end.",
      location: { lat: 38.73, lng: -9.14 },
    });
  });

  it("names an open hole as a hole", async () => {
    const v = await validatePolygon(db, { type: "Polygon", coordinates: [GRACA.coordinates[0] ?? [], [[-9.13, 38.715], [-9.125, 38.715], [-9.125, 38.72]]] }, ZONE_AREA_LIMITS);
    expect(v.ok || v.message).toMatch(/^Hole 1 of the polygon has 3 point\(s\)/);
  });

  it("locates a self-intersection", async () => {
    const v = await validatePolygon(db, BOW_TIE, ZONE_AREA_LIMITS, "zone boundary");
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.problem).toBe("self_intersection");
    // The bow tie's diagonals cross at its centre.
    expect(v.location?.lng).toBeCloseTo(-9.14, 6);
    expect(v.location?.lat).toBeCloseTo(38.715, 6);
    expect(v.message).toMatch(/^The zone boundary's edges cross each other at \(lat 38\.715, lng -9\.14\); redraw it so that no edge crosses another\.$/);
  });

  it("explains other invalid shapes in PostGIS's words", async () => {
    const holeOutside: TPolygonInput = { type: "Polygon", coordinates: [GRACA.coordinates[0] ?? [], [[-9.0, 38.0], [-8.99, 38.0], [-8.99, 38.01], [-9.0, 38.0]]] };
    const v = await validatePolygon(db, holeOutside, ZONE_AREA_LIMITS);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.problem).toBe("invalid_geometry");
      expect(v.message).toMatch(/Hole lies outside shell/);
    }
  });

  it("refuses another coordinate system", async () => {
    const mercator: TPolygonInput = {
      type: "Polygon",
      // Web Mercator metres ÷ 100,000, so the numbers pass the edge's range check and only the CRS is wrong.
      coordinates: [[[-10.17, 46.83], [-10.15, 46.83], [-10.15, 46.85], [-10.17, 46.83]]],
      crs: { type: "name", properties: { name: "EPSG:3857" } },
    };
    const v = await validatePolygon(db, mercator, ZONE_AREA_LIMITS);
    expect(v).toMatchObject({ ok: false, problem: "wrong_srid" });
    expect(v.ok || v.message).toMatch(/SRID 3857; it must be WGS 84 longitude\/latitude \(EPSG:4326\)/);
  });

  it("refuses zones too small or too large", async () => {
    const tiny: TPolygon = { type: "Polygon", coordinates: [[[-9.14, 38.71], [-9.1399, 38.71], [-9.1399, 38.7101], [-9.14, 38.71]]] };
    const small = await validatePolygon(db, tiny, ZONE_AREA_LIMITS, "zone");
    expect(small).toMatchObject({ ok: false, problem: "too_small" });
    expect(small.ok || small.message).toMatch(/^The zone covers \d+ m²; it must cover at least 50,000 m²\.$/);
    const iberia: TPolygon = { type: "Polygon", coordinates: [[[-9.5, 36.9], [3.3, 36.9], [3.3, 43.8], [-9.5, 43.8], [-9.5, 36.9]]] };
    const large = await validatePolygon(db, iberia, ZONE_AREA_LIMITS, "zone");
    expect(large).toMatchObject({ ok: false, problem: "too_large" });
    expect(large.ok || large.message).toMatch(/it may cover at most 1000\.00 km²/);
  });
});

describe(`zone and delivery-area writes on ${testBackend()}`, () => {
  it("creates a zone from a sound polygon", async () => {
    const zone = await createZone(db, { areaId: places.municipalityId, slug: "graca", name: "Graça", boundary: GRACA, pricingMultiplierBp: 11000 });
    expect(zone).toMatchObject({ slug: "graca", active: true, pricingMultiplierBp: 11000, boundary: GRACA });
  });

  it.each([
    ["not closed", OPEN_RING, "not_closed"],
    ["self-intersecting", BOW_TIE, "self_intersection"],
  ] as const)("refuses a %s zone and creates nothing", async (_label, boundary, problem) => {
    const before = await countRows(db, "service_zones");
    const error = await refusal(createZone(db, { areaId: places.municipalityId, slug: "bad", name: "Bad", boundary }));
    expect(error.problem).toBe(problem);
    expect(await countRows(db, "service_zones")).toBe(before);
  });

  it("reshapes a zone, or leaves it exactly as it was when the new shape is refused", async () => {
    const updated = await updateZone(db, places.alfamaId, { boundary: GRACA, active: true });
    expect(updated).toMatchObject({ active: true, boundary: GRACA });
    const error = await refusal(updateZone(db, places.alfamaId, { boundary: BOW_TIE, name: "Renamed" }));
    expect(error.problem).toBe("self_intersection");
    const [row] = await db.select().from(serviceZones).where(eq(serviceZones.id, places.alfamaId));
    expect(row).toMatchObject({ name: "alfama", boundary: GRACA, active: true });
    expect(await updateZone(db, "00000000-0000-4000-8000-000000000000", { name: "x" })).toBeNull();
  });

  it("sets, refuses and clears a merchant's delivery area", async () => {
    const m = await addMerchant(db, places, { lat: 38.72, lng: -9.13 });
    expect(await setMerchantDeliveryArea(db, m.id, GRACA)).toMatchObject({ id: m.id, deliveryArea: GRACA });
    const error = await refusal(setMerchantDeliveryArea(db, m.id, OPEN_RING));
    expect(error.problem).toBe("not_closed");
    const [kept] = await db.select({ area: merchants.deliveryArea }).from(merchants).where(eq(merchants.id, m.id));
    expect(kept?.area).toEqual(GRACA);
    expect(await setMerchantDeliveryArea(db, m.id, null)).toMatchObject({ deliveryArea: null, deliveryRadiusM: 2000 });
  });

  it("will not clear the area of a merchant that has no radius to fall back on", async () => {
    const m = await addMerchant(db, places, { lat: 38.72, lng: -9.13 }, { deliveryRadiusM: null, deliveryArea: GRACA });
    const error = await refusal(setMerchantDeliveryArea(db, m.id, null));
    expect(error.problem).toBe("no_delivery_coverage");
    const [kept] = await db.select({ area: merchants.deliveryArea }).from(merchants).where(eq(merchants.id, m.id));
    expect(kept?.area).toEqual(GRACA);
  });

  it("uses the delivery-area limits, not the zone ones", async () => {
    const m = await addMerchant(db, places, { lat: 38.72, lng: -9.13 });
    const tiny: TPolygon = { type: "Polygon", coordinates: [[[-9.14, 38.71], [-9.1395, 38.71], [-9.1395, 38.7104], [-9.14, 38.71]]] };
    const error = await refusal(setMerchantDeliveryArea(db, m.id, tiny));
    expect(error.problem).toBe("too_small");
    expect(error.message).toMatch(/delivery area covers .* at least 10,000 m²/);
    expect(DELIVERY_AREA_LIMITS.maxAreaM2).toBeGreaterThan(2.8e9);
  });
});
