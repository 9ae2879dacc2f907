// Distances on the spheroid, geofences around points and polygons, and the geo configuration
// read from config_versions.
import { beforeAll, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { DEFAULT_GEO } from "@lastmile/db/seed";
import { configVersions } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { activeGeoConfig } from "./config";
import { distanceM, isWithin } from "./measure";
import { BAIXA, project } from "./test-fixtures";

let db: TDb;

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
});

const SE_CATHEDRAL = { lat: 38.7099, lng: -9.1334 };

describe(`distanceM on ${testBackend()}`, () => {
  it("measures on the WGS84 spheroid, not on a sphere or in degrees", async () => {
    // One degree of latitude from the equator is 110,574.39 m on WGS84 (111,195 m on the mean sphere).
    expect(await distanceM(db, { lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(110_574.39, 1);
    // One degree of longitude at 38.7° N is about 86.9 km, not the 111 km a degree suggests.
    expect((await distanceM(db, { lat: 38.7, lng: -9.5 }, { lat: 38.7, lng: -8.5 })) / 1000).toBeCloseTo(86.99, 1);
  });

  it("is symmetric and zero at the same point", async () => {
    const a = { lat: 38.7223, lng: -9.1393 };
    expect(await distanceM(db, a, SE_CATHEDRAL)).toBe(await distanceM(db, SE_CATHEDRAL, a));
    expect(await distanceM(db, a, a)).toBe(0);
  });
});

describe(`isWithin on ${testBackend()}`, () => {
  it("draws a geofence around a point to the decimetre", async () => {
    const inside = await project(db, SE_CATHEDRAL, 149.9, 200);
    const outside = await project(db, SE_CATHEDRAL, 150.1, 200);
    expect(await isWithin(db, inside, SE_CATHEDRAL, 150)).toBe(true);
    expect(await isWithin(db, outside, SE_CATHEDRAL, 150)).toBe(false);
  });

  it("draws a geofence around a polygon, radius 0 meaning inside", async () => {
    expect(await isWithin(db, { lat: 38.72, lng: -9.15 }, BAIXA, 0)).toBe(true);
    // 0.001° north of the northern edge is about 111 m out.
    const north = { lat: 38.731, lng: -9.14 };
    expect(await isWithin(db, north, BAIXA, 0)).toBe(false);
    expect(await isWithin(db, north, BAIXA, 120)).toBe(true);
    expect(await isWithin(db, north, BAIXA, 100)).toBe(false);
  });

  it("refuses a negative radius", async () => {
    await expect(isWithin(db, SE_CATHEDRAL, SE_CATHEDRAL, -1)).rejects.toThrow(RangeError);
  });
});

describe(`activeGeoConfig on ${testBackend()}`, () => {
  it("reads the active version, and says so when there is none", async () => {
    await expect(activeGeoConfig(db)).rejects.toThrow(/No active "geo" configuration/);
    await db.insert(configVersions).values([
      { key: "geo", version: 1, value: DEFAULT_GEO, active: false },
      { key: "geo", version: 2, value: { ...DEFAULT_GEO, detourFactor: 1.5 }, active: true },
    ]);
    expect((await activeGeoConfig(db)).detourFactor).toBe(1.5);
  });

  it("refuses a malformed version rather than guessing", async () => {
    await resetTestDb(db);
    await db.insert(configVersions).values({ key: "geo", version: 3, value: { detourFactor: 1.2 }, active: true });
    await expect(activeGeoConfig(db)).rejects.toThrow(/configuration \(v3\) is invalid/);
  });
});
