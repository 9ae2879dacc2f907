// Payouts marked paid: the worker settles what payees without a connected account are owed into
// pending payouts; an administrator records the bank transfer's reference (audited, once); the
// merchant's and the courier's earnings show what is paid and what is pending; the ledger is
// untouched by it and every order still sums to zero.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { recordingPublisher } from "@lastmile/core/events";
import { applyTransition, assignCourier } from "@lastmile/core/orders";
import type { TActor } from "@lastmile/core/orders";
import { settlePayouts } from "@lastmile/core/payments";
import { placeTestOrder } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { auditLog, orders, payouts } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider } from "@lastmile/payments";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
const payments = createLocalProvider();
const events = recordingPublisher();
const deps = { payments, events };

const session = (id: string, roles: TRole[], extra: Partial<NonNullable<TSession>["user"]> = {}): TSession => ({
  user: { id, email: `${id}@example.com`, name: "Test", roles, merchantIds: [], courierId: null, areaIds: [], ...extra },
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});
const as = (s: TSession) => testCaller(db, s, { payments });

async function deliveredOrder() {
  const { order } = await placeTestOrder(db, deps, city, { idempotencyKey: `payouts-${Math.random().toString(36).slice(2, 12)}`, quantity: 2, tipCents: 250 });
  const staff: TActor = { role: "merchant_staff", userId: city.users.staff.id, merchantIds: [city.merchant.id], courierId: null, areaIds: [] };
  const courier: TActor = { role: "courier", userId: city.users.courierUser.id, merchantIds: [], courierId: city.couriers.courier.id, areaIds: [] };
  const support: TActor = { role: "support", userId: city.users.owner.id, merchantIds: [], courierId: null, areaIds: [] };
  await applyTransition(db, deps, { orderId: order.id, action: "accept", actor: staff });
  await applyTransition(db, deps, { orderId: order.id, action: "markReady", actor: staff });
  await assignCourier(db, events, { orderId: order.id, courierId: city.couriers.courier.id, actor: support });
  await applyTransition(db, deps, { orderId: order.id, action: "pickUp", actor: courier, location: { lng: -9.1393, lat: 38.7139 } });
  const [o] = await db.select({ pin: orders.deliveryPin }).from(orders).where(eq(orders.id, order.id));
  await applyTransition(db, deps, { orderId: order.id, action: "deliver", actor: courier, location: { lng: -9.1365, lat: 38.7095 }, pin: o?.pin });
  return order;
}

const ledgerSum = async () => rowsOf<{ s: number; bad: number }>(await db.execute(sql`select coalesce(sum(amount_cents), 0)::int as s, (select count(*)::int from (select order_id from ledger_entries group by order_id having sum(amount_cents) <> 0) t) as bad, count(*)::int as n from ledger_entries`))[0];

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
});

describe(`payouts marked paid on ${testBackend()}`, () => {
  it("moves a payout from pending to paid with its reference, audited, once; earnings show paid and pending", async () => {
    const order = await deliveredOrder();
    const settled = await settlePayouts(db, new Date(Date.now() + 1000));
    expect(settled.map((p) => p.payeeType).sort()).toEqual(["courier", "merchant"]);
    const courierOwed = settled.find((p) => p.payeeType === "courier")?.amountCents;
    expect(courierOwed).toBe(order.courierFeeCents + 250);
    const before = await ledgerSum();

    const admin = as(session(city.users.owner.id, ["admin"]));
    const pending = await admin.admin.payouts({ status: "pending" });
    expect(pending.map((p) => [p.payeeType, p.payeeName, p.status])).toEqual(expect.arrayContaining([["merchant", city.merchant.name, "pending"], ["courier", expect.any(String), "pending"]]));
    const merchantPayout = pending.find((p) => p.payeeType === "merchant");
    if (!merchantPayout) throw new Error("no merchant payout");

    await expect(admin.admin.markPayoutPaid({ payoutId: merchantPayout.id, reference: " " })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const paid = await admin.admin.markPayoutPaid({ payoutId: merchantPayout.id, reference: "SEPA 2026-11-30 #0042" });
    expect(paid).toMatchObject({ status: "paid", paidReference: "SEPA 2026-11-30 #0042", paidAt: expect.any(Date) });
    // The same reference again (a double click) is the same answer; another one is refused.
    expect(await admin.admin.markPayoutPaid({ payoutId: merchantPayout.id, reference: "SEPA 2026-11-30 #0042" })).toEqual(paid);
    await expect(admin.admin.markPayoutPaid({ payoutId: merchantPayout.id, reference: "SEPA other" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/already marked paid \(reference SEPA 2026-11-30 #0042\)/) });
    expect(await db.select({ action: auditLog.action, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, merchantPayout.id))).toEqual([
      { action: "payout.mark_paid", after: { status: "paid", reference: "SEPA 2026-11-30 #0042", amountCents: merchantPayout.amountCents, currency: "EUR" } },
    ]);
    // Marking paid is a fact about the bank transfer: the ledger already counted the payout.
    expect(await ledgerSum()).toEqual(before);
    expect(before?.s).toBe(0);
    expect(before?.bad).toBe(0);

    const owner = as(session(city.users.owner.id, ["merchant_owner"], { merchantIds: [city.merchant.id] }));
    const earnings = await owner.insight.earnings({ merchantId: city.merchant.id, days: 7 });
    expect(earnings).toMatchObject({ paidOutCents: merchantPayout.amountCents, pendingPayoutCents: 0, balanceCents: 0 });
    expect(earnings.payouts).toEqual([expect.objectContaining({ status: "paid", paidReference: "SEPA 2026-11-30 #0042" })]);

    const courier = as(session(city.users.courierUser.id, ["courier"], { courierId: city.couriers.courier.id }));
    expect(await courier.courier.earnings()).toMatchObject({ todayCents: courierOwed, deliveriesToday: 1, owedCents: 0, pendingPayoutCents: courierOwed, paidOutCents: 0 });
    expect((await db.select().from(payouts).where(eq(payouts.status, "paid"))).map((p) => p.paidBy)).toEqual([city.users.owner.id]);
  });
});
