// Support's queues through the router, as support and ops would use them: a customer's report on a
// delivered order and a courier's report on the road reach the queue with their order's context
// (its area's timezone too); a refund request is decided once (a partial refund that keeps the
// ledger balanced, or a refusal the customer is told); a bad amount changes nothing; an ops
// manager acts only inside their area.
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { addToCart } from "@lastmile/core/cart";
import { placeOrder, quoteCart } from "@lastmile/core/checkout";
import { recordingPublisher } from "@lastmile/core/events";
import { applyTransition, assignCourier, systemActor } from "@lastmile/core/orders";
import type { TActor } from "@lastmile/core/orders";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity, insertUser } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { auditLog, emailOutbox, orderEvents, orders, payments, refunds } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider, TEST_CARDS } from "@lastmile/payments";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
let staffId: string;
const deps = { payments: createLocalProvider(), events: recordingPublisher() };

const session = (
  id: string,
  roles: TRole[],
  extra: Partial<NonNullable<TSession>["user"]> = {},
): TSession => ({
  user: {
    id,
    email: `${id}@example.com`,
    name: "Sofia Support",
    roles,
    merchantIds: [],
    courierId: null,
    areaIds: [],
    ...extra,
  },
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});
const as = (s: TSession) => testCaller(db, s, deps);
const support = () => as(session(staffId, ["support"]));
const opsInside = () => as(session(staffId, ["ops_manager"], { areaIds: [city.country.id] }));
const opsElsewhere = () =>
  as(session(staffId, ["ops_manager"], { areaIds: ["00000000-0000-4000-8000-0000000000aa"] }));
const customer = () => as(session(city.users.customer.id, ["customer"]));
const courier = () =>
  as(session(city.users.courierUser.id, ["courier"], { courierId: city.couriers.courier.id }));

const kitchen = (): TActor => ({
  userId: city.users.staff.id,
  role: "merchant_staff",
  merchantIds: [city.merchant.id],
  courierId: null,
  areaIds: [],
});
const rider = (): TActor => ({
  userId: city.users.courierUser.id,
  role: "courier",
  merchantIds: [],
  courierId: city.couriers.courier.id,
  areaIds: [],
});

/** A real order on its way: placed, accepted, cooked, assigned and picked up by the fixture's courier. */
async function pickedUpOrder(key: string) {
  const c = city.users.customer.id;
  await addToCart(db, c, {
    itemId: city.items.dish.id,
    modifierIds: [city.modifiers.large.id, city.modifiers.egg.id],
    quantity: 2,
  });
  await addToCart(db, c, { itemId: city.items.drink.id, modifierIds: [], quantity: 1 });
  const { quote } = await quoteCart(db, c, {
    dropoff: { addressId: city.addresses.home.id },
    tipCents: 150,
  });
  const { order } = await placeOrder(db, deps, c, {
    quoteId: quote.id,
    idempotencyKey: `support-${key}-xxxx`,
    payment: { kind: "card", number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2031, cvc: "123" },
  });
  for (const action of ["accept", "startPreparing", "markReady"] as const)
    await applyTransition(db, deps, { orderId: order.id, action, actor: kitchen() });
  await assignCourier(db, deps.events, {
    orderId: order.id,
    courierId: city.couriers.courier.id,
    actor: systemActor,
  });
  await applyTransition(db, deps, {
    orderId: order.id,
    action: "pickUp",
    actor: rider(),
    location: { lng: -9.1393, lat: 38.7139 },
  });
  return order.id;
}

async function deliveredOrder(key: string) {
  const orderId = await pickedUpOrder(key);
  const [o] = await db
    .select({ pin: orders.deliveryPin })
    .from(orders)
    .where(eq(orders.id, orderId));
  await applyTransition(db, deps, {
    orderId,
    action: "deliver",
    actor: rider(),
    location: { lng: -9.1365, lat: 38.7095 },
    pin: o?.pin,
  });
  return orderId;
}

async function disputedOrder(key: string, reason = "Items were missing: no Sumol") {
  const orderId = await deliveredOrder(key);
  await customer().orders.dispute({ orderId, reason });
  return orderId;
}

async function codeOf(call: Promise<unknown>) {
  try {
    await call;
    return { code: "OK", message: "", fieldErrors: null };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const cause = error.cause as { field?: string } | undefined;
    return { code: error.code, message: error.message, field: cause?.field ?? null };
  }
}

/** Everything a decision could touch, to show a refused one touched nothing. */
async function footprint(orderId: string) {
  const [o] = await db
    .select({ status: orders.status, version: orders.version })
    .from(orders)
    .where(eq(orders.id, orderId));
  const [p] = await db
    .select({ status: payments.status, refunded: payments.amountRefundedCents })
    .from(payments)
    .where(eq(payments.orderId, orderId));
  const count = async (table: string, where: ReturnType<typeof sql>) =>
    Number(
      rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`),
      )[0]?.n,
    );
  return {
    order: o,
    payment: p,
    refunds: await count("refunds", sql`order_id = ${orderId}::uuid`),
    ledger: await count("ledger_entries", sql`order_id = ${orderId}::uuid`),
    events: await count("order_events", sql`order_id = ${orderId}::uuid`),
    audit: await count("audit_log", sql`entity_id = ${orderId}`),
    emails: await count("email_outbox", sql`true`),
  };
}

const ledgerSum = async (orderId: string) =>
  Number(
    rowsOf<{ s: number }>(
      await db.execute(
        sql`select coalesce(sum(amount_cents), 0)::int as s from ledger_entries where order_id = ${orderId}::uuid`,
      ),
    )[0]?.s,
  );

beforeEach(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  staffId = (await insertUser(db, "sofia@example.com", "Sofia Support")).id;
});

describe(`support queues on ${testBackend()}`, () => {
  it("lists refund requests and courier reports oldest first, with the order and the customer's history", async () => {
    const earlier = await disputedOrder("earlier", "Wrong items: got someone else's bag");
    await support().admin.decideRefundRequest({
      orderId: earlier,
      decision: "approve",
      refundCents: 500,
      reason: "Wrong bag",
    });
    const disputed = await disputedOrder("disputed");
    const onTheWay = await pickedUpOrder("on-the-way");
    await courier().courier.reportProblem({
      orderId: onTheWay,
      problem: "wrong_address",
      note: "Building number does not exist",
    });

    const queue = await support().admin.supportQueue({});
    expect(queue.map((c) => [c.kind, c.order.id])).toEqual([
      ["refund_request", disputed],
      ["courier_problem", onTheWay],
    ]);
    const [request, report] = queue;
    expect(request).toMatchObject({
      report: "Items were missing: no Sumol",
      reportedBy: { role: "customer", name: "Clara Cliente" },
      order: { status: "DISPUTED", merchantName: "Tasca Mini" },
    });
    expect(request?.order.items.map((i) => [i.name, i.quantity, i.modifiers])).toEqual([
      ["Bacalhau à Brás", 2, ["Large", "Extra egg"]],
      ["Sumol", 1, []],
    ]);
    expect(request?.payment).toMatchObject({
      status: "captured",
      refundedCents: 0,
      refundableCents: request?.order.totalCents,
    });
    // The earlier order's report and its 5.00 refund are the customer's history.
    expect(request?.customer).toMatchObject({
      email: "cliente@example.com",
      orders: 3,
      earlierReports: 1,
      earlierRefunds: 1,
      earlierRefundedCents: 500,
    });
    expect(report).toMatchObject({
      reportedBy: { role: "courier", name: "Eva Estafeta" },
      report: "Wrong address: Building number does not exist",
      note: "Building number does not exist",
      order: { status: "PICKED_UP" },
    });

    expect(await opsInside().admin.supportQueue({})).toHaveLength(2);
    expect(await opsElsewhere().admin.supportQueue({})).toEqual([]);
  });

  it("names the timezone of each case's order's area, for the order's times to be shown in", async () => {
    const disputed = await disputedOrder("in-the-azores");
    await db.execute(sql`update areas set timezone = 'Atlantic/Azores' where id = ${city.zone.areaId}`);
    expect(await support().admin.supportQueue({})).toEqual([
      expect.objectContaining({ order: expect.objectContaining({ id: disputed, timezone: "Atlantic/Azores" }) }),
    ]);
  });

  it("approves a partial refund once: provider refund, balanced ledger, customer emailed, timeline and audit", async () => {
    const orderId = await disputedOrder("partial");
    const [before] = await db
      .select({ captured: payments.amountCapturedCents })
      .from(payments)
      .where(eq(payments.orderId, orderId));
    const result = await support().admin.decideRefundRequest({
      orderId,
      decision: "approve",
      refundCents: 250,
      reason: "The Sumol was missing",
    });
    expect(result.status).toBe("REFUNDED");

    const [p] = await db.select().from(payments).where(eq(payments.orderId, orderId));
    expect(p).toMatchObject({
      status: "partially_refunded",
      amountRefundedCents: 250,
      amountCapturedCents: before?.captured,
    });
    const refundRows = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
    expect(refundRows).toMatchObject([
      { amountCents: 250, status: "succeeded", reason: "The Sumol was missing" },
    ]);
    expect(await ledgerSum(orderId)).toBe(0);
    const refundLines = rowsOf<{ account: string; amount_cents: number }>(
      await db.execute(
        sql`select account, amount_cents from ledger_entries where order_id = ${orderId}::uuid and account = 'refunds'`,
      ),
    );
    expect(refundLines.map((l) => Number(l.amount_cents))).toEqual([250]);
    const mail = await db
      .select({ subject: emailOutbox.subject, text: emailOutbox.text })
      .from(emailOutbox)
      .where(
        and(
          eq(emailOutbox.toAddress, "cliente@example.com"),
          eq(emailOutbox.template, "order.refunded"),
        ),
      );
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toMatch(/partly refunded/);
    const [event] = await db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.toStatus, "REFUNDED")));
    expect(event).toMatchObject({
      fromStatus: "DISPUTED",
      actorRole: "support",
      reason: "The Sumol was missing",
      metadata: { refundCents: 250 },
    });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, orderId), eq(auditLog.action, "order.refund")));
    expect(audit).toMatchObject([
      {
        actorRole: "support",
        before: { status: "DISPUTED" },
        after: { status: "REFUNDED", refundCents: 250 },
      },
    ]);
    expect(await support().admin.supportQueue({})).toEqual([]);

    // Decided is decided: a second approval or a refusal is a conflict naming who decided, and changes nothing.
    const after = await footprint(orderId);
    const again = await codeOf(
      opsInside().admin.decideRefundRequest({
        orderId,
        decision: "approve",
        refundCents: 100,
        reason: "Also the egg",
      }),
    );
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already refunded by Sofia Support/);
    expect(
      (
        await codeOf(
          support().admin.decideRefundRequest({
            orderId,
            decision: "reject",
            reason: "Changed my mind",
          }),
        )
      ).code,
    ).toBe("CONFLICT");
    expect(await footprint(orderId)).toEqual(after);
  });

  it("refuses a refund above what was captured, naming the field, and changes nothing", async () => {
    const orderId = await disputedOrder("too-much");
    const before = await footprint(orderId);
    const [p] = await db
      .select({ captured: payments.amountCapturedCents })
      .from(payments)
      .where(eq(payments.orderId, orderId));
    const refused = await codeOf(
      support().admin.decideRefundRequest({
        orderId,
        decision: "approve",
        refundCents: (p?.captured ?? 0) + 1,
        reason: "Everything and more",
      }),
    );
    expect(refused).toMatchObject({ code: "BAD_REQUEST", field: "refundCents" });
    expect(refused.message).toMatch(new RegExp(`^Refund at most €[\\d.]+, what is left of the captured payment \\(${p?.captured} cents\\)\\.$`));
    expect(await footprint(orderId)).toEqual(before);
    // Not even a cent is nothing at all: the input itself is refused.
    expect(
      (
        await codeOf(
          support().admin.decideRefundRequest({
            orderId,
            decision: "approve",
            refundCents: 0,
            reason: "Zero",
          }),
        )
      ).code,
    ).toBe("BAD_REQUEST");
    expect(await footprint(orderId)).toEqual(before);
  });

  it("declines a request with a reason: delivered again, delivery time kept, customer emailed, no second report", async () => {
    const orderId = await disputedOrder("declined");
    const [o] = await db
      .select({ deliveredAt: orders.deliveredAt })
      .from(orders)
      .where(eq(orders.id, orderId));
    await opsInside().admin.decideRefundRequest({
      orderId,
      decision: "reject",
      reason: "The courier's photo shows the full bag at the door",
    });

    const [after] = await db
      .select({ status: orders.status, deliveredAt: orders.deliveredAt })
      .from(orders)
      .where(eq(orders.id, orderId));
    expect(after).toEqual({ status: "DELIVERED", deliveredAt: o?.deliveredAt });
    expect(await db.select().from(refunds).where(eq(refunds.orderId, orderId))).toEqual([]);
    const mail = await db
      .select({ text: emailOutbox.text })
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "order.dispute-declined"));
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text).toContain("The courier's photo shows the full bag at the door");
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, orderId), eq(auditLog.action, "order.dismissDispute")));
    expect(audit).toMatchObject([{ actorRole: "ops_manager", after: { status: "DELIVERED" } }]);

    expect(
      (await codeOf(customer().orders.dispute({ orderId, reason: "Still missing" }))).code,
    ).toBe("CONFLICT");
    const late = await codeOf(
      support().admin.decideRefundRequest({ orderId, decision: "approve", reason: "Overruled" }),
    );
    expect(late).toMatchObject({ code: "CONFLICT" });
    expect(late.message).toMatch(/already declined/);
  });

  it("keeps an ops manager to their area: another area's request is not there for them, and stays open", async () => {
    const orderId = await disputedOrder("elsewhere");
    const before = await footprint(orderId);
    expect(
      (
        await codeOf(
          opsElsewhere().admin.decideRefundRequest({
            orderId,
            decision: "approve",
            reason: "Refund it",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await codeOf(
          opsElsewhere().admin.decideRefundRequest({
            orderId,
            decision: "reject",
            reason: "Not ours",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(await footprint(orderId)).toEqual(before);
    expect((await support().admin.supportQueue({})).map((c) => c.caseId)).toEqual([orderId]);
  });

  it("resolves a courier's report once, optionally cancelling the order (payment released)", async () => {
    const orderId = await pickedUpOrder("problem");
    const { eventId } = await courier().courier.reportProblem({
      orderId,
      problem: "customer_not_there",
      note: "Rang three times",
    });
    expect(
      (
        await codeOf(
          opsElsewhere().admin.resolveProblemReport({
            eventId,
            outcome: "resolved",
            note: "Called them",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");

    const done = await support().admin.resolveProblemReport({
      eventId,
      outcome: "cancel_order",
      note: "Customer unreachable for 15 minutes",
    });
    expect(done).toMatchObject({ outcome: "cancel_order", status: "CANCELLED" });
    const [p] = await db
      .select({ status: payments.status })
      .from(payments)
      .where(eq(payments.orderId, orderId));
    expect(p?.status).toBe("voided");
    const resolution = await db
      .select()
      .from(orderEvents)
      .where(
        and(
          eq(orderEvents.orderId, orderId),
          sql`${orderEvents.metadata}->>'kind' = 'support.problem.resolved'`,
        ),
      );
    expect(resolution).toMatchObject([
      { actorRole: "support", metadata: { resolves: eventId, outcome: "cancel_order" } },
    ]);
    expect(
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, orderId), eq(auditLog.action, "order.problem.resolve"))),
    ).toHaveLength(1);
    expect(await support().admin.supportQueue({})).toEqual([]);

    const again = await codeOf(
      opsInside().admin.resolveProblemReport({ eventId, outcome: "resolved", note: "Called them" }),
    );
    expect(again.code).toBe("CONFLICT");
    expect(again.message).toMatch(/already resolved by Sofia Support/);
  });
});
