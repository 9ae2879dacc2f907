import { describe, expect, it } from "vitest";

import { ZGeoConfig } from "./config";
import { ZGeoPoint, ZLngLat, ZPolygonInput } from "./coordinates";
import { travelTimeS } from "./measure";
import { pgArray } from "./sql";
import { GEO_CONFIG } from "./test-fixtures";

describe("coordinates at the edge", () => {
  it("accepts the corners of the world", () => {
    for (const p of [{ lat: 90, lng: 180 }, { lat: -90, lng: -180 }, { lat: 0, lng: 0 }, { lat: 38.7071, lng: -9.1355 }]) {
      expect(ZGeoPoint.parse(p)).toEqual(p);
    }
  });

  it.each([
    [{ lat: 90.0001, lng: 0 }, /Latitude must be between -90 and 90/],
    [{ lat: -91, lng: 0 }, /Latitude must be between -90 and 90/],
    [{ lat: 0, lng: 180.5 }, /Longitude must be between -180 and 180/],
    [{ lat: 0, lng: -181 }, /Longitude must be between -180 and 180/],
    [{ lat: Number.NaN, lng: 0 }, /Latitude/],
    [{ lat: 0, lng: Number.POSITIVE_INFINITY }, /Longitude/],
    [{ lat: "38.7", lng: 0 }, /Latitude/],
  ])("refuses %o", (p, message) => {
    const r = ZGeoPoint.safeParse(p);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message).join("; ")).toMatch(message);
  });

  it("reads GeoJSON positions longitude first", () => {
    expect(ZLngLat.parse([-9.14, 38.71])).toEqual([-9.14, 38.71]);
    // A swapped pair from Lisbon puts the latitude out of range: caught.
    expect(ZLngLat.safeParse([38.71, -91.14]).success).toBe(false);
  });

  it("checks a polygon's shape but leaves geometry to PostGIS", () => {
    // An open ring is structurally fine here; validatePolygon reports it.
    expect(ZPolygonInput.safeParse({ type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1]]] }).success).toBe(true);
    expect(ZPolygonInput.safeParse({ type: "Polygon", coordinates: [] }).success).toBe(false);
    expect(ZPolygonInput.safeParse({ type: "Polygon", coordinates: [[[0, 0], [1, Number.NaN]]] }).success).toBe(false);
    expect(ZPolygonInput.safeParse({ type: "MultiPolygon", coordinates: [] }).success).toBe(false);
  });
});

describe("travel time", () => {
  it("is distance × detour ÷ the vehicle's speed, rounded up to the second", () => {
    // 1,000 m × 1.35 ÷ 4.2 m/s = 321.43 s → 322 s by bicycle; ÷ 1.3 m/s = 1038.46 s → 1039 s on foot.
    expect(travelTimeS(GEO_CONFIG, 1000, "bicycle")).toBe(322);
    expect(travelTimeS(GEO_CONFIG, 1000, "foot")).toBe(1039);
    expect(travelTimeS(GEO_CONFIG, 0, "car")).toBe(0);
  });

  it("follows the configuration it is given", () => {
    const slow = { ...GEO_CONFIG, detourFactor: 2, speedMps: { ...GEO_CONFIG.speedMps, car: 1 } };
    expect(travelTimeS(slow, 100, "car")).toBe(200);
  });

  it("refuses nonsense distances", () => {
    expect(() => travelTimeS(GEO_CONFIG, -1, "car")).toThrow(RangeError);
    expect(() => travelTimeS(GEO_CONFIG, Number.NaN, "car")).toThrow(RangeError);
  });

  it("validates the configuration's shape", () => {
    expect(ZGeoConfig.safeParse({ detourFactor: 0.5, speedMps: GEO_CONFIG.speedMps }).success).toBe(false);
    expect(ZGeoConfig.safeParse({ detourFactor: 1.3, speedMps: { foot: 1 } }).success).toBe(false);
  });
});

describe("array parameters", () => {
  it("quote each element as a Postgres array literal", () => {
    expect(pgArray(["bicycle", "car"])).toBe('{"bicycle","car"}');
    expect(pgArray([])).toBe("{}");
    expect(pgArray(['a"b', "c\\d", "e,f"])).toBe('{"a\\"b","c\\\\d","e,f"}');
  });
});
