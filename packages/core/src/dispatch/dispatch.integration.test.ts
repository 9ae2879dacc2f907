import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity, insertUser } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { point } from "@lastmile/db/geometry";
import { configVersions, couriers, deliveryOffers, orderEvents, orders } from "@lastmile/db/schema";
import { DEFAULT_DISPATCH } from "@lastmile/db/seed/config-defaults";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { DomainError } from "../errors";
import { recordingPublisher } from "../events";
import { applyTransition } from "../orders";
import { actor, testDeps } from "../testing/deps";
import { placeTestOrder } from "../testing/place-test-order";
import { acceptOffer, declineOffer, dispatchBoard, dispatchWaitingOrders, expireDueOffers, listOpenOffers, radiusForRound, redispatchOrder, runDispatchRound } from "./index";

let db: TDb;
let city: TMiniCity;
let orderId: string;
let events: ReturnType<typeof recordingPublisher>;
/** The test's clock: every call gets an explicit moment, nothing sleeps. */
let T: Date;
const at = (s: number) => new Date(T.getTime() + s * 1000);
const restaurant = { lng: -9.1393, lat: 38.7139 };

beforeAll(async () => {
  ({ db } = await getTestDb());
});

async function placeAccepted(idempotencyKey: string) {
  const deps = testDeps();
  const { order } = await placeTestOrder(db, deps, city, { idempotencyKey });
  await applyTransition(db, deps, { orderId: order.id, action: "accept", actor: actor({ role: "merchant_staff", userId: city.users.staff.id, merchantIds: [city.merchant.id] }), prepTimeMin: 20 });
  return order.id;
}

beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
  // The mini city's two couriers stand at the restaurant; each test places its own.
  await db.update(couriers).set({ status: "offline" });
  orderId = await placeAccepted("dispatch-order-1");
  events = recordingPublisher();
  T = new Date();
});

let n = 0;
/** A courier `metresNorth` of the restaurant (≈ 111 km per degree of latitude). */
async function addCourier(metresNorth: number, over: Partial<typeof couriers.$inferInsert> & { seenAgoS?: number } = {}) {
  n += 1;
  const user = await insertUser(db, `courier-${n}@example.com`, `Courier ${n}`);
  const { seenAgoS = 5, ...rest } = over;
  const [c] = await db
    .insert(couriers)
    .values({ userId: user.id, vehicle: "ebike", status: "online", applicationStatus: "approved", currentLocation: point(restaurant.lng, restaurant.lat + metresNorth / 111_000), lastSeenAt: new Date(T.getTime() - seenAgoS * 1000), ...rest })
    .returning();
  return c?.id as string;
}

const setDispatchConfig = (over: Partial<typeof DEFAULT_DISPATCH>) =>
  db.update(configVersions).set({ value: { ...DEFAULT_DISPATCH, ...over } }).where(eq(configVersions.key, "dispatch"));

const offersOf = (id = orderId) => db.select().from(deliveryOffers).where(eq(deliveryOffers.orderId, id)).orderBy(deliveryOffers.createdAt);
const timeline = async (id = orderId) => (await db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(orderEvents.at)).filter((e) => String(e.metadata?.kind ?? "").startsWith("dispatch."));
const fails = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a domain error");
};

describe(`dispatch on ${testBackend()}`, () => {
  it("offers an accepted order to the best courier, says why, and tells only that courier", async () => {
    const near = await addCourier(300, { ratingSum: 48, ratingCount: 10, offersReceived: 20, offersAccepted: 18 });
    const far = await addCourier(1500, { ratingSum: 48, ratingCount: 10, offersReceived: 20, offersAccepted: 18 });

    // Nobody called dispatch when the kitchen accepted: the sweep finds the order by itself.
    const [swept] = await dispatchWaitingOrders(db, events, T);
    expect(swept?.outcome).toMatchObject({ kind: "offered", round: 1, radiusM: 2500 });

    const [offer] = await offersOf();
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(offer).toMatchObject({ courierId: near, status: "pending", round: 1, feeCents: order?.courierFeeCents, expiresAt: at(30) });
    // The courier rides to the restaurant (~300 m) and on to the drop-off.
    expect(offer?.distanceM).toBeGreaterThan((order?.distanceM ?? 0) + 250);
    expect(order?.dispatchRound).toBe(1);
    const [why] = await timeline();
    expect(why?.reason).toMatch(/dispatch round 1: offered to 1 of 2 eligible courier\(s\) within 2500 m/);
    const ranking = why?.metadata?.ranking as { courierId: string; score: number; etaS: number }[];
    expect(ranking.map((r) => r.courierId)).toEqual([near, far]);
    expect(ranking[0]?.score).toBeLessThan(ranking[1]?.score as number);
    expect((await db.select().from(couriers).where(eq(couriers.id, near)))[0]?.offersReceived).toBe(21);

    expect(events.events).toEqual([
      {
        channel: `private-courier-${near}`,
        name: "offer.new",
        data: { offerId: offer?.id, orderId, expiresAt: at(30).toISOString(), pickup: { ...restaurant, name: "Tasca Mini" }, dropoff: { lng: -9.1365, lat: 38.7095 }, distanceM: offer?.distanceM, feeCents: offer?.feeCents },
      },
    ]);
    expect(await listOpenOffers(db, near, at(1))).toMatchObject([{ offerId: offer?.id, orderId, pickup: { name: "Tasca Mini" }, feeCents: offer?.feeCents }]);
    expect(await listOpenOffers(db, near, at(31))).toEqual([]);
    // With an offer open, the sweep leaves the order alone.
    expect(await dispatchWaitingOrders(db, events, at(5))).toEqual([]);
  });

  it("skips couriers who are offline, stale, full, already offered this order, or considering another offer", async () => {
    await addCourier(100, { status: "offline" });
    await addCourier(120, { seenAgoS: 600 });
    await addCourier(140, { activeOrders: 1, capacity: 1, status: "busy" });
    const declinedBefore = await addCourier(160);
    await db.insert(deliveryOffers).values({ orderId, courierId: declinedBefore, status: "declined", distanceM: 200, feeCents: 300, expiresAt: at(-60), round: 1 });
    const thinking = await addCourier(180);
    const otherOrder = await placeAccepted("dispatch-order-2");
    await db.insert(deliveryOffers).values({ orderId: otherOrder, courierId: thinking, distanceM: 200, feeCents: 300, expiresAt: at(20) });
    const eligible = await addCourier(2000);

    const outcome = await runDispatchRound(db, events, orderId, T);

    expect(outcome).toMatchObject({ kind: "offered", offers: [{ courierId: eligible }] });
    const [why] = await timeline();
    expect((why?.metadata?.ranking as unknown[]).length).toBe(1);
  });

  it("offers the next courier when an offer expires unanswered, and withdraws it from the first", async () => {
    const first = await addCourier(200);
    const second = await addCourier(900);
    await runDispatchRound(db, events, orderId, T);

    // Not yet: the deadline is 30 s.
    expect(await expireDueOffers(db, events, at(29))).toEqual({ expired: 0, rounds: [] });
    const { expired, rounds } = await expireDueOffers(db, events, at(31));

    expect(expired).toBe(1);
    expect(rounds).toMatchObject([{ kind: "offered", round: 2, offers: [{ courierId: second }] }]);
    expect((await offersOf()).map((o) => [o.courierId, o.status, o.round])).toEqual([
      [first, "expired", 1],
      [second, "pending", 2],
    ]);
    expect(events.events.map((e) => `${e.name}→${e.channel.slice(-36) === first ? "first" : "second"}`)).toEqual(["offer.new→first", "offer.withdrawn→first", "offer.new→second"]);
    expect((await timeline()).map((e) => e.metadata?.kind)).toEqual(["dispatch.offered", "dispatch.expired", "dispatch.offered"]);
    // Too late to accept the expired one.
    const [old] = await offersOf();
    expect((await fails(acceptOffer(db, events, { offerId: old?.id as string, courierId: first, now: at(32) }))).message).toMatch(/expired/);
  });

  it("offers the next courier right after a decline, recording the reason", async () => {
    const first = await addCourier(200);
    const second = await addCourier(900);
    const r1 = await runDispatchRound(db, events, orderId, T);
    const offerId = r1.kind === "offered" ? (r1.offers[0]?.offerId as string) : "";

    const { next } = await declineOffer(db, events, { offerId, courierId: first, reason: "Flat tyre", now: at(5) });

    expect(next).toMatchObject({ kind: "offered", round: 2, offers: [{ courierId: second }] });
    const [declined] = await offersOf();
    expect(declined).toMatchObject({ status: "declined", endReason: "Flat tyre", respondedAt: at(5) });
    const steps = await timeline();
    expect(steps[1]).toMatchObject({ actorRole: "courier", reason: "dispatch round 1: offer declined — Flat tyre" });
    // Declining twice is refused with the reason.
    expect((await fails(declineOffer(db, events, { offerId, courierId: first, now: at(6) }))).message).toBe("You declined this offer.");
  });

  it("widens the radius every few rounds, and at once when nobody is within it", async () => {
    expect([1, 2, 3, 4, 5, 7, 99].map((r) => radiusForRound({ ...DEFAULT_DISPATCH, flaggedRetryS: 120 }, r))).toEqual([2500, 2500, 4000, 4000, 5500, 7000, 8000]);
    const near = await addCourier(1000);
    const far = await addCourier(3500);

    const r1 = await runDispatchRound(db, events, orderId, T);
    expect(r1).toMatchObject({ kind: "offered", radiusM: 2500, offers: [{ courierId: near }] });
    const offerId = r1.kind === "offered" ? (r1.offers[0]?.offerId as string) : "";
    const { next } = await declineOffer(db, events, { offerId, courierId: near, now: at(3) });

    expect(next).toMatchObject({ kind: "offered", round: 2, radiusM: 4000, offers: [{ courierId: far }] });
    const steps = await timeline();
    expect(steps[2]?.reason).toMatch(/within 4000 m \(widened from 2500 m: nobody nearer\)/);
    expect(steps[2]?.metadata).toMatchObject({ plannedRadiusM: 2500, radiusM: 4000 });
  });

  it("flags the order for ops when nobody is left, alerts the zone once, and retries later by itself", async () => {
    const only = await addCourier(500);
    const r1 = await runDispatchRound(db, events, orderId, T);
    const offerId = r1.kind === "offered" ? (r1.offers[0]?.offerId as string) : "";
    const { next } = await declineOffer(db, events, { offerId, courierId: only, now: at(2) });

    expect(next).toMatchObject({ kind: "flagged", round: 2, radiusM: 8000 });
    const [flagged] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(flagged).toMatchObject({ dispatchFlaggedAt: at(2), dispatchRound: 2 });
    expect(flagged?.dispatchFlagReason).toMatch(/no eligible courier within 8000 m of Tasca Mini \(1 already offered\)/);
    const alerts = events.events.filter((e) => e.channel === `private-ops-${city.zone.id}`);
    expect(alerts).toMatchObject([{ name: "dispatch.alert", data: { orderId, round: 2, radiusM: 8000 } }]);

    // The sweep leaves it to ops for a while, then tries again; still nobody, so no second alert.
    expect(await dispatchWaitingOrders(db, events, at(60))).toEqual([]);
    expect(await dispatchWaitingOrders(db, events, at(200))).toMatchObject([{ orderId, outcome: { kind: "flagged", round: 3 } }]);
    expect(events.events.filter((e) => e.name === "dispatch.alert")).toHaveLength(1);

    // A courier comes on duty nearby: the next retry offers the order and clears the flag.
    T = at(400);
    const fresh = await addCourier(300);
    expect(await dispatchWaitingOrders(db, events, at(0))).toMatchObject([{ outcome: { kind: "offered", round: 4, offers: [{ courierId: fresh }] } }]);
    const [cleared] = await db.select().from(orders).where(eq(orders.id, orderId));
    expect(cleared).toMatchObject({ dispatchFlaggedAt: null, dispatchFlagReason: null });
  });

  it("assigns exactly once: only the offer's courier, the rest withdrawn, later answers refused", async () => {
    await setDispatchConfig({ offersPerRound: 2 });
    const a = await addCourier(200);
    const b = await addCourier(400);
    const r1 = await runDispatchRound(db, events, orderId, T);
    expect(r1).toMatchObject({ kind: "offered", offers: [{ courierId: a }, { courierId: b }] });
    const [offerA, offerB] = await offersOf();
    const idA = offerA?.courierId === a ? (offerA?.id as string) : (offerB?.id as string);
    const idB = idA === offerA?.id ? (offerB?.id as string) : (offerA?.id as string);

    // Someone else's offer is not there for them.
    expect((await fails(acceptOffer(db, events, { offerId: idA, courierId: b, now: at(3) }))).kind).toBe("NotFound");
    events.events.length = 0;
    const { order } = await acceptOffer(db, events, { offerId: idA, courierId: a, now: at(4) });

    expect(order.courierId).toBe(a);
    expect((await db.select().from(deliveryOffers).where(eq(deliveryOffers.id, idA)))[0]).toMatchObject({ status: "accepted", respondedAt: at(4) });
    expect((await db.select().from(deliveryOffers).where(eq(deliveryOffers.id, idB)))[0]).toMatchObject({ status: "withdrawn", endReason: "order assigned" });
    expect((await db.select().from(couriers).where(eq(couriers.id, a)))[0]).toMatchObject({ offersAccepted: 1, offersReceived: 1, activeOrders: 1, status: "busy" });
    expect(events.events.map((e) => e.name).sort()).toEqual(["assignment.new", "offer.withdrawn", "order.changed", "order.courier"]);
    expect(events.events.find((e) => e.name === "offer.withdrawn")).toMatchObject({ channel: `private-courier-${b}`, data: { offerId: idB, reason: "taken" } });
    const assigned = (await timeline()).filter((e) => e.metadata?.kind === "dispatch.assigned");
    expect(assigned).toMatchObject([{ actorRole: "courier", reason: "dispatch round 1: offer accepted", metadata: { offerId: idA, courierId: a, withdrawnOfferIds: [idB] } }]);

    expect((await fails(acceptOffer(db, events, { offerId: idB, courierId: b, now: at(5) }))).message).toBe("This order went to another courier.");
    expect((await fails(acceptOffer(db, events, { offerId: idA, courierId: a, now: at(5) }))).message).toBe("You already accepted this offer.");
    expect(await db.select().from(deliveryOffers).where(and(eq(deliveryOffers.orderId, orderId), eq(deliveryOffers.status, "accepted")))).toHaveLength(1);
  });

  it("refuses an accept from a courier who went off duty, leaving the offer open and the order unassigned", async () => {
    const a = await addCourier(200);
    const r1 = await runDispatchRound(db, events, orderId, T);
    const offerId = r1.kind === "offered" ? (r1.offers[0]?.offerId as string) : "";
    await db.update(couriers).set({ status: "offline" }).where(eq(couriers.id, a));
    expect((await fails(acceptOffer(db, events, { offerId, courierId: a, now: at(3) }))).message).toBe("You are off duty: go on duty to accept offers.");
    expect((await offersOf())[0]?.status).toBe("pending");
    expect((await db.select().from(orders).where(eq(orders.id, orderId)))[0]?.courierId).toBeNull();
    expect((await db.select().from(couriers).where(eq(couriers.id, a)))[0]?.offersAccepted).toBe(0);
  });

  it("withdraws open offers when the order is cancelled", async () => {
    const a = await addCourier(200);
    await runDispatchRound(db, events, orderId, T);
    await applyTransition(db, { ...testDeps(), events }, { orderId, action: "cancel", actor: actor({ role: "admin", userId: city.users.owner.id }), reason: "Kitchen fire" });
    const [offer] = await offersOf();
    expect(offer).toMatchObject({ status: "withdrawn", endReason: "order cancelled" });
    expect(events.events.find((e) => e.name === "offer.withdrawn")).toMatchObject({ channel: `private-courier-${a}`, data: { reason: "cancelled" } });
    expect((await fails(acceptOffer(db, events, { offerId: offer?.id as string, courierId: a, now: at(3) }))).message).toBe("This order was cancelled.");
  });

  it("shows ops the waiting orders, flagged first and scoped to their areas, and lets them restart dispatch", async () => {
    const only = await addCourier(500);
    const r1 = await runDispatchRound(db, events, orderId, T);
    const offerId = r1.kind === "offered" ? (r1.offers[0]?.offerId as string) : "";
    await declineOffer(db, events, { offerId, courierId: only, now: at(2) });
    const second = await placeAccepted("dispatch-order-2");

    const board = await dispatchBoard(db, { areaIds: null });
    expect(board.map((r) => [r.orderId, r.round, r.flaggedAt !== null])).toEqual([
      [orderId, 2, true],
      [second, 0, false],
    ]);
    expect(board[0]?.lastStep).toMatch(/flagged for ops/);
    expect(await dispatchBoard(db, { areaIds: [city.country.id] })).toHaveLength(2);
    expect(await dispatchBoard(db, { areaIds: ["00000000-0000-4000-8000-0000000000aa"] })).toEqual([]);

    const opsOutside = actor({ role: "ops_manager", userId: city.users.owner.id, areaIds: ["00000000-0000-4000-8000-0000000000aa"] });
    expect((await fails(redispatchOrder(db, events, { orderId, actor: opsOutside, now: at(10) }))).kind).toBe("NotFound");
    const fresh = await addCourier(800);
    const opsInside = actor({ role: "ops_manager", userId: city.users.owner.id, areaIds: [city.country.id] });
    expect(await redispatchOrder(db, events, { orderId, actor: opsInside, now: at(10) })).toMatchObject({ kind: "offered", round: 3, offers: [{ courierId: fresh }] });
    expect((await timeline()).map((e) => e.metadata?.kind)).toContain("dispatch.restarted");
  });
});
