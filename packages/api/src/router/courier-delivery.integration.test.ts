// The courier's road through the API: the order they carry with what to collect and how many
// PIN attempts are left; a problem at the door lands on the order's timeline and reaches the
// zone's ops channel, flagged with its area's timezone; a cancelled order moves to "recently
// cancelled" and refuses a report; each order names its area's timezone; the delivered order
// shows in the history with its fee and whole tip; earnings name the city's timezone.
import { TRPCError } from "@trpc/server";
import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { recordingPublisher } from "@lastmile/core/events";
import { applyTransition, assignCourier, systemActor } from "@lastmile/core/orders";
import type { TActor } from "@lastmile/core/orders";
import { placeTestOrder } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { areas, orderEvents, orders } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider } from "@lastmile/payments";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
let orderId: string;
const events = recordingPublisher();
const deps = { payments: createLocalProvider(), events };

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  events.events.length = 0;
  city = await insertMiniCity(db);
  const { order } = await placeTestOrder(db, deps, city, {
    idempotencyKey: "api-courier-road-1",
    quantity: 2,
    tipCents: 250,
  });
  const kitchen: TActor = {
    userId: city.users.staff.id,
    role: "merchant_staff",
    merchantIds: [city.merchant.id],
    courierId: null,
    areaIds: [],
  };
  await applyTransition(db, deps, { orderId: order.id, action: "accept", actor: kitchen });
  await assignCourier(db, events, {
    orderId: order.id,
    courierId: city.couriers.courier.id,
    actor: systemActor,
  });
  orderId = order.id;
});

const arrivals = () =>
  db
    .select()
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, orderId),
        like(sql`${orderEvents.metadata}->>'kind'`, "courier.arrived%"),
      ),
    );

const staffCaller = (roles: ("admin" | "ops_manager")[], areaIds: string[] = []) =>
  testCaller(
    db,
    {
      user: {
        id: city.users.owner.id,
        email: "ops@example.com",
        name: "Ops",
        roles,
        merchantIds: [],
        courierId: null,
        areaIds,
      },
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    },
    { events },
  );

const courierCaller = () => {
  const user = city.users.courierUser;
  return testCaller(
    db,
    {
      user: {
        id: user.id,
        email: user.email,
        name: user.name ?? "Courier",
        roles: ["courier"],
        merchantIds: [],
        courierId: city.couriers.courier.id,
        areaIds: [],
      },
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    },
    { events },
  );
};

describe(`the courier's deliveries through the API on ${testBackend()}`, () => {
  it("lists the carried order with its items, drop-off, earnings and PIN attempts left", async () => {
    const { active, recentlyCancelled, geofence } = await courierCaller().courier.deliveries();
    expect(recentlyCancelled).toEqual([]);
    expect(active).toHaveLength(1);
    const [d] = active;
    expect(d).toMatchObject({
      orderId,
      status: "ACCEPTED",
      tipCents: 250,
      pinAttemptsLeft: geofence.maxPinAttempts,
      merchant: { name: city.merchant.name },
    });
    expect(d?.items).toEqual([
      expect.objectContaining({ quantity: 2, options: [expect.any(String)] }),
    ]);
    expect(d?.readyBy).toBeInstanceOf(Date);
  });

  it("names the timezone of the order's area on each order, carried or recently cancelled, for its times to be shown in", async () => {
    expect((await courierCaller().courier.deliveries()).active).toEqual([
      expect.objectContaining({ orderId, timezone: "Europe/Lisbon" }),
    ]);
    await db
      .update(areas)
      .set({ timezone: "Atlantic/Azores" })
      .where(eq(areas.id, city.zone.areaId));
    expect((await courierCaller().courier.deliveries()).active).toEqual([
      expect.objectContaining({ orderId, timezone: "Atlantic/Azores" }),
    ]);
    await applyTransition(db, deps, {
      orderId,
      action: "cancel",
      actor: systemActor,
      reason: "Customer called",
    });
    expect((await courierCaller().courier.deliveries()).recentlyCancelled).toEqual([
      expect.objectContaining({ orderId, timezone: "Atlantic/Azores" }),
    ]);
    // Without a zone, the merchant's (its city's) clock.
    await db.update(orders).set({ zoneId: null }).where(eq(orders.id, orderId));
    expect((await courierCaller().courier.deliveries()).recentlyCancelled).toEqual([
      expect.objectContaining({ orderId, timezone: city.merchant.timezone }),
    ]);
  });

  it("accepts 'arrived at the restaurant' only inside the geofence, records it once and tells the kitchen and the customer", async () => {
    const { geofence } = await courierCaller().courier.deliveries();
    // ~300 m north of Tasca Mini: refused, with the distance and the rule, and nothing written.
    const far = await courierCaller()
      .courier.arrivedAtPickup({
        orderId,
        location: { lng: -9.1393, lat: 38.7139 + 300 / 111_200 },
      })
      .catch((e: unknown) => e);
    expect(far).toBeInstanceOf(TRPCError);
    expect((far as TRPCError).code).toBe("BAD_REQUEST");
    expect((far as TRPCError).message).toMatch(
      new RegExp(
        `^You are (29\\d|30\\d) m from Tasca Mini; arrive within ${geofence.pickupM} m\\.$`,
      ),
    );
    expect(await arrivals()).toEqual([]);
    expect(events.events.filter((e) => e.name === "order.courier_arrived")).toEqual([]);

    // At the door (no position sent: the courier's last reported one, as pick-up uses).
    const r = await courierCaller().courier.arrivedAtPickup({ orderId });
    expect(r).toMatchObject({ orderId, place: "pickup", distanceM: 0, alreadyRecorded: false });
    const again = await courierCaller().courier.arrivedAtPickup({ orderId });
    expect(again).toMatchObject({ alreadyRecorded: true, at: r.at });
    const recorded = await arrivals();
    expect(recorded).toEqual([
      expect.objectContaining({
        fromStatus: "ACCEPTED",
        toStatus: "ACCEPTED",
        actorRole: "courier",
        reason: "Courier arrived at the restaurant",
        metadata: expect.objectContaining({ kind: "courier.arrived_pickup", distanceM: 0 }),
      }),
    ]);
    const published = events.events.filter((e) => e.name === "order.courier_arrived");
    expect(published.map((e) => e.channel).sort()).toEqual(
      [`private-merchant-${city.merchant.id}`, `private-order-${orderId}`].sort(),
    );
    expect(published[0]?.data).toMatchObject({ orderId, place: "pickup" });
    const [d] = (await courierCaller().courier.deliveries()).active;
    expect(d?.arrivedAtPickupAt).toEqual(r.at);
    expect(d?.arrivedAtDropoffAt).toBeNull();

    // The door only counts once the food is on board.
    const early = await courierCaller()
      .courier.arrivedAtDropoff({ orderId, location: { lng: -9.1365, lat: 38.7095 } })
      .catch((e: unknown) => e);
    expect((early as TRPCError).code).toBe("CONFLICT");
  });

  it("accepts 'arrived at the door' inside the drop-off geofence and refuses it once the order is cancelled", async () => {
    await db
      .update(orders)
      .set({ status: "PICKED_UP", pickedUpAt: new Date() })
      .where(eq(orders.id, orderId));
    const far = await courierCaller()
      .courier.arrivedAtDropoff({ orderId, location: { lng: -9.1393, lat: 38.7139 } })
      .catch((e: unknown) => e);
    expect((far as TRPCError).message).toMatch(
      /^You are \d+ m from the drop-off \(Rua Augusta 100[^)]*\); arrive within \d+ m\.$/,
    );
    const r = await courierCaller().courier.arrivedAtDropoff({
      orderId,
      location: { lng: -9.1365, lat: 38.7095 },
      arrivedAt: new Date(Date.now() - 60_000),
    });
    expect(r).toMatchObject({ place: "dropoff", alreadyRecorded: false });
    expect(
      events.events.filter((e) => e.name === "order.courier_arrived").map((e) => e.channel),
    ).toEqual([`private-order-${orderId}`]);

    await db
      .update(orders)
      .set({ status: "CANCELLED", cancelledAt: new Date() })
      .where(eq(orders.id, orderId));
    const late = await courierCaller()
      .courier.arrivedAtPickup({ orderId })
      .catch((e: unknown) => e);
    expect((late as TRPCError).code).toBe("CONFLICT");
    expect((late as TRPCError).message).toBe(
      `Order #${r.orderNumber} is cancelled; arriving at the restaurant no longer applies.`,
    );
  });

  it("records a problem on the order's timeline and tells the zone's ops desk", async () => {
    const r = await courierCaller().courier.reportProblem({
      orderId,
      problem: "customer_not_there",
      note: "Rang twice, no answer",
    });
    expect(r).toMatchObject({ label: "Customer not there" });
    const [e] = await db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.actorRole, "courier")));
    expect(e).toMatchObject({
      fromStatus: "ACCEPTED",
      toStatus: "ACCEPTED",
      reason: "Customer not there: Rang twice, no answer",
      metadata: expect.objectContaining({ kind: "courier.problem", problem: "customer_not_there" }),
    });
    expect(events.events).toContainEqual(
      expect.objectContaining({
        name: "courier.problem",
        channel: expect.stringMatching(/^private-ops-/),
        data: expect.objectContaining({
          orderId,
          courierId: city.couriers.courier.id,
          problem: "customer_not_there",
          reason: "Customer not there: Rang twice, no answer",
        }),
      }),
    );
  });

  it("flags the order for ops (latest report, how many) until it leaves the road", async () => {
    const ops = staffCaller(["admin"]);
    expect(await ops.admin.courierProblems()).toEqual([]);
    await courierCaller().courier.reportProblem({ orderId, problem: "order_not_ready" });
    await courierCaller().courier.reportProblem({
      orderId,
      problem: "other",
      note: "Kitchen closed its door",
    });
    expect(await ops.admin.courierProblems()).toEqual([
      expect.objectContaining({
        orderId,
        courierId: city.couriers.courier.id,
        merchantName: city.merchant.name,
        problem: "other",
        reason: "Other problem: Kitchen closed its door",
        reports: 2,
      }),
    ]);
    // An ops manager elsewhere does not see it; one over the order's area does.
    expect(
      await staffCaller(
        ["ops_manager"],
        ["00000000-0000-4000-8000-0000000000aa"],
      ).admin.courierProblems(),
    ).toEqual([]);
    expect(
      await staffCaller(["ops_manager"], [city.country.id]).admin.courierProblems(),
    ).toHaveLength(1);
    await applyTransition(db, deps, {
      orderId,
      action: "cancel",
      actor: systemActor,
      reason: "Kitchen closed",
    });
    expect(await ops.admin.courierProblems()).toEqual([]);
  });

  it("names the timezone of the order's area on ops' flag, for the report's time to be shown in", async () => {
    await courierCaller().courier.reportProblem({ orderId, problem: "order_not_ready" });
    await db.update(areas).set({ timezone: "Atlantic/Azores" }).where(eq(areas.id, city.zone.areaId));
    expect(await staffCaller(["admin"]).admin.courierProblems()).toEqual([
      expect.objectContaining({ orderId, timezone: "Atlantic/Azores" }),
    ]);
  });

  it("moves a cancelled order to recently cancelled and refuses a report on it, naming its state", async () => {
    await applyTransition(db, deps, {
      orderId,
      action: "cancel",
      actor: systemActor,
      reason: "Customer called",
    });
    const { active, recentlyCancelled } = await courierCaller().courier.deliveries();
    expect(active).toEqual([]);
    expect(recentlyCancelled).toEqual([
      expect.objectContaining({ orderId, cancellationReason: "Customer called" }),
    ]);
    const err = await courierCaller()
      .courier.reportProblem({ orderId, problem: "wrong_address" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).message).toMatch(/is cancelled; there is nothing left to report/);
  });

  it("shows a delivered order in the history with the fee and the whole tip", async () => {
    const [o] = await db
      .update(orders)
      .set({ status: "DELIVERED", deliveredAt: new Date() })
      .where(eq(orders.id, orderId))
      .returning();
    const { deliveries } = await courierCaller().courier.history({ limit: 10 });
    expect(deliveries).toEqual([
      expect.objectContaining({
        orderId,
        feeCents: o?.courierFeeCents,
        tipCents: 250,
        merchantName: city.merchant.name,
      }),
    ]);
  });

  it("gives earnings in the timezone of the courier's home zone's area, for the page to show its times in", async () => {
    expect(await courierCaller().courier.earnings()).toMatchObject({ timezone: "Europe/Lisbon" });
    await db.update(areas).set({ timezone: "Atlantic/Azores" }).where(eq(areas.id, city.zone.areaId));
    expect(await courierCaller().courier.earnings()).toMatchObject({ timezone: "Atlantic/Azores" });
  });
});
