import { asc, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { courierLocations, couriers, orders, serviceZones } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { DomainError } from "../errors";
import { recordingPublisher } from "../events";
import { applyTransition, assignCourier, systemActor } from "../orders";
import { actor, testDeps } from "../testing/deps";
import { placeTestOrder } from "../testing/place-test-order";
import { reportLocations } from "./report-locations";
import { createThrottle } from "./throttle";
import type { TThrottle } from "./throttle";
import type { TLocationPoint } from "./validate";

let db: TDb;
let city: TMiniCity;
let courierId: string;
let throttle: TThrottle;
let events: ReturnType<typeof recordingPublisher>;

/** The courier's last known fix, at the restaurant; every test's clock starts here. */
const T0 = new Date("2026-11-30T12:00:00.000Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const restaurant = { lng: -9.1393, lat: 38.7139 };
const doorstep = { lng: -9.1365, lat: 38.7095 };
/** ~110 m north of the restaurant per 0.001° of latitude. */
const north = (m: number) => ({ lng: restaurant.lng, lat: restaurant.lat + m / 111_000 });

const report = (points: TLocationPoint[], nowS: number, id = courierId) =>
  reportLocations(db, events, { courierId: id, points, now: at(nowS) }, { throttle });

async function current(id = courierId) {
  const [row] = rowsOf<{
    lng: number;
    lat: number;
    last_seen_at: Date | string;
    heading_deg: number | null;
    speed_mps: number | null;
    accuracy_m: number | null;
  }>(
    await db.execute(
      sql`select ST_X(current_location::geometry) as lng, ST_Y(current_location::geometry) as lat, last_seen_at, heading_deg, speed_mps, accuracy_m from couriers where id = ${id}`,
    ),
  );
  if (!row) throw new Error("no courier");
  return { ...row, lastSeenAt: new Date(row.last_seen_at) };
}
const history = () =>
  db
    .select({ recordedAt: courierLocations.recordedAt, orderId: courierLocations.orderId })
    .from(courierLocations)
    .where(eq(courierLocations.courierId, courierId))
    .orderBy(asc(courierLocations.recordedAt));
const channelsOf = (name = "courier.location") =>
  events.events.filter((e) => e.name === name).map((e) => e.channel);

async function placeAndAssign() {
  const deps = testDeps();
  const { order } = await placeTestOrder(db, deps, city, {
    idempotencyKey: `loc-${Math.random().toString(36).slice(2, 12)}`,
  });
  await assignCourier(db, deps.events, { orderId: order.id, courierId, actor: systemActor });
  return { orderId: order.id, deps };
}

const fails = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a domain error");
};

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
  courierId = city.couriers.courier.id;
  await db.update(couriers).set({ lastSeenAt: T0 }).where(eq(couriers.id, courierId));
  throttle = createThrottle(1000);
  events = recordingPublisher();
});

describe(`courier location reports on ${testBackend()}`, () => {
  it("keeps good points, refuses each bad one with its reason, and moves the courier to the newest", async () => {
    const result = await report(
      [
        { ...north(20), recordedAt: at(5), headingDeg: 0, speedMps: 4, accuracyM: 8 },
        { lng: -9.14, lat: 91, recordedAt: at(6) },
        { ...north(40), recordedAt: at(120) }, // two minutes ahead of the server
        { ...north(40), recordedAt: new Date(T0.getTime() - 2 * 86_400_000) }, // two days old
        { ...north(3000), recordedAt: at(9) }, // 3 km in 4 s on an e-bike
        { ...north(50), recordedAt: at(10), headingDeg: 10, speedMps: 5, accuracyM: 6 },
        { ...north(50), recordedAt: at(10) }, // the same instant twice
      ],
      10,
    );
    expect(result.rejected.map((r) => [r.index, r.reason])).toEqual([
      [1, "coordinates_out_of_range"],
      [2, "in_the_future"],
      [3, "too_old"],
      [4, "implausible_speed"],
      [6, "duplicate"],
    ]);
    expect(result.rejected.find((r) => r.index === 4)?.message).toMatch(
      /km\/h, more than a ebike can do/,
    );
    expect(result).toMatchObject({ accepted: 2, moved: true });
    // The wild fix did not become the reference: the point after it was judged from the last good one.
    const now = await current();
    expect(now.lat).toBeCloseTo(north(50).lat, 6);
    expect(now).toMatchObject({ heading_deg: 10, speed_mps: 5, accuracy_m: 6 });
    expect(now.lastSeenAt).toEqual(at(10));
    expect((await history()).map((h) => h.recordedAt)).toEqual([at(5), at(10)]);
  });

  it("allows a small clock skew and forgives GPS scatter when judging speed", async () => {
    // 20 s ahead is within the allowance; 40 m of scatter in one second is not 144 km/h.
    const result = await report(
      [
        { ...north(40), recordedAt: at(1), accuracyM: 30 },
        { ...north(45), recordedAt: at(21) },
      ],
      1,
    );
    expect(result).toEqual({ accepted: 2, rejected: [], moved: true });
  });

  it("stores late points in history but never moves the courier backwards", async () => {
    await report([{ ...north(100), recordedAt: at(30) }], 30);
    const late = await report(
      [
        { ...north(20), recordedAt: at(10) },
        { ...north(60), recordedAt: at(20) },
      ],
      31,
    );
    expect(late).toEqual({ accepted: 2, rejected: [], moved: false });
    const now = await current();
    expect(now.lastSeenAt).toEqual(at(30));
    expect(now.lat).toBeCloseTo(north(100).lat, 6);
    expect((await history()).map((h) => h.recordedAt)).toEqual([at(10), at(20), at(30)]);
    // Nothing new to show anyone.
    expect(channelsOf()).toHaveLength(1);
  });

  it("judges a late point against the points around it in time, not against the newest", async () => {
    await report([{ ...north(20), recordedAt: at(5) }], 5);
    await report([{ ...north(1000), recordedAt: at(100) }], 100);
    // 2 km from where the courier was 5 s earlier is impossible, though it is plausible from the newest point.
    const late = await report([{ ...north(2000), recordedAt: at(10) }], 101);
    expect(late.rejected).toEqual([
      expect.objectContaining({ index: 0, reason: "implausible_speed" }),
    ]);
  });

  it("refuses a retried report's points as duplicates, keeping history clean", async () => {
    const batch = [
      { ...north(20), recordedAt: at(5) },
      { ...north(40), recordedAt: at(10) },
    ];
    await report(batch, 10);
    const again = await report(batch, 12);
    expect(again.accepted).toBe(0);
    expect(again.rejected.map((r) => r.reason)).toEqual(["duplicate", "duplicate"]);
    expect(await history()).toHaveLength(2);
  });

  it("takes positions only from couriers on duty", async () => {
    await db.update(couriers).set({ status: "offline" }).where(eq(couriers.id, courierId));
    const e = await fails(report([{ ...north(20), recordedAt: at(5) }], 5));
    expect(e).toMatchObject({
      kind: "Conflict",
      message: "You are off duty: go on duty to share your location.",
    });
    expect(await history()).toHaveLength(0);
    expect((await current()).lastSeenAt).toEqual(T0);
    expect(events.events).toEqual([]);
  });

  it("tags history with the order the courier carries", async () => {
    const { orderId } = await placeAndAssign();
    await report(
      [
        { ...north(20), recordedAt: at(5) },
        { ...north(40), recordedAt: at(10) },
      ],
      10,
    );
    expect((await history()).map((h) => h.orderId)).toEqual([orderId, orderId]);
  });

  it("tells the zone's live map and, only while the order is with the courier, its customer", async () => {
    const zone = city.zone.id;
    // Not carrying anything: the ops map of the zone only.
    await report([{ ...north(20), recordedAt: at(5) }], 5);
    expect(channelsOf()).toEqual([`private-ops-${zone}`]);
    expect(events.events[0]?.data).toEqual({
      courierId,
      lng: north(20).lng,
      lat: north(20).lat,
      heading: null,
      speed: null,
      at: at(5).toISOString(),
    });

    // Assigned, then picked up: the customer's order channel too.
    const { orderId, deps } = await placeAndAssign();
    events.events.length = 0;
    await report([{ ...restaurant, recordedAt: at(10) }], 10);
    expect(channelsOf().sort()).toEqual([`private-ops-${zone}`, `private-order-${orderId}`].sort());

    const staff = actor({
      role: "merchant_staff",
      userId: city.users.staff.id,
      merchantIds: [city.merchant.id],
    });
    const courier = actor({ role: "courier", userId: city.users.courierUser.id, courierId });
    for (const action of ["accept", "startPreparing", "markReady"] as const)
      await applyTransition(db, deps, { orderId, action, actor: staff });
    await applyTransition(db, deps, {
      orderId,
      action: "pickUp",
      actor: courier,
      location: restaurant,
    });
    events.events.length = 0;
    await report([{ ...doorstep, recordedAt: at(200) }], 200);
    expect(channelsOf()).toContain(`private-order-${orderId}`);

    // Handed over: the customer no longer sees where the courier goes next.
    const [o] = await db
      .select({ pin: orders.deliveryPin })
      .from(orders)
      .where(eq(orders.id, orderId));
    await applyTransition(db, deps, {
      orderId,
      action: "deliver",
      actor: courier,
      location: doorstep,
      pin: o?.pin,
    });
    events.events.length = 0;
    await report([{ ...north(100), recordedAt: at(400) }], 400);
    expect(channelsOf()).toEqual([`private-ops-${zone}`]);
  });

  it("goes to the ops channel of the zone the courier is in, or of their home zone outside every zone", async () => {
    const [belem] = await db
      .insert(serviceZones)
      .values({
        areaId: city.country.id,
        slug: "belem-mini",
        name: "Belém",
        boundary: {
          type: "Polygon",
          coordinates: [
            [
              [-9.22, 38.69],
              [-9.19, 38.69],
              [-9.19, 38.705],
              [-9.22, 38.705],
              [-9.22, 38.69],
            ],
          ],
        },
      })
      .returning();
    await report([{ lng: -9.205, lat: 38.697, recordedAt: at(900) }], 900);
    expect(channelsOf()).toEqual([`private-ops-${belem?.id}`]);
    // Across the river in Almada, outside every zone: the home zone's map keeps them.
    await report([{ lng: -9.1569, lat: 38.679, recordedAt: at(1800) }], 1800);
    expect(channelsOf()).toEqual([`private-ops-${belem?.id}`, `private-ops-${city.zone.id}`]);
  });

  it("shows every courier of a zone on its live map, each at most once a second", async () => {
    const other = city.couriers.otherCourier.id;
    await db.update(couriers).set({ lastSeenAt: T0 }).where(eq(couriers.id, other));
    await report([{ ...north(10), recordedAt: at(1) }], 1);
    await report([{ lng: -9.14, lat: 38.7131, recordedAt: at(1.2) }], 1.2, other);
    await report([{ ...north(12), recordedAt: at(1.5) }], 1.5);
    const ops = events.events.filter((e) => e.channel === `private-ops-${city.zone.id}`);
    expect(ops.map((e) => [e.data.courierId, e.data.at])).toEqual([
      [courierId, at(1).toISOString()],
      [other, at(1.2).toISOString()],
    ]);
  });

  it("sends at most one position per second on a channel", async () => {
    await report([{ ...north(10), recordedAt: at(1) }], 1);
    await report([{ ...north(12), recordedAt: at(1.5) }], 1.5);
    await report([{ ...north(14), recordedAt: at(1.9) }], 1.9);
    await report([{ ...north(16), recordedAt: at(2) }], 2);
    expect(events.events.map((e) => e.data.at)).toEqual([at(1).toISOString(), at(2).toISOString()]);
    // Every one of them is stored, throttled or not.
    expect(await history()).toHaveLength(4);
    expect((await current()).lastSeenAt).toEqual(at(2));
  });
});
