// Hand-made places for the geo tests, with answers that can be checked by eye: a square zone over
// Baixa with a hole, an inactive neighbour sharing its eastern edge, a small zone inside it, an
// area hierarchy, and helpers that add merchants (with hours) and couriers one row at a time.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TPolygon } from "@lastmile/db/geometry";
import { DEFAULT_GEO } from "@lastmile/db/seed";
import { areas, couriers, merchantClosures, merchantHours, merchants, serviceZones, users } from "@lastmile/db/schema";

import type { TGeoConfig } from "./config";
import { ZGeoConfig } from "./config";
import type { TGeoPoint } from "./coordinates";

export const GEO_CONFIG: TGeoConfig = ZGeoConfig.parse(DEFAULT_GEO);

/** Friday 20 November 2026, 19:45 in Lisbon (UTC+0 in winter). */
export const FRIDAY_EVENING = new Date("2026-11-20T19:45:00Z");

const box = (west: number, south: number, east: number, north: number): [number, number][] => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
];

/** Baixa: -9.16..-9.12 × 38.70..38.73, with a hole at -9.145..-9.135 × 38.712..38.718. */
export const BAIXA: TPolygon = { type: "Polygon", coordinates: [box(-9.16, 38.7, -9.12, 38.73), box(-9.145, 38.712, -9.135, 38.718)] };
/** Alfama, east of Baixa, sharing the edge at lng -9.12; inactive. */
export const ALFAMA: TPolygon = { type: "Polygon", coordinates: [box(-9.12, 38.7, -9.1, 38.73)] };
/** Chiado, a small zone inside Baixa (clear of the hole). */
export const CHIADO: TPolygon = { type: "Polygon", coordinates: [box(-9.155, 38.702, -9.148, 38.708)] };

export type TPlaces = { countryId: string; municipalityId: string; baixaId: string; alfamaId: string; chiadoId: string };

export async function insertPlaces(db: TDbOrTx): Promise<TPlaces> {
  const area = async (values: typeof areas.$inferInsert) => {
    const [row] = await db.insert(areas).values(values).returning({ id: areas.id });
    if (!row) throw new Error("area insert failed");
    return row.id;
  };
  const multi = (c: [number, number][]) => ({ type: "MultiPolygon" as const, coordinates: [[c]] });
  const common = { timezone: "Europe/Lisbon", currency: "EUR" };
  const countryId = await area({ level: "country", slug: "pt", name: "Portugal", boundary: multi(box(-9.6, 36.9, -6.1, 42.2)), ...common });
  const regionId = await area({ level: "region", slug: "lisboa-r", name: "Lisboa", parentId: countryId, boundary: multi(box(-9.5, 38.6, -8.8, 39.1)), ...common });
  const districtId = await area({ level: "district", slug: "lisboa-d", name: "Distrito de Lisboa", parentId: regionId, boundary: multi(box(-9.3, 38.65, -9.0, 38.85)), ...common });
  const municipalityId = await area({ level: "municipality", slug: "lisboa", name: "Lisboa", parentId: districtId, boundary: multi(box(-9.23, 38.69, -9.09, 38.8)), ...common });
  const zone = async (slug: string, boundary: TPolygon, active = true) => {
    const [row] = await db.insert(serviceZones).values({ areaId: municipalityId, slug, name: slug, boundary, active }).returning({ id: serviceZones.id });
    if (!row) throw new Error("zone insert failed");
    return row.id;
  };
  return {
    countryId,
    municipalityId,
    baixaId: await zone("baixa", BAIXA),
    alfamaId: await zone("alfama", ALFAMA, false),
    chiadoId: await zone("chiado", CHIADO),
  };
}

/** The point `distanceM` metres from `from` at `azimuthDeg` (0 = north), on the spheroid, by PostGIS. */
export async function project(db: TDbOrTx, from: TGeoPoint, distanceM: number, azimuthDeg: number): Promise<TGeoPoint> {
  const [row] = rowsOf<{ lat: number; lng: number }>(
    await db.execute(sql`
      select ST_Y(g::geometry) as lat, ST_X(g::geometry) as lng
      from (select ST_Project(ST_SetSRID(ST_MakePoint(${from.lng}::float8, ${from.lat}::float8), 4326)::geography,
                              ${distanceM}::float8, radians(${azimuthDeg}::float8)) as g) p`),
  );
  if (!row) throw new Error("ST_Project returned nothing");
  return { lat: Number(row.lat), lng: Number(row.lng) };
}

type TSlot = [weekday: number, opensAt: string, closesAt: string];
/** Every day, 00:00–23:59:59: open whenever a test does not care about hours. */
export const ALWAYS: TSlot[] = [1, 2, 3, 4, 5, 6, 7].map((d) => [d, "00:00", "23:59:59"]);

let merchantSeq = 0;

export async function addMerchant(
  db: TDbOrTx,
  places: TPlaces,
  at: TGeoPoint,
  values: Partial<typeof merchants.$inferInsert> = {},
  hours: TSlot[] = ALWAYS,
) {
  merchantSeq += 1;
  const [row] = await db
    .insert(merchants)
    .values({
      slug: `m-${merchantSeq}`,
      name: `Merchant ${merchantSeq}`,
      location: { type: "Point", coordinates: [at.lng, at.lat] },
      address: "Rua Augusta",
      areaId: places.municipalityId,
      zoneId: places.baixaId,
      timezone: "Europe/Lisbon",
      currency: "EUR",
      status: "verified",
      deliveryRadiusM: 2000,
      defaultPrepTimeMin: 15,
      ...values,
    })
    .returning();
  if (!row) throw new Error("merchant insert failed");
  if (hours.length) {
    await db.insert(merchantHours).values(hours.map(([weekday, opensAt, closesAt]) => ({ merchantId: row.id, weekday, opensAt, closesAt })));
  }
  return row;
}

export async function addClosure(db: TDbOrTx, merchantId: string, startsAt: Date, endsAt: Date) {
  await db.insert(merchantClosures).values({ merchantId, startsAt, endsAt, reason: "test" });
}

let courierSeq = 0;

/** An approved, online courier with room for one more order, seen at `seenAt`, unless told otherwise. */
export async function addCourier(
  db: TDbOrTx,
  at: TGeoPoint | null,
  seenAt: Date,
  values: Partial<typeof couriers.$inferInsert> = {},
) {
  courierSeq += 1;
  const [user] = await db.insert(users).values({ email: `courier${courierSeq}@test.dev`, name: `Courier ${courierSeq}` }).returning({ id: users.id });
  if (!user) throw new Error("user insert failed");
  const [row] = await db
    .insert(couriers)
    .values({
      userId: user.id,
      vehicle: "bicycle",
      status: "online",
      applicationStatus: "approved",
      currentLocation: at ? { type: "Point", coordinates: [at.lng, at.lat] } : null,
      lastSeenAt: seenAt,
      capacity: 1,
      activeOrders: 0,
      ...values,
    })
    .returning();
  if (!row) throw new Error("courier insert failed");
  return row;
}
