// Admins draw service zones; PostGIS judges the polygon, and a refusal says what and where.
import { TRPCError } from "@trpc/server";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { countRows, getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testCaller } from "./testing";

let db: TDb;
let city: TMiniCity;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
});

const admin = () =>
  testCaller(db, { user: { id: city.users.owner.id, email: "a@example.com", name: "Admin", roles: ["admin"], merchantIds: [], courierId: null, areaIds: [] }, expiresAt: new Date(Date.now() + 3600_000).toISOString() });

describe(`zones through the API on ${testBackend()}`, () => {
  it("creates a valid zone and audits it", async () => {
    const zone = await admin().admin.createZone({ areaId: city.country.id, slug: "chiado", name: "Chiado", boundary: { type: "Polygon", coordinates: [[[-9.145, 38.709], [-9.14, 38.709], [-9.14, 38.712], [-9.145, 38.712], [-9.145, 38.709]]] } });
    expect(zone).toMatchObject({ slug: "chiado", active: true });
    expect(await countRows(db, "audit_log")).toBe(1);
  });

  it("refuses a self-intersecting polygon, naming the problem and where it is, and writes nothing", async () => {
    const zonesBefore = await countRows(db, "service_zones");
    const error = await admin()
      .admin.createZone({ areaId: city.country.id, slug: "bow-tie", name: "Bow tie", boundary: { type: "Polygon", coordinates: [[[-9.145, 38.709], [-9.14, 38.712], [-9.14, 38.709], [-9.145, 38.712], [-9.145, 38.709]]] } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/edges cross/);
    const details = ((error as TRPCError).cause as { details?: { problem: string; location: { lat: number; lng: number } | null } }).details;
    expect(details?.problem).toBe("self_intersection");
    expect(details?.location?.lng).toBeCloseTo(-9.1425, 3);
    expect(details?.location?.lat).toBeCloseTo(38.7105, 3);
    expect(await countRows(db, "service_zones")).toBe(zonesBefore);
    expect(await countRows(db, "audit_log")).toBe(0);
  });

  it("refuses a short name already in use, or an area that does not exist, naming the field and writing nothing", async () => {
    const square = { type: "Polygon" as const, coordinates: [[[-9.145, 38.709], [-9.14, 38.709], [-9.14, 38.712], [-9.145, 38.712], [-9.145, 38.709]]] as [number, number][][] };
    const fieldOf = (e: unknown) => (e instanceof TRPCError ? [e.code, (e.cause as { field?: string } | undefined)?.field] : e);
    const zonesBefore = await countRows(db, "service_zones");
    expect(fieldOf(await admin().admin.createZone({ areaId: city.country.id, slug: city.zone.slug, name: "Again", boundary: square }).catch((e: unknown) => e))).toEqual(["BAD_REQUEST", "slug"]);
    expect(fieldOf(await admin().admin.createZone({ areaId: "00000000-0000-4000-8000-0000000000aa", slug: "nowhere", name: "Nowhere", boundary: square }).catch((e: unknown) => e))).toEqual(["BAD_REQUEST", "areaId"]);
    expect(await countRows(db, "service_zones")).toBe(zonesBefore);
    expect(await countRows(db, "audit_log")).toBe(0);
  });

  it("switches a zone off in an emergency", async () => {
    expect(await admin().admin.updateZone({ zoneId: city.zone.id, active: false })).toMatchObject({ active: false });
  });
});
