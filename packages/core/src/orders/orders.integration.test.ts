import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { auditLog, couriers, emailOutbox, orderEvents, orders, payments } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { DomainError } from "../errors";
import { actor, testDeps } from "../testing/deps";
import { placeTestOrder } from "../testing/place-test-order";
import type { TActor } from "./actor";
import { applyTransition } from "./apply";
import { assignCourier } from "./assign";
import { TRANSITIONS } from "./transitions";
import type { TOrderAction } from "./transitions";

let db: TDb;
let city: TMiniCity;
let orderId: string;
const deps = testDeps();

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
  const { order } = await placeTestOrder(db, deps, city, { idempotencyKey: `checkout-${Math.random().toString(36).slice(2, 12)}`, tipCents: 200 });
  orderId = order.id;
});

const who = () => ({
  customer: actor({ role: "customer", userId: city.users.customer.id }),
  otherCustomer: actor({ role: "customer", userId: city.users.otherCustomer.id }),
  staff: actor({ role: "merchant_staff", userId: city.users.staff.id, merchantIds: [city.merchant.id] }),
  owner: actor({ role: "merchant_owner", userId: city.users.owner.id, merchantIds: [city.merchant.id] }),
  otherStaff: actor({ role: "merchant_staff", userId: city.users.otherStaff.id, merchantIds: [city.other.id] }),
  courier: actor({ role: "courier", userId: city.users.courierUser.id, courierId: city.couriers.courier.id }),
  otherCourier: actor({ role: "courier", userId: city.users.otherCourierUser.id, courierId: city.couriers.otherCourier.id }),
  support: actor({ role: "support", userId: city.users.owner.id }),
  opsInside: actor({ role: "ops_manager", userId: city.users.owner.id, areaIds: [city.country.id] }),
  opsOutside: actor({ role: "ops_manager", userId: city.users.owner.id, areaIds: ["00000000-0000-4000-8000-000000000001"] }),
});

const move = (action: TOrderAction, by: TActor, extra: Record<string, unknown> = {}) => applyTransition(db, deps, { orderId, action, actor: by, ...extra });
const fails = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a domain error");
};
const restaurant = { lng: -9.1393, lat: 38.7139 };
const doorstep = { lng: -9.1365, lat: 38.7095 };
const pinOf = async () => (await db.select({ pin: orders.deliveryPin }).from(orders).where(eq(orders.id, orderId)))[0]?.pin as string;

async function toPickedUp() {
  const p = who();
  await move("accept", p.staff, { prepTimeMin: 20 });
  await move("startPreparing", p.staff);
  await move("markReady", p.staff);
  await assignCourier(db, deps.events, { orderId, courierId: city.couriers.courier.id, actor: p.opsInside });
  await move("pickUp", p.courier, { location: restaurant });
}

describe(`order state machine on ${testBackend()}`, () => {
  it("walks the whole journey, recording every step and settling the money", async () => {
    const p = who();
    await toPickedUp();
    const delivered = await move("deliver", p.courier, { location: doorstep, pin: await pinOf() });
    // Six transitions and one assignment, each bumping the version.
    expect(delivered).toMatchObject({ status: "DELIVERED", version: 7, prepTimeMin: 20 });
    expect(delivered.acceptedAt && delivered.preparingAt && delivered.readyAt && delivered.pickedUpAt && delivered.deliveredAt).toBeTruthy();

    const timeline = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(orderEvents.at);
    expect(timeline.map((e) => `${e.fromStatus ?? "∅"}→${e.toStatus}:${e.actorRole}`)).toEqual([
      "∅→PENDING:customer",
      "PENDING→ACCEPTED:merchant_staff",
      "ACCEPTED→PREPARING:merchant_staff",
      "PREPARING→READY_FOR_PICKUP:merchant_staff",
      "READY_FOR_PICKUP→READY_FOR_PICKUP:ops_manager",
      "READY_FOR_PICKUP→PICKED_UP:courier",
      "PICKED_UP→DELIVERED:courier",
    ]);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
    expect(payment).toMatchObject({ status: "captured", amountCapturedCents: delivered.totalCents });
    const ledger = rowsOf<{ account: string; s: number }>(await db.execute(sql`select account, sum(amount_cents)::int as s from ledger_entries where order_id = ${orderId} group by account order by account`));
    expect(ledger.reduce((s, r) => s + r.s, 0)).toBe(0);
    expect(ledger.find((r) => r.account === "courier_payable")?.s).toBe(-(delivered.courierFeeCents + 200));
    const [courier] = await db.select().from(couriers).where(eq(couriers.id, city.couriers.courier.id));
    expect(courier).toMatchObject({ activeOrders: 0, status: "online", deliveriesCompleted: 1 });
    expect(deps.events.events).toContainEqual({ channel: `private-order-${orderId}`, name: "order.status", data: { orderId, status: "DELIVERED", version: 7 } });

    // Then support refunds part of it, audited, with the ledger still balanced.
    const refunded = await move("refund", p.support, { reason: "Missing drink", refundCents: 250 });
    expect(refunded.status).toBe("REFUNDED");
    const [after] = await db.select().from(payments).where(eq(payments.orderId, orderId));
    expect(after).toMatchObject({ status: "partially_refunded", amountRefundedCents: 250 });
    const [{ s } = { s: -1 }] = rowsOf<{ s: number }>(await db.execute(sql`select sum(amount_cents)::int as s from ledger_entries where order_id = ${orderId}`));
    expect(s).toBe(0);
    expect(await db.select().from(auditLog).where(eq(auditLog.entityId, orderId))).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "order.refund", actorRole: "support" }), expect.objectContaining({ action: "order.assign_courier" })]),
    );
  });

  it("lets each role take only its own transitions, on its own orders", async () => {
    const p = who();
    expect(await fails(move("accept", p.customer))).toMatchObject({ kind: "Forbidden" });
    expect(await fails(move("accept", p.otherStaff))).toMatchObject({ kind: "NotFound" });
    expect(await fails(move("accept", p.courier))).toMatchObject({ kind: "Forbidden" });
    expect(await fails(move("cancel", p.otherCustomer, { reason: "mine now" }))).toMatchObject({ kind: "NotFound" });
    expect(await fails(move("cancel", p.opsOutside, { reason: "outside" }))).toMatchObject({ kind: "NotFound" });
    await move("accept", p.owner);
    expect(await fails(move("cancel", p.customer, { reason: "changed my mind" }))).toMatchObject({ kind: "InvalidTransition", message: expect.stringMatching(/contact support/) });
    expect(await fails(move("accept", p.staff))).toMatchObject({ kind: "InvalidTransition", message: "Order #100001 is accepted; it cannot be moved to accepted now." });
    await move("markReady", p.staff);
    await assignCourier(db, deps.events, { orderId, courierId: city.couriers.courier.id, actor: p.support });
    expect(await fails(move("pickUp", p.otherCourier, { location: restaurant }))).toMatchObject({ kind: "NotFound" });
  });

  it("covers every transition in the table with at least one allowed role", () => {
    for (const t of TRANSITIONS) expect(Object.keys(t.allow).length).toBeGreaterThan(0);
    expect(TRANSITIONS.map((t) => t.action).sort()).toEqual(["accept", "cancel", "deliver", "dismissDispute", "dispute", "markReady", "pickUp", "refund", "reject", "startPreparing"]);
  });

  it("rejects with a reason, voids the payment and tells the customer", async () => {
    const p = who();
    expect(await fails(move("reject", p.staff))).toMatchObject({ kind: "Validation", field: "reason" });
    const cancelled = await move("reject", p.staff, { reason: "Kitchen too busy" });
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancellationReason: "Kitchen too busy" });
    expect((await db.select().from(payments).where(eq(payments.orderId, orderId)))[0]?.status).toBe("voided");
    // Besides the confirmation sent at checkout:
    const mail = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "order.cancelled"));
    expect(mail).toEqual([expect.objectContaining({ toAddress: "cliente@example.com", subject: "Order #100001: cancelled" })]);
    expect(mail[0]?.text).toMatch(/Kitchen too busy\.\s+You have not been charged/);
  });

  it("confirms pick-up only inside the restaurant's geofence", async () => {
    const p = who();
    await move("accept", p.staff);
    await move("markReady", p.staff);
    await assignCourier(db, deps.events, { orderId, courierId: city.couriers.courier.id, actor: p.support });
    const far = await fails(move("pickUp", p.courier, { location: { lng: -9.15, lat: 38.72 } }));
    expect(far).toMatchObject({ kind: "Validation", field: "location" });
    expect(far.message).toMatch(/^You are \d+ m from the restaurant; pick-up can be confirmed within 150 m\.$/);
    expect((await move("pickUp", p.courier, { location: restaurant })).status).toBe("PICKED_UP");
  });

  it("needs the right PIN at the door, and stops after too many wrong ones", async () => {
    const p = who();
    await toPickedUp();
    const pin = await pinOf();
    const wrong = pin === "0000" ? "1111" : "0000";
    expect(await fails(move("deliver", p.courier, { location: restaurant, pin }))).toMatchObject({ field: "location" });
    expect((await fails(move("deliver", p.courier, { location: doorstep, pin: wrong }))).message).toBe("That PIN is not right. 4 attempts left.");
    for (let i = 0; i < 4; i++) await fails(move("deliver", p.courier, { location: doorstep, pin: wrong }));
    expect(await fails(move("deliver", p.courier, { location: doorstep, pin }))).toMatchObject({ kind: "Forbidden", message: expect.stringMatching(/Too many wrong PINs/) });
    expect((await db.select().from(orders).where(eq(orders.id, orderId)))[0]).toMatchObject({ status: "PICKED_UP", pinAttempts: 5 });
  });

  it("lets exactly one of two staff accepting at once win", async () => {
    const p = who();
    const results = await Promise.allSettled([move("accept", p.staff), move("accept", p.owner)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["Conflict", "InvalidTransition"]).toContain((loser.reason as DomainError).kind);
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
    expect(events.map((e) => e.toStatus).sort()).toEqual(["ACCEPTED", "PENDING"]);
    expect((await db.select().from(orders).where(eq(orders.id, orderId)))[0]?.version).toBe(2);
  });

  it("lets either the customer's cancel or the kitchen's accept win, never both", async () => {
    const p = who();
    const results = await Promise.allSettled([move("cancel", p.customer, { reason: "Changed my mind" }), move("accept", p.staff)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
    const events = await db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId));
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.toStatus)).toContain(order?.status);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
    expect(payment?.status).toBe(order?.status === "CANCELLED" ? "voided" : "authorized");
  });

  it("assigns a courier exactly once", async () => {
    const p = who();
    const results = await Promise.allSettled([
      assignCourier(db, deps.events, { orderId, courierId: city.couriers.courier.id, actor: p.support }),
      assignCourier(db, deps.events, { orderId, courierId: city.couriers.otherCourier.id, actor: p.support }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const load = await db.select({ id: couriers.id, active: couriers.activeOrders }).from(couriers);
    expect(load.reduce((s, c) => s + c.active, 0)).toBe(1);
  });
});
