// Orders paid through Stripe, end to end: the real `stripe` SDK against the local stand-in for
// Stripe's API, our checkout and state machine on a real database, webhooks signed with
// `generateTestHeaderString` and posted to the endpoint's handler, the queued work run as the
// worker runs it. After every scenario, each order's ledger sums to zero.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { addToCart } from "@lastmile/core/cart";
import { completeOrder, placeOrder, placeOrderOrChallenge, quoteCart, releaseUnconfirmedCheckouts } from "@lastmile/core/checkout";
import { recordingPublisher } from "@lastmile/core/events";
import { applyTransition, assignCourier } from "@lastmile/core/orders";
import type { TActor } from "@lastmile/core/orders";
import { payableBalance, reconcileStripeEvent, settleExpiringAuthorizations, settlePayouts, transferOrderShares } from "@lastmile/core/payments";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { claimJobs, completeJob, failJob } from "@lastmile/db/queue";
import { checkoutAuthentications, couriers, emailOutbox, merchants, orders, payments, paymentTransfers, payouts, processedWebhookEvents, refunds } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createStripeClient, createStripeProvider, TEST_CARDS } from "@lastmile/payments";
import type { TPaymentProvider } from "@lastmile/payments";
import { startStripeStandIn } from "@lastmile/payments/testing/stripe-stand-in";
import type { TStandInEvent, TStripeStandIn } from "@lastmile/payments/testing/stripe-stand-in";

import { createStripeWebhookHandler } from "./stripe-webhook";

const KEY = "sk_test_lastmile";
const WHSEC = "whsec_lastmile_test";
let db: TDb;
let city: TMiniCity;
let standIn: TStripeStandIn;
let stripe: ReturnType<typeof createStripeClient>;
let provider: TPaymentProvider;
const events = recordingPublisher();
const deps = () => ({ payments: provider, events });

beforeAll(async () => {
  ({ db } = await getTestDb());
  standIn = await startStripeStandIn();
  // The real SDK, configured as production configures it, pointed at the stand-in.
  stripe = createStripeClient({ STRIPE_SECRET_KEY: KEY, STRIPE_API_HOST: standIn.host, STRIPE_API_PORT: standIn.port, STRIPE_API_PROTOCOL: "http" }, { timeout: 300 });
  provider = createStripeProvider(stripe, KEY);
});
afterAll(() => standIn.close());
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
  await db.update(merchants).set({ stripeAccountId: "acct_merchant" }).where(eq(merchants.id, city.merchant.id));
  await db.update(couriers).set({ stripeAccountId: "acct_courier" }).where(eq(couriers.id, city.couriers.courier.id));
});

const card = (number: string) => ({ kind: "card" as const, number, expMonth: 12, expYear: 2031, cvc: "123" });
const staff = (): TActor => ({ role: "merchant_staff", userId: city.users.staff.id, merchantIds: [city.merchant.id], courierId: null, areaIds: [] });
const courier = (): TActor => ({ role: "courier", userId: city.users.courierUser.id, merchantIds: [], courierId: city.couriers.courier.id, areaIds: [] });
const support = (): TActor => ({ role: "support", userId: city.users.owner.id, merchantIds: [], courierId: null, areaIds: [] });

async function checkout(number: string = TEST_CARDS.succeeds, tipCents = 300) {
  const c = city.users.customer.id;
  await addToCart(db, c, { itemId: city.items.dish.id, modifierIds: [city.modifiers.regular.id], quantity: 2 });
  const { quote } = await quoteCart(db, c, { dropoff: { addressId: city.addresses.home.id }, tipCents });
  return (await placeOrder(db, deps(), c, { quoteId: quote.id, idempotencyKey: `checkout-${Math.random().toString(36).slice(2, 12)}`, payment: card(number) })).order;
}

async function deliver(orderId: string, captureCents?: number) {
  const move = (action: "accept" | "markReady" | "pickUp" | "deliver", actor: TActor, extra = {}) => applyTransition(db, deps(), { orderId, action, actor, ...extra });
  await move("accept", staff());
  await move("markReady", staff());
  await assignCourier(db, events, { orderId, courierId: city.couriers.courier.id, actor: support() });
  await move("pickUp", courier(), { location: { lng: -9.1393, lat: 38.7139 } });
  const [o] = await db.select({ pin: orders.deliveryPin }).from(orders).where(eq(orders.id, orderId));
  return move("deliver", courier(), { location: { lng: -9.1365, lat: 38.7095 }, pin: o?.pin, captureCents });
}

/** Runs queued payment jobs as the worker does (claim, run, complete or fail with backoff). */
async function runPaymentJobs(now = new Date()) {
  const jobs = await claimJobs(db, { workerId: "test", names: ["payments.stripe-event", "payments.transfer-shares"], limit: 50, now });
  const results: { name: string; ok: boolean; note: string }[] = [];
  for (const job of jobs) {
    try {
      const note = job.name === "payments.stripe-event" ? await reconcileStripeEvent(db, provider, String(job.payload.webhookEventId), now) : JSON.stringify(await transferOrderShares(db, provider, String(job.payload.orderId)));
      await completeJob(db, job, "test");
      results.push({ name: job.name, ok: true, note });
    } catch (error) {
      await failJob(db, job, "test", error, now);
      results.push({ name: job.name, ok: false, note: (error as Error).message });
    }
  }
  return results;
}

function post(event: TStandInEvent, opts: { secret?: string; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WHSEC, timestamp: opts.timestamp });
  const handler = createStripeWebhookHandler({ db, stripe, secret: WHSEC });
  return handler(new Request("http://localhost/api/stripe/webhook", { method: "POST", body: payload, headers: { "stripe-signature": header, "content-type": "application/json" } }));
}

async function ledgerOf(orderId: string) {
  return rowsOf<{ account: string; s: number }>(await db.execute(sql`select account, sum(amount_cents)::int as s from ledger_entries where order_id = ${orderId} group by account order by account`));
}
async function expectBalanced() {
  const unbalanced = rowsOf<{ order_id: string; s: number }>(await db.execute(sql`select order_id, sum(amount_cents)::int as s from ledger_entries group by order_id having sum(amount_cents) <> 0`));
  expect(unbalanced).toEqual([]);
}
const eventsFor = (pi: string) => standIn.events.filter((e) => e.data.object.id === pi || e.data.object.payment_intent === pi);

describe(`Stripe payments end to end on ${testBackend()}`, () => {
  it("authorises at checkout, captures on delivery, transfers the merchant's and courier's shares in one transfer group", async () => {
    const order = await checkout();
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(pay).toMatchObject({ provider: "stripe", status: "authorized", amountAuthorizedCents: order.totalCents, providerRef: expect.stringMatching(/^pi_/) });
    expect(standIn.paymentIntents.get(pay?.providerRef ?? "")).toMatchObject({ capture_method: "manual", status: "requires_capture", transfer_group: `order_${order.id}` });

    await deliver(order.id);
    expect(standIn.paymentIntents.get(pay?.providerRef ?? "")).toMatchObject({ status: "succeeded", amount_received: order.totalCents });
    expect(await runPaymentJobs()).toEqual([expect.objectContaining({ name: "payments.transfer-shares", ok: true })]);

    const ledger = await ledgerOf(order.id);
    const transfers = await db.select().from(paymentTransfers).where(eq(paymentTransfers.orderId, order.id));
    expect(transfers.map((t) => [t.payeeType, t.status, t.transferGroup])).toEqual(expect.arrayContaining([["merchant", "succeeded", `order_${order.id}`], ["courier", "succeeded", `order_${order.id}`]]));
    const courierTransfer = transfers.find((t) => t.payeeType === "courier");
    expect(courierTransfer?.amountCents).toBe(order.courierFeeCents + 300); // fee + 100 % of the tip
    expect([...standIn.transfers.values()].map((t) => t.destination).sort()).toEqual(["acct_courier", "acct_merchant"]);
    // Shares paid out: nothing left owed on the order's payables.
    expect(ledger.find((r) => r.account === "merchant_payable")?.s).toBe(0);
    expect(ledger.find((r) => r.account === "courier_payable")?.s).toBe(0);
    expect(ledger.find((r) => r.account === "payouts")?.s).toBe(-transfers.reduce((s, t) => s + t.amountCents, 0));
    expect(ledger.find((r) => r.account === "customer_payments")?.s).toBe(order.totalCents);
    // A second run sends nothing more.
    expect(await transferOrderShares(db, provider, order.id)).toEqual([]);
    expect(standIn.transfers.size).toBe(2);
    await expectBalanced();
  });

  it("declines a card at checkout and leaves no order behind", async () => {
    await expect(checkout(TEST_CARDS.declined)).rejects.toMatchObject({ kind: "PaymentFailed", message: "Your card was declined. Try another card." });
    expect(await db.select().from(orders)).toEqual([]);
    await expectBalanced();
  });

  it("captures less than authorised when items were missing; the merchant's share takes the shortfall", async () => {
    const order = await checkout();
    await deliver(order.id, order.totalCents - 500);
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(pay).toMatchObject({ status: "captured", amountCapturedCents: order.totalCents - 500 });
    const ledger = await ledgerOf(order.id);
    expect(ledger.find((r) => r.account === "customer_payments")?.s).toBe(order.totalCents - 500);
    expect(ledger.find((r) => r.account === "courier_payable")?.s).toBe(-(order.courierFeeCents + 300));
    await expectBalanced();
  });

  it("voids the authorisation when the restaurant rejects", async () => {
    const order = await checkout();
    await applyTransition(db, deps(), { orderId: order.id, action: "reject", actor: staff(), reason: "Out of cod" });
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(pay?.status).toBe("voided");
    expect(standIn.paymentIntents.get(pay?.providerRef ?? "")?.status).toBe("canceled");
    await expectBalanced();
  });

  it("refunds in part, and a refund made in the Stripe Dashboard arrives by webhook into the ledger", async () => {
    const order = await checkout();
    await deliver(order.id);
    await applyTransition(db, deps(), { orderId: order.id, action: "refund", actor: support(), reason: "Cold fries", refundCents: 400 });
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(pay).toMatchObject({ status: "partially_refunded", amountRefundedCents: 400 });
    // Support's refund comes back as webhooks: nothing changes.
    for (const e of eventsFor(pay?.providerRef ?? "")) expect((await post(e)).status).toBe(200);
    await runPaymentJobs();
    expect((await db.select().from(payments).where(eq(payments.orderId, order.id)))[0]?.amountRefundedCents).toBe(400);

    // Someone refunds 250 more in the Dashboard.
    await stripe.refunds.create({ payment_intent: pay?.providerRef ?? "", amount: 250 }, { idempotencyKey: "dashboard-1" });
    const last = standIn.events.at(-1);
    if (!last) throw new Error("no event");
    await post(last);
    expect((await runPaymentJobs()).map((r) => r.ok)).toContain(true);
    const [after] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(after).toMatchObject({ amountRefundedCents: 650, status: "partially_refunded" });
    expect((await db.select().from(refunds).where(eq(refunds.orderId, order.id))).map((r) => r.amountCents).sort()).toEqual([250, 400]);
    const ledger = await ledgerOf(order.id);
    expect(ledger.find((r) => r.account === "refunds")?.s).toBe(650);
    await expectBalanced();
  });

  it("drops a replayed webhook, copes with events out of order and before our own write, refuses bad signatures", async () => {
    const order = await checkout();
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    const pi = pay?.providerRef ?? "";
    await applyTransition(db, deps(), { orderId: order.id, action: "cancel", actor: support(), reason: "Customer called" });
    const [created, authorised, cancelled] = eventsFor(pi);
    if (!created || !authorised || !cancelled) throw new Error("expected three events");
    // Out of order: the cancellation first, then the older authorisation.
    expect(await (await post(cancelled)).json()).toMatchObject({ received: true, duplicate: false, queued: true });
    expect(await (await post(authorised)).json()).toMatchObject({ duplicate: false, queued: true });
    // A replay is acknowledged and dropped.
    expect(await (await post(cancelled)).json()).toMatchObject({ duplicate: true, queued: false });
    await runPaymentJobs();
    expect((await db.select().from(payments).where(eq(payments.id, pay?.id ?? "")))[0]?.status).toBe("voided");
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(processedWebhookEvents)).toEqual([{ n: 2 }]);

    // An event about a payment we have not written yet waits for it.
    const early = { ...authorised, id: "evt_early", data: { object: { ...authorised.data.object, id: "pi_not_yet" } } };
    await post(early);
    expect(await runPaymentJobs()).toEqual([expect.objectContaining({ ok: false, note: expect.stringMatching(/before our payment record/) })]);

    expect((await post(cancelled, { secret: "whsec_wrong" })).status).toBe(400);
    // Without Stripe settings (the Local provider) the endpoint is not there.
    expect((await createStripeWebhookHandler()(new Request("http://localhost/api/stripe/webhook", { method: "POST", body: "{}", headers: { "stripe-signature": "t=1,v1=x" } }))).status).toBe(404);
    expect((await post(cancelled, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(400);
    await expectBalanced();
  });

  it("a Stripe timeout at capture is retried with the same key: one capture, one charge", async () => {
    const order = await checkout();
    standIn.failNext("timeout", /\/capture$/);
    await deliver(order.id);
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    const captures = standIn.requests.filter((r) => r.path === `/v1/payment_intents/${pay?.providerRef}/capture`);
    expect(captures.map((r) => [r.idempotencyKey, r.replayed])).toEqual([[`${order.id}:capture`, false], [`${order.id}:capture`, true]]);
    expect(pay).toMatchObject({ status: "captured", amountCapturedCents: order.totalCents });
    await expectBalanced();
  });

  it("a capture that fails outright leaves the order with the courier and the ledger untouched", async () => {
    const order = await checkout();
    standIn.failNext("server_error", /\/capture$/);
    standIn.failNext("server_error", /\/capture$/);
    standIn.failNext("server_error", /\/capture$/);
    await expect(deliver(order.id)).rejects.toThrow(/Stripe capture failed/);
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]?.status).toBe("PICKED_UP");
    expect(await ledgerOf(order.id)).toEqual([]);
    expect(await db.select().from(emailOutbox).where(sql`${emailOutbox.template} = 'order.delivered'`)).toEqual([]);
  });

  it("settles authorisations about to lapse: a stuck order is cancelled and its customer told, a cancelled one's hold released", async () => {
    const stuck = await checkout();
    const released = await checkout();
    await db.update(orders).set({ status: "CANCELLED" }).where(eq(orders.id, released.id)); // its void had failed
    const [stuckPay] = await db.select().from(payments).where(eq(payments.orderId, stuck.id));
    const expiresAt = stuckPay?.authorizationExpiresAt ?? new Date();
    // Nothing is due while the hold has days left.
    expect(await settleExpiringAuthorizations(db, deps(), new Date(expiresAt.getTime() - 3 * 86_400_000))).toEqual([]);
    const done = await settleExpiringAuthorizations(db, deps(), new Date(expiresAt.getTime() - 3_600_000));
    expect(done.sort((a, b) => a.action.localeCompare(b.action))).toEqual([{ orderId: stuck.id, action: "cancelled" }, { orderId: released.id, action: "voided" }]);
    for (const o of [stuck, released]) {
      const [pay] = await db.select().from(payments).where(eq(payments.orderId, o.id));
      expect(pay?.status).toBe("voided");
      expect(standIn.paymentIntents.get(pay?.providerRef ?? "")?.status).toBe("canceled");
    }
    expect((await db.select().from(orders).where(eq(orders.id, stuck.id)))[0]).toMatchObject({ status: "CANCELLED", cancellationReason: expect.stringMatching(/hold on your card was about to expire/) });
    const told = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "order.cancelled"));
    expect(told.map((m) => m.toAddress)).toEqual(["cliente@example.com"]);
    await expectBalanced();
  });

  it("pays out what payees without a connected account are owed, once", async () => {
    await db.update(merchants).set({ stripeAccountId: null }).where(eq(merchants.id, city.merchant.id));
    const order = await checkout();
    await deliver(order.id);
    await runPaymentJobs(); // the courier's share goes to their account; the merchant's waits
    const owed = -((await ledgerOf(order.id)).find((r) => r.account === "merchant_payable")?.s ?? 0);
    expect(owed).toBeGreaterThan(0);
    expect(await settlePayouts(db, new Date(Date.now() + 1000))).toEqual([{ payeeType: "merchant", payeeId: city.merchant.id, amountCents: owed, currency: "EUR" }]);
    expect(await settlePayouts(db, new Date(Date.now() + 2000))).toEqual([]);
    expect(await db.select({ amount: payouts.amountCents, status: payouts.status }).from(payouts)).toEqual([{ amount: owed, status: "pending" }]);
    await expectBalanced();
  });

  it("releases the hold of a checkout whose transaction failed after Stripe authorised it, once that checkout is surely over", async () => {
    // Stripe authorised, then our transaction rolled back: a PaymentIntent for an order that never existed.
    const ghost = "3f0c5b8e-8a1e-4c55-9d37-3f6f2f1c0a11";
    const pi = await stripe.paymentIntents.create({ amount: 2100, currency: "eur", capture_method: "manual", payment_method: "pm_card_visa", confirm: true, metadata: { orderId: ghost } }, { idempotencyKey: `${ghost}:authorize` });
    const held = standIn.events.filter((e) => e.data.object.id === pi.id && e.type === "payment_intent.amount_capturable_updated").at(-1);
    if (!held) throw new Error("no event");
    await post(held);
    const createdAt = new Date(pi.created * 1000);
    // Soon after, the checkout may still be committing: wait.
    expect(await runPaymentJobs(new Date(createdAt.getTime() + 60_000))).toEqual([expect.objectContaining({ ok: false, note: expect.stringMatching(/before our payment record/) })]);
    expect(standIn.paymentIntents.get(pi.id)?.status).toBe("requires_capture");
    // Past the window, with still no order: released.
    expect(await runPaymentJobs(new Date(createdAt.getTime() + 11 * 60_000))).toEqual([expect.objectContaining({ ok: true, note: expect.stringMatching(/hold released/) })]);
    expect(standIn.paymentIntents.get(pi.id)?.status).toBe("canceled");
  });
});

describe(`Stripe payments the customer's bank asks to confirm (3-D Secure), on ${testBackend()}`, () => {
  const c = () => city.users.customer.id;
  async function challenged(key: string) {
    await addToCart(db, c(), { itemId: city.items.dish.id, modifierIds: [city.modifiers.regular.id], quantity: 2 });
    const { quote } = await quoteCart(db, c(), { dropoff: { addressId: city.addresses.home.id }, tipCents: 300 });
    const result = await placeOrderOrChallenge(db, deps(), c(), { quoteId: quote.id, idempotencyKey: key, payment: card(TEST_CARDS.authenticationRequired) });
    if (result.status !== "requires_action") throw new Error("expected the bank's challenge");
    const [waiting] = await db.select().from(checkoutAuthentications).where(eq(checkoutAuthentications.idempotencyKey, key));
    if (!waiting) throw new Error("no waiting payment");
    return { quote, challenge: result.challenge, waiting, pi: waiting.providerRef };
  }

  it("hands the client secret to the browser, places the order once Stripe says authorised, and delivers it", async () => {
    // The first create times out after Stripe did the work: the SDK's retry is replayed, one PaymentIntent.
    standIn.failNext("timeout", /^\/v1\/payment_intents$/);
    const { quote, challenge, waiting, pi } = await challenged("bank-stripe-ok");
    expect(standIn.paymentIntents.get(pi)).toMatchObject({ status: "requires_action", capture_method: "manual", amount: quote.totalCents, transfer_group: `order_${waiting.orderId}`, metadata: { orderId: waiting.orderId } });
    expect(challenge).toMatchObject({ provider: "stripe", clientSecret: standIn.paymentIntents.get(pi)?.client_secret, amountCents: quote.totalCents });
    expect(standIn.requests.filter((r) => r.idempotencyKey === `${waiting.orderId}:authorize`).map((r) => r.replayed)).toEqual([false, true]);
    expect(await db.select().from(orders)).toEqual([]);

    // A double click while Stripe.js shows the bank's page: the same challenge, no new PaymentIntent.
    const before = standIn.paymentIntents.size;
    expect((await placeOrderOrChallenge(db, deps(), c(), { quoteId: quote.id, idempotencyKey: "bank-stripe-ok", payment: card(TEST_CARDS.authenticationRequired) })).status).toBe("requires_action");
    expect(standIn.paymentIntents.size).toBe(before);

    // The customer confirms at their bank; Stripe's webhook beats our completion and waits for it.
    standIn.authenticate(pi, "succeed");
    const held = standIn.events.filter((e) => e.data.object.id === pi && e.type === "payment_intent.amount_capturable_updated").at(-1);
    if (!held) throw new Error("no event");
    await post(held);
    expect(await runPaymentJobs()).toEqual([expect.objectContaining({ ok: false, note: expect.stringMatching(/before our payment record/) })]);

    const done = await completeOrder(db, deps(), c(), { idempotencyKey: "bank-stripe-ok" });
    if (done.status !== "placed") throw new Error("expected the order");
    expect(done.order.id).toBe(waiting.orderId);
    const [pay] = await db.select().from(payments).where(eq(payments.orderId, done.order.id));
    expect(pay).toMatchObject({ provider: "stripe", providerRef: pi, status: "authorized", amountAuthorizedCents: quote.totalCents });
    expect(await runPaymentJobs(new Date(Date.now() + 3_600_000))).toEqual([expect.objectContaining({ ok: true })]);

    await deliver(done.order.id);
    expect(standIn.paymentIntents.get(pi)).toMatchObject({ status: "succeeded", amount_received: quote.totalCents });
    await runPaymentJobs(new Date(Date.now() + 3_600_000));
    expect(await db.select({ status: paymentTransfers.status }).from(paymentTransfers).where(eq(paymentTransfers.orderId, done.order.id))).toEqual([{ status: "succeeded" }, { status: "succeeded" }]);
    await expectBalanced();
  });

  it("the bank refuses: no order, the PaymentIntent cancelled, the customer told why", async () => {
    const { pi } = await challenged("bank-stripe-no");
    standIn.authenticate(pi, "fail");
    await expect(completeOrder(db, deps(), c(), { idempotencyKey: "bank-stripe-no" })).rejects.toMatchObject({ kind: "PaymentFailed", message: expect.stringMatching(/bank did not confirm the payment/) });
    expect(standIn.paymentIntents.get(pi)?.status).toBe("canceled");
    expect(await db.select().from(orders)).toEqual([]);
    expect((await db.select().from(checkoutAuthentications))[0]?.status).toBe("failed");
    await expectBalanced();
  });

  it("a challenge nobody finishes is voided by the sweep; the orphaned hold's webhook then finds nothing to do", async () => {
    const { waiting, pi } = await challenged("bank-stripe-left");
    // Confirmed at the bank, but the page was closed before our second call.
    standIn.authenticate(pi, "succeed");
    expect(await releaseUnconfirmedCheckouts(db, deps(), new Date(waiting.createdAt.getTime() + 11 * 60_000))).toEqual([waiting.orderId]);
    expect(standIn.paymentIntents.get(pi)?.status).toBe("canceled");
    await expect(completeOrder(db, deps(), c(), { idempotencyKey: "bank-stripe-left" })).rejects.toMatchObject({ kind: "PaymentFailed" });
    expect(await db.select().from(orders)).toEqual([]);
    await expectBalanced();
  });
});

describe(`refunds charged to the restaurant or courier after their shares were transferred, on ${testBackend()}`, () => {
  const transfersOf = async (orderId: string) => db.select().from(paymentTransfers).where(eq(paymentTransfers.orderId, orderId));

  it("reverses that much of the restaurant's transfer, once, through a timeout; its balance and the ledger follow", async () => {
    const order = await checkout();
    await deliver(order.id);
    await runPaymentJobs();
    const merchantTransfer = (await transfersOf(order.id)).find((t) => t.payeeType === "merchant");
    if (!merchantTransfer?.providerRef) throw new Error("no merchant transfer");

    standIn.failNext("timeout", /\/reversals$/);
    await applyTransition(db, deps(), { orderId: order.id, action: "refund", actor: support(), reason: "Wrong dish delivered", refundCents: 900, recoverFrom: ["merchant"] });
    expect(standIn.transfers.get(merchantTransfer.providerRef)).toMatchObject({ amount_reversed: 900, reversed: false });
    const reversalCalls = standIn.requests.filter((r) => r.path === `/v1/transfers/${merchantTransfer.providerRef}/reversals`);
    expect(reversalCalls.map((r) => [r.idempotencyKey, r.replayed])).toEqual([[`${order.id}:reversal:merchant:1`, false], [`${order.id}:reversal:merchant:1`, true]]);
    expect((await transfersOf(order.id)).find((t) => t.payeeType === "merchant")).toMatchObject({ amountReversedCents: 900, status: "succeeded" });

    const ledger = await ledgerOf(order.id);
    // The customer got 900 back; the restaurant paid it (its transfer is 900 smaller), not the platform.
    expect(ledger.find((r) => r.account === "refunds")?.s ?? 0).toBe(0);
    expect(ledger.find((r) => r.account === "merchant_payable")?.s).toBe(0);
    const sent = (await transfersOf(order.id)).reduce((sum, t) => sum + t.amountCents, 0);
    expect(ledger.find((r) => r.account === "payouts")?.s).toBe(-(sent - 900));
    expect(await payableBalance(db, { type: "merchant", id: city.merchant.id })).toBe(0);
    await expectBalanced();
  });

  it("a full refund charged to both takes each share back in full, the rest is the platform's cost", async () => {
    const order = await checkout();
    await deliver(order.id);
    await runPaymentJobs();
    await applyTransition(db, deps(), { orderId: order.id, action: "refund", actor: support(), reason: "Never arrived", recoverFrom: ["merchant", "courier"] });
    const transfers = await transfersOf(order.id);
    expect(transfers.map((t) => [t.payeeType, t.status, t.amountReversedCents === t.amountCents])).toEqual(expect.arrayContaining([["merchant", "reversed", true], ["courier", "reversed", true]]));
    const ledger = await ledgerOf(order.id);
    expect(ledger.find((r) => r.account === "payouts")?.s ?? 0).toBe(0);
    // The platform's net cost is what it had kept: fees and commission, and the tax it collected.
    const kept = order.totalCents - transfers.reduce((sum, t) => sum + t.amountCents, 0);
    expect(ledger.find((r) => r.account === "refunds")?.s).toBe(kept);
    await expectBalanced();
  });

  it("without a connected account, the recovered part comes off the restaurant's next payout", async () => {
    await db.update(merchants).set({ stripeAccountId: null }).where(eq(merchants.id, city.merchant.id));
    const order = await checkout();
    await deliver(order.id);
    await runPaymentJobs();
    const owed = await payableBalance(db, { type: "merchant", id: city.merchant.id });
    await applyTransition(db, deps(), { orderId: order.id, action: "refund", actor: support(), reason: "Cold food", refundCents: 500, recoverFrom: ["merchant"] });
    expect(await payableBalance(db, { type: "merchant", id: city.merchant.id })).toBe(owed - 500);
    expect(await settlePayouts(db, new Date(Date.now() + 1000))).toEqual([expect.objectContaining({ payeeType: "merchant", amountCents: owed - 500 })]);
    await expectBalanced();
  });
});

describe(`Stripe's Payment Element: the server creates the PaymentIntent, the browser confirms it, on ${testBackend()}`, () => {
  const c = () => city.users.customer.id;
  async function started(key: string) {
    await addToCart(db, c(), { itemId: city.items.dish.id, modifierIds: [city.modifiers.regular.id], quantity: 1 });
    const { quote } = await quoteCart(db, c(), { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
    const result = await placeOrderOrChallenge(db, deps(), c(), { quoteId: quote.id, idempotencyKey: key, payment: { kind: "payment_element" } });
    if (result.status !== "requires_action") throw new Error("expected the client secret");
    const pi = result.challenge.clientSecret.split("_secret_")[0] ?? "";
    return { quote, pi, clientSecret: result.challenge.clientSecret };
  }
  // What Stripe.js's confirmPayment does with the card typed into the Element.
  const confirmInBrowser = (pi: string, paymentMethod: string) => stripe.paymentIntents.confirm(pi, { payment_method: paymentMethod }).catch((e: unknown) => e);

  it("places the order only after the browser confirmed and Stripe holds the money; a double click does not make a second PaymentIntent", async () => {
    const { quote, pi, clientSecret } = await started("element-ok");
    expect(standIn.paymentIntents.get(pi)).toMatchObject({ status: "requires_payment_method", capture_method: "manual", amount: quote.totalCents, client_secret: clientSecret });
    // Pressing Pay again before confirming: the same PaymentIntent, still waiting for the browser.
    expect(await placeOrderOrChallenge(db, deps(), c(), { quoteId: quote.id, idempotencyKey: "element-ok", payment: { kind: "payment_element" } })).toMatchObject({ status: "requires_action", challenge: { clientSecret } });
    // Completing before the browser confirmed changes nothing.
    expect((await completeOrder(db, deps(), c(), { idempotencyKey: "element-ok" })).status).toBe("requires_action");
    expect(await db.select().from(orders)).toEqual([]);

    await confirmInBrowser(pi, "pm_card_visa");
    const done = await completeOrder(db, deps(), c(), { idempotencyKey: "element-ok" });
    if (done.status !== "placed") throw new Error("expected the order");
    expect((await db.select().from(payments).where(eq(payments.orderId, done.order.id)))[0]).toMatchObject({ providerRef: pi, status: "authorized" });
    await deliver(done.order.id);
    expect(standIn.paymentIntents.get(pi)?.status).toBe("succeeded");
    await expectBalanced();
  });

  it("a card declined in the Element, or a bank check failed inside it, leaves no order and releases the PaymentIntent", async () => {
    const declined = await started("element-declined");
    await confirmInBrowser(declined.pi, "pm_card_chargeDeclined");
    await expect(completeOrder(db, deps(), c(), { idempotencyKey: "element-declined" })).rejects.toMatchObject({ kind: "PaymentFailed", message: "Your card was declined. Try another card." });
    expect(standIn.paymentIntents.get(declined.pi)?.status).toBe("canceled");

    const challenged = await started("element-3ds");
    await confirmInBrowser(challenged.pi, "pm_card_authenticationRequired");
    standIn.authenticate(challenged.pi, "succeed");
    expect((await completeOrder(db, deps(), c(), { idempotencyKey: "element-3ds" })).status).toBe("placed");
    expect(await db.select({ id: orders.id }).from(orders)).toHaveLength(1);
    await expectBalanced();
  });
});
