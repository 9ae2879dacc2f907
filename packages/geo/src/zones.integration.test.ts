// Service zones and the area hierarchy, on hand-made shapes whose answers can be read off the
// coordinates: inside, outside, exactly on an edge, in a hole, in an inactive zone, in two zones.
import { beforeAll, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { areaPathAt } from "./areas";
import type { TPlaces } from "./test-fixtures";
import { insertPlaces } from "./test-fixtures";
import { zoneAt } from "./zones";

let db: TDb;
let places: TPlaces;

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  places = await insertPlaces(db);
});

const zoneIdAt = async (lat: number, lng: number) => {
  const r = await zoneAt(db, { lat, lng });
  return r.found ? r.zone.id : null;
};

describe(`zoneAt on ${testBackend()}`, () => {
  it("finds the zone a point is inside", async () => {
    const r = await zoneAt(db, { lat: 38.725, lng: -9.13 });
    expect(r).toEqual({ found: true, zone: { id: places.baixaId, slug: "baixa", name: "baixa", areaId: places.municipalityId, pricingMultiplierBp: 10000 } });
  });

  it("counts a point exactly on the edge as inside", async () => {
    expect(await zoneIdAt(38.7, -9.14)).toBe(places.baixaId); // southern edge
    expect(await zoneIdAt(38.73, -9.16)).toBe(places.baixaId); // north-west corner
  });

  it("gives the active zone on an edge shared with an inactive one", async () => {
    expect(await zoneIdAt(38.72, -9.12)).toBe(places.baixaId);
  });

  it("does not count a point in a hole, but counts the hole's rim", async () => {
    expect(await zoneAt(db, { lat: 38.715, lng: -9.14 })).toEqual({
      found: false,
      reason: "outside_delivery_area",
      message: "This address is outside our delivery area.",
    });
    expect(await zoneIdAt(38.715, -9.145)).toBe(places.baixaId);
  });

  it("ignores inactive zones", async () => {
    expect(await zoneIdAt(38.72, -9.11)).toBeNull();
  });

  it("prefers the smaller zone where two overlap", async () => {
    expect(await zoneIdAt(38.705, -9.15)).toBe(places.chiadoId);
  });

  it("says outside, not an error, far away", async () => {
    const r = await zoneAt(db, { lat: 40.4168, lng: -3.7038 });
    expect(r.found).toBe(false);
  });

  it("refuses a coordinate out of range before it reaches SQL", async () => {
    await expect(zoneAt(db, { lat: 95, lng: 0 })).rejects.toThrow(/Latitude must be between -90 and 90/);
  });
});

describe(`areaPathAt on ${testBackend()}`, () => {
  it("walks from the country down to the municipality", async () => {
    const r = await areaPathAt(db, { lat: 38.72, lng: -9.14 });
    expect(r.found && r.path.map((a) => `${a.level}:${a.slug}`)).toEqual([
      "country:pt",
      "region:lisboa-r",
      "district:lisboa-d",
      "municipality:lisboa",
    ]);
    expect(r.found && r.path[3]).toMatchObject({ id: places.municipalityId, timezone: "Europe/Lisbon", currency: "EUR" });
  });

  it("stops where the hierarchy stops", async () => {
    const r = await areaPathAt(db, { lat: 41.15, lng: -8.61 }); // Porto: in the country, in no region we have
    expect(r.found && r.path.map((a) => a.slug)).toEqual(["pt"]);
  });

  it("says outside beyond the country", async () => {
    expect((await areaPathAt(db, { lat: 48.85, lng: 2.35 })).found).toBe(false);
  });
});
