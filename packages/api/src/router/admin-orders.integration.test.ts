// The admin console's order page: one delivered and partly refunded order read back whole —
// every move of its timeline with who and why, the dispatch offer, the payment and the refund,
// a ledger that sums to zero and the audit entries — and found by number, id, name and status,
// each naming its area's timezone. An ops manager elsewhere gets "not found" and an empty list;
// a customer is refused.
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { acceptOffer, runDispatchRound } from "@lastmile/core/dispatch";
import { recordingPublisher } from "@lastmile/core/events";
import { applyTransition } from "@lastmile/core/orders";
import type { TActor } from "@lastmile/core/orders";
import { placeTestOrder } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider } from "@lastmile/payments";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
let orderId: string;
let orderNumber: number;
const deps = { payments: createLocalProvider(), events: recordingPublisher() };

const caller = (roles: TRole[], areaIds: string[] = []) => {
  const session: TSession = {
    user: {
      id: city.users.owner.id,
      email: "staff@example.com",
      name: "Staff",
      roles,
      merchantIds: [],
      courierId: null,
      areaIds,
    },
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  };
  return testCaller(db, session, deps);
};
const ELSEWHERE = "00000000-0000-4000-8000-0000000000aa";
const notFound = (e: unknown) => e instanceof TRPCError && e.code === "NOT_FOUND";

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  const { order } = await placeTestOrder(db, deps, city, {
    idempotencyKey: "admin-order-page-1",
    tipCents: 150,
  });
  orderId = order.id;
  orderNumber = order.number;

  const kitchen: TActor = {
    userId: city.users.staff.id,
    role: "merchant_staff",
    merchantIds: [city.merchant.id],
    courierId: null,
    areaIds: [],
  };
  const courier: TActor = {
    userId: city.users.courierUser.id,
    role: "courier",
    merchantIds: [],
    courierId: city.couriers.courier.id,
    areaIds: [],
  };
  await applyTransition(db, deps, { orderId, action: "accept", actor: kitchen, prepTimeMin: 15 });
  // The worker's round offers it to the courier next door, who takes it.
  const round = await runDispatchRound(db, deps.events, orderId);
  const offer =
    round.kind === "offered"
      ? round.offers.find((x) => x.courierId === city.couriers.courier.id)
      : undefined;
  if (!offer)
    throw new Error(
      `dispatch did not offer the order to the fixture's courier: ${JSON.stringify(round)}`,
    );
  await acceptOffer(db, deps.events, {
    offerId: offer.offerId,
    courierId: city.couriers.courier.id,
  });
  await applyTransition(db, deps, { orderId, action: "markReady", actor: kitchen });
  const [at] = rowsOf<{ m_lng: number; m_lat: number; d_lng: number; d_lat: number; pin: string }>(
    await db.execute(sql`
      select ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat,
             ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat, o.delivery_pin as pin
      from orders o join merchants m on m.id = o.merchant_id where o.id = ${orderId}`),
  );
  if (!at) throw new Error("the order was not stored");
  await applyTransition(db, deps, {
    orderId,
    action: "pickUp",
    actor: courier,
    location: { lng: Number(at.m_lng), lat: Number(at.m_lat) },
  });
  await applyTransition(db, deps, {
    orderId,
    action: "deliver",
    actor: courier,
    location: { lng: Number(at.d_lng), lat: Number(at.d_lat) },
    pin: at.pin,
  });
  await caller(["support"]).admin.refundOrder({
    orderId,
    reason: "The drink was missing",
    refundCents: 250,
  });
});

describe(`admin order page on ${testBackend()}`, () => {
  it("reads the whole order back: moves with who and why, offers, money, ledger and audit", async () => {
    const o = await caller(["admin"]).admin.order({ orderId });
    expect(o).toMatchObject({
      id: orderId,
      number: orderNumber,
      status: "REFUNDED",
      merchant: { name: "Tasca Mini" },
      customer: { email: city.users.customer.email },
      courier: { name: "Eva Estafeta" },
      zone: { id: city.zone.id },
    });
    expect(o.amounts.totalCents).toBe(
      o.amounts.subtotalCents +
        o.amounts.deliveryFeeCents +
        o.amounts.serviceFeeCents +
        o.amounts.smallOrderFeeCents +
        o.amounts.taxCents +
        o.amounts.tipCents -
        o.amounts.discountCents,
    );
    expect(o.items).toEqual([expect.objectContaining({ name: "Bacalhau à Brás", quantity: 1 })]);

    const moves = o.timeline
      .filter((e) => e.fromStatus !== e.toStatus)
      .map((e) => `${e.fromStatus ?? "—"}→${e.toStatus}`);
    expect(moves).toEqual([
      "—→PENDING",
      "PENDING→ACCEPTED",
      "ACCEPTED→READY_FOR_PICKUP",
      "READY_FOR_PICKUP→PICKED_UP",
      "PICKED_UP→DELIVERED",
      "DELIVERED→REFUNDED",
    ]);
    expect(
      o.timeline.find((e) => e.toStatus === "ACCEPTED" && e.fromStatus === "PENDING"),
    ).toMatchObject({ actorRole: "merchant_staff", actorName: city.users.staff.name });
    expect(o.timeline.find((e) => e.toStatus === "REFUNDED")).toMatchObject({
      actorRole: "support",
      reason: "The drink was missing",
    });
    expect(o.timeline.map((e) => e.kind)).toContain("dispatch.offered");

    expect(o.offers).toEqual([
      expect.objectContaining({ round: 1, status: "accepted", courierName: "Eva Estafeta" }),
    ]);
    expect(o.payment).toMatchObject({
      provider: "local",
      status: "partially_refunded",
      capturedCents: o.amounts.totalCents,
      refundedCents: 250,
    });
    expect(o.refunds).toEqual([
      expect.objectContaining({
        amountCents: 250,
        reason: "The drink was missing",
        status: "succeeded",
      }),
    ]);

    expect(o.ledger.entries.length).toBeGreaterThan(0);
    expect(o.ledger.sumCents).toBe(0);
    expect(o.audit.map((a) => a.action)).toEqual(expect.arrayContaining(["order.refund"]));
  });

  it("finds the order by number (with or without #), by id, by restaurant and by status", async () => {
    const admin = caller(["admin"]);
    for (const query of [
      String(orderNumber),
      `#${orderNumber}`,
      orderId.toUpperCase(),
      "tasca mini",
    ]) {
      expect(
        (await admin.admin.orders({ query })).map((r) => r.id),
        query,
      ).toEqual([orderId]);
    }
    expect(await admin.admin.orders({ status: "REFUNDED" })).toEqual([
      expect.objectContaining({
        id: orderId,
        number: orderNumber,
        merchantName: "Tasca Mini",
        status: "REFUNDED",
      }),
    ]);
    expect(await admin.admin.orders({ status: "PENDING" })).toEqual([]);
    expect(await admin.admin.orders({ query: "no such restaurant" })).toEqual([]);
  });

  it("names the timezone of the order's area, in the list and on the page, for its times to be shown in", async () => {
    const admin = caller(["admin"]);
    expect(await admin.admin.order({ orderId })).toMatchObject({ timezone: "Europe/Lisbon" });
    await db.execute(sql`update areas set timezone = 'Atlantic/Azores' where id = ${city.zone.areaId}`);
    try {
      expect(await admin.admin.order({ orderId })).toMatchObject({ timezone: "Atlantic/Azores" });
      expect(await admin.admin.orders({ query: String(orderNumber) })).toEqual([
        expect.objectContaining({ id: orderId, timezone: "Atlantic/Azores" }),
      ]);
    } finally {
      await db.execute(sql`update areas set timezone = 'Europe/Lisbon' where id = ${city.zone.areaId}`);
    }
  });

  it("lets support and the area's ops manager read it; an ops manager elsewhere finds nothing", async () => {
    await expect(caller(["support"]).admin.order({ orderId })).resolves.toMatchObject({
      id: orderId,
    });
    await expect(
      caller(["ops_manager"], [city.country.id]).admin.order({ orderId }),
    ).resolves.toMatchObject({ id: orderId });
    expect(
      (await caller(["ops_manager"], [city.country.id]).admin.orders({})).map((r) => r.id),
    ).toEqual([orderId]);

    const elsewhere = caller(["ops_manager"], [ELSEWHERE]);
    await expect(elsewhere.admin.order({ orderId })).rejects.toSatisfy(notFound);
    expect(await elsewhere.admin.orders({ query: String(orderNumber) })).toEqual([]);
    await expect(caller(["customer"]).admin.order({ orderId })).rejects.toSatisfy(
      (e) => e instanceof TRPCError && e.code === "FORBIDDEN",
    );
  });

  it("names the field when the id is not an id", async () => {
    await expect(caller(["admin"]).admin.order({ orderId: "100001" })).rejects.toSatisfy(
      (e) =>
        e instanceof TRPCError &&
        e.code === "BAD_REQUEST" &&
        /orderId must be the order's id/.test(e.message),
    );
  });
});
