import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { recordingPublisher } from "@lastmile/core/events";
import { applyTransition } from "@lastmile/core/orders";
import { placeTestOrder, testDeps } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { insertCountry, insertMerchant, insertMiniCity, insertUser } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { point } from "@lastmile/db/geometry";
import { enqueueJob } from "@lastmile/db/queue";
import {
  auditLog,
  courierLocations,
  couriers,
  dailyStats,
  deliveryOffers,
  emailOutbox,
  jobs,
  merchants,
  notifications,
  orderEvents,
  orders,
  payments,
  rateLimits,
  sessions,
  verificationTokens,
} from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider } from "@lastmile/payments";

import { defineSchedules, runDueJobs } from "../runner";
import type { TJobDefinition, TWorkerContext } from "../runner";
import { JOBS } from "./index";
import { rollupDailyStats, rollupRecentDays } from "./daily-rollups";
import { cancelUnacceptedOrders } from "./merchant-acceptance-timeout";
import { pruneLocationHistory } from "./prune-locations";
import { resumePausedMerchants } from "./resume-paused-merchants";
import { sendOutboxBatch } from "./send-outbox";
import type { TEmailTransport } from "./send-outbox";

let db: TDb;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
});

const recording = () => {
  const sent: string[] = [];
  const transport: TEmailTransport = {
    name: "test",
    send: async (e) => (sent.push(e.toAddress), { messageId: `m-${e.id}` }),
  };
  return { sent, transport };
};

describe(`worker jobs on ${testBackend()}`, () => {
  it("reopens a merchant whose pause has ended, leaves one still paused, and audits it", async () => {
    const area = await insertCountry(db);
    const now = new Date("2026-11-21T19:30:00Z");
    const ended = await insertMerchant(db, area.id, {
      slug: "ended",
      availability: "paused",
      pausedUntil: new Date("2026-11-21T19:29:00Z"),
    });
    const still = await insertMerchant(db, area.id, {
      slug: "still",
      availability: "paused",
      pausedUntil: new Date("2026-11-21T20:00:00Z"),
    });

    const resumed = await resumePausedMerchants(db, now);

    expect(resumed.map((m) => m.id)).toEqual([ended.id]);
    const [a] = await db.select().from(merchants).where(eq(merchants.id, ended.id));
    const [b] = await db.select().from(merchants).where(eq(merchants.id, still.id));
    expect(a?.availability).toBe("open");
    expect(a?.pausedUntil).toBeNull();
    expect(b?.availability).toBe("paused");
    const audit = await db.select().from(auditLog);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "merchant.auto_resume",
      entityId: ended.id,
      actorRole: "system",
    });
  });

  it("sends each pending email once and marks it sent", async () => {
    await db.insert(emailOutbox).values(
      ["a@example.com", "b@example.com"].map((to) => ({
        toAddress: to,
        template: "welcome",
        subject: "Welcome",
        html: "<p>Hi</p>",
        text: "Hi",
      })),
    );
    const { sent, transport } = recording();

    expect(await sendOutboxBatch(db, transport, 10)).toEqual({ claimed: 2, sent: 2 });
    expect(await sendOutboxBatch(db, transport, 10)).toEqual({ claimed: 0, sent: 0 });

    expect(sent.sort()).toEqual(["a@example.com", "b@example.com"]);
    const rows = await db.select().from(emailOutbox);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.sentAt !== null)).toBe(
      true,
    );
  });

  it("backs off after a failed send and records the error", async () => {
    await db.insert(emailOutbox).values({
      toAddress: "c@example.com",
      template: "welcome",
      subject: "Welcome",
      html: "<p>Hi</p>",
      text: "Hi",
    });
    const failing: TEmailTransport = {
      name: "down",
      send: () => Promise.reject(new Error("provider unavailable")),
    };

    expect(await sendOutboxBatch(db, failing, 10)).toEqual({ claimed: 1, sent: 0 });

    const [row] = await db.select().from(emailOutbox);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row?.lastError).toMatch(/provider unavailable/);
    expect(row?.sendAfter.getTime()).toBeGreaterThan(Date.now());
    // Not due yet, so the next batch leaves it alone.
    expect(await sendOutboxBatch(db, failing, 10)).toEqual({ claimed: 0, sent: 0 });
  });
});

function workerContext(transport: TEmailTransport = recording().transport) {
  const events = recordingPublisher();
  const ctx: TWorkerContext = { db, events, payments: createLocalProvider(), transport, settings: { outboxBatch: 25, dispatchBatch: 50, locationRetentionDays: 30 } };
  return { ctx, events };
}

const placeFor = async (city: TMiniCity, key: string) => (await placeTestOrder(db, testDeps(), city, { idempotencyKey: key })).order;

describe(`the worker's queue-driven jobs on ${testBackend()}`, () => {
  it("runs every recurring job once when due, and a restarted worker neither skips nor doubles them", async () => {
    await insertMiniCity(db);
    const { ctx } = workerContext();
    const t0 = new Date("2026-11-30T12:00:00Z");
    await defineSchedules(db, JOBS, t0);

    const first = await runDueJobs(ctx, JOBS, { workerId: "a", now: t0 });
    // Every recurring job; one-off jobs (payment transfers, webhook events) run only when enqueued.
    expect(first.map((r) => r.name).sort()).toEqual(JOBS.filter((j) => j.everyS).map((j) => j.name).sort());
    expect(first.filter((r) => !r.ok)).toEqual([]);
    // Nothing is due a second later.
    expect(await runDueJobs(ctx, JOBS, { workerId: "a", now: new Date(t0.getTime() + 1000) })).toEqual([]);

    // The worker restarts 3 s later: schedules are re-declared, the 2-second duties are due, the hourly ones are not.
    await defineSchedules(db, JOBS, new Date(t0.getTime() + 3000));
    const again = await runDueJobs(ctx, JOBS, { workerId: "b", now: new Date(t0.getTime() + 3000) });
    expect(again.map((r) => r.name).sort()).toEqual(["dispatch.expire-offers", "dispatch.waiting-orders", "email.send-outbox"]);
    expect(await db.select().from(jobs)).toEqual([]);
  });

  it("retries a failing one-off job with backoff and keeps it once out of attempts", async () => {
    const { ctx } = workerContext();
    let calls = 0;
    const flaky: TJobDefinition = {
      name: "test.flaky",
      run: async () => {
        calls += 1;
        throw new Error("downstream unavailable");
      },
    };
    const t0 = new Date("2026-11-30T12:00:00Z");
    await enqueueJob(db, "test.flaky", { maxAttempts: 2 }, t0);
    expect(await runDueJobs(ctx, [flaky], { workerId: "w", now: t0 })).toMatchObject([{ name: "test.flaky", ok: false, note: "downstream unavailable" }]);
    expect(await runDueJobs(ctx, [flaky], { workerId: "w", now: new Date(t0.getTime() + 1000) })).toEqual([]);
    await runDueJobs(ctx, [flaky], { workerId: "w", now: new Date(t0.getTime() + 2000) });
    expect(calls).toBe(2);
    const [row] = await db.select().from(jobs);
    expect(row).toMatchObject({ status: "failed", attempts: 2, lastError: "Error: downstream unavailable" });
  });

  it("dispatches an accepted order and re-offers it when the offer expires, publishing through the given publisher", async () => {
    const city = await insertMiniCity(db);
    const order = await placeFor(city, "worker-dispatch-1");
    await applyTransition(db, { payments: createLocalProvider(), events: recordingPublisher() }, { orderId: order.id, action: "accept", actor: { userId: city.users.staff.id, role: "merchant_staff", merchantIds: [city.merchant.id], courierId: null, areaIds: [] }, prepTimeMin: 10 });
    const { ctx, events } = workerContext();
    const now = new Date();
    await db.update(couriers).set({ lastSeenAt: now });
    await defineSchedules(db, JOBS, now);

    await runDueJobs(ctx, JOBS, { workerId: "w", now });
    const [first] = await db.select().from(deliveryOffers).where(eq(deliveryOffers.orderId, order.id));
    expect(first).toMatchObject({ status: "pending", round: 1, courierId: city.couriers.courier.id });
    expect(events.events.filter((e) => e.name === "offer.new")).toHaveLength(1);

    const later = new Date(now.getTime() + 31_000);
    await db.update(couriers).set({ lastSeenAt: later });
    await runDueJobs(ctx, JOBS, { workerId: "w", now: later });
    const offers = await db.select().from(deliveryOffers).where(eq(deliveryOffers.orderId, order.id)).orderBy(deliveryOffers.round);
    expect(offers.map((o) => [o.round, o.status, o.courierId])).toEqual([
      [1, "expired", city.couriers.courier.id],
      [2, "pending", city.couriers.otherCourier.id],
    ]);
    expect(events.events.map((e) => e.name)).toEqual(["offer.new", "offer.withdrawn", "offer.new"]);
  });

  it("cancels orders the restaurant left unanswered, voiding the payment and telling the customer", async () => {
    const city = await insertMiniCity(db);
    const stale = await placeFor(city, "worker-timeout-1");
    const { ctx } = workerContext();
    const elevenMinutesOn = new Date(stale.placedAt.getTime() + 11 * 60_000);
    const fresh = await placeFor(city, "worker-timeout-2");
    await db.update(orders).set({ placedAt: new Date(elevenMinutesOn.getTime() - 60_000) }).where(eq(orders.id, fresh.id));

    expect(await cancelUnacceptedOrders(ctx, elevenMinutesOn)).toEqual({ considered: 1, cancelled: 1 });

    const [o] = await db.select().from(orders).where(eq(orders.id, stale.id));
    expect(o).toMatchObject({ status: "CANCELLED", cancellationReason: "the restaurant did not accept it within 10 minutes" });
    expect((await db.select().from(payments).where(eq(payments.orderId, stale.id)))[0]?.status).toBe("voided");
    const [event] = await db.select().from(orderEvents).where(and(eq(orderEvents.orderId, stale.id), eq(orderEvents.toStatus, "CANCELLED")));
    expect(event).toMatchObject({ actorRole: "system", fromStatus: "PENDING" });
    expect(await db.select().from(notifications).where(eq(notifications.kind, "order.cancelled"))).toHaveLength(1);
    expect((await db.select().from(emailOutbox)).some((e) => e.toAddress === "cliente@example.com" && /was cancelled/.test(e.text))).toBe(true);
    expect((await db.select().from(orders).where(eq(orders.id, fresh.id)))[0]?.status).toBe("PENDING");
    // Run again: nothing more to do.
    expect(await cancelUnacceptedOrders(ctx, elevenMinutesOn)).toEqual({ considered: 0, cancelled: 0 });
  });

  it("prunes location history past its retention in batches, keeping the rest", async () => {
    const city = await insertMiniCity(db);
    const now = new Date("2026-11-30T12:00:00Z");
    const day = 86_400_000;
    const rows = [40, 35, 31, 31, 29, 1].map((ago) => ({ courierId: city.couriers.courier.id, location: point(-9.14, 38.71), recordedAt: new Date(now.getTime() - ago * day), receivedAt: new Date(now.getTime() - ago * day) }));
    await db.insert(courierLocations).values(rows);

    expect(await pruneLocationHistory(db, { now, retentionDays: 30, batch: 2 })).toMatchObject({ deleted: 4 });
    expect((await db.select().from(courierLocations)).length).toBe(2);
    expect(await pruneLocationHistory(db, { now, retentionDays: 30, batch: 2 })).toMatchObject({ deleted: 0 });
  });

  it("clears ended rate-limit windows, expired tokens and expired sessions", async () => {
    const user = await insertUser(db);
    const now = new Date("2026-11-30T12:00:00Z");
    const past = new Date(now.getTime() - 1000);
    const future = new Date(now.getTime() + 3600_000);
    await db.insert(rateLimits).values([{ key: "old", hits: 3, windowEndsAt: past }, { key: "live", hits: 1, windowEndsAt: future }]);
    await db.insert(verificationTokens).values([{ identifier: "a", token: "old", expires: past }, { identifier: "b", token: "live", expires: future }]);
    await db.insert(sessions).values([{ sessionToken: "old", userId: user.id, expires: past }, { sessionToken: "live", userId: user.id, expires: future }]);
    const job = JOBS.find((j) => j.name === "auth.housekeeping") as TJobDefinition;

    await job.run(workerContext().ctx, now, { id: "x", name: job.name, payload: {}, attempts: 1, maxAttempts: 1, runAt: now, singletonKey: null });

    expect((await db.select().from(rateLimits)).map((r) => r.key)).toEqual(["live"]);
    expect((await db.select().from(verificationTokens)).map((r) => r.token)).toEqual(["live"]);
    expect((await db.select().from(sessions)).map((r) => r.sessionToken)).toEqual(["live"]);
  });

  it("rolls orders up per local day, merchant and zone, idempotently", async () => {
    const city = await insertMiniCity(db);
    const base = { customerId: city.users.customer.id, merchantId: city.merchant.id, zoneId: city.zone.id, currency: "EUR", dropoffLocation: point(-9.1365, 38.7095), dropoffAddress: "Rua Augusta 100", deliveryPin: "1234" };
    // 23:30 UTC on the 28th is 23:30 in Lisbon in winter; 00:30 UTC on the 29th is the next local day.
    const d28 = new Date("2026-11-28T23:30:00Z");
    const d29 = new Date("2026-11-29T00:30:00Z");
    const mins = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);
    await db.insert(orders).values([
      { ...base, idempotencyKey: "r1", courierId: city.couriers.courier.id, status: "DELIVERED", subtotalCents: 2000, tipCents: 200, totalCents: 2200, placedAt: d28, acceptedAt: mins(d28, 2), readyAt: mins(d28, 17), deliveredAt: mins(d28, 32) },
      { ...base, idempotencyKey: "r2", courierId: city.couriers.courier.id, status: "DELIVERED", subtotalCents: 1000, totalCents: 1000, placedAt: mins(d28, 5), acceptedAt: mins(d28, 6), readyAt: mins(d28, 16), deliveredAt: mins(d28, 45) },
      { ...base, idempotencyKey: "r3", status: "CANCELLED", subtotalCents: 900, totalCents: 900, placedAt: mins(d28, 10) },
      { ...base, idempotencyKey: "r4", status: "PENDING", subtotalCents: 500, totalCents: 500, placedAt: d29 },
    ]);
    const now = new Date("2026-11-29T12:00:00Z");

    expect(await rollupRecentDays(db, now)).toBe(2);
    const again = await rollupDailyStats(db, new Date("2026-11-01T00:00:00Z"), now);
    expect(again).toBe(2);

    const stats = await db.select().from(dailyStats).orderBy(dailyStats.day);
    expect(stats).toHaveLength(2);
    expect(stats[0]).toMatchObject({ day: "2026-11-28", merchantId: city.merchant.id, zoneId: city.zone.id, orders: 3, delivered: 2, cancelled: 1, refunded: 0, gmvCents: 3200, tipsCents: 200, avgDeliverySeconds: (32 * 60 + 40 * 60) / 2, avgPrepSeconds: (15 * 60 + 10 * 60) / 2 });
    expect(stats[1]).toMatchObject({ day: "2026-11-29", orders: 1, delivered: 0, gmvCents: 0, avgDeliverySeconds: null });
  });
});
