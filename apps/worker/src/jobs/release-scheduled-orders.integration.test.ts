// The release of scheduled orders on a real PostGIS database: nothing before the release time,
// each order exactly once however often (or by however many workers) the job runs, an
// auto-accepting kitchen accepts on release (and still does when the accept was lost to a stopped
// process), and the acceptance timeout counts from the release.
import { and, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { recordingPublisher } from "@lastmile/core/events";
import { placeTestOrder, testDeps } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity, setDailyHours } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { merchants, orderEvents, orders } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider } from "@lastmile/payments";

import { defineSchedules, runDueJobs } from "../runner";
import type { TWorkerContext } from "../runner";
import { JOBS } from "./index";
import { cancelUnacceptedOrders } from "./merchant-acceptance-timeout";
import { releaseScheduledOrders } from "@lastmile/core/orders";

let db: TDb;
let city: TMiniCity;
// Tuesday 1 December 2026, 10:00 in Lisbon; the kitchen opens at 19:00.
const placedAt = new Date("2026-12-01T10:00:00Z");
const slot = new Date("2026-12-01T19:30:00Z");
// 15 min preparation + 3 min on the road.
const releaseAt = new Date("2026-12-01T19:12:00Z");
const minutes = (t: Date, n: number) => new Date(t.getTime() + n * 60_000);

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
  await setDailyHours(db, city.merchant.id, "19:00", "22:00");
});

function workerContext() {
  const events = recordingPublisher();
  const ctx: TWorkerContext = {
    db,
    events,
    payments: createLocalProvider(),
    transport: { name: "none", send: async () => ({ messageId: "m" }) },
    settings: { outboxBatch: 25, dispatchBatch: 50, locationRetentionDays: 30 },
  };
  return { ctx, events };
}

async function scheduleOrder(key: string) {
  const placed = await placeTestOrder(db, testDeps(), city, {
    idempotencyKey: key,
    scheduledFor: slot,
    now: placedAt,
  });
  return placed.order;
}

const released = (orderId: string) =>
  db
    .select()
    .from(orderEvents)
    .where(
      and(
        eq(orderEvents.orderId, orderId),
        eq(orderEvents.reason, "Sent to the kitchen for its delivery slot"),
      ),
    );

describe(`releasing scheduled orders on ${testBackend()}`, () => {
  it("sends a scheduled order to the kitchen once, at slot minus preparation and travel, however many workers run", async () => {
    await db.update(merchants).set({ autoAccept: false }).where(eq(merchants.id, city.merchant.id));
    const order = await scheduleOrder("release-once");
    const { ctx, events } = workerContext();
    const job = JOBS.filter((j) => j.name === "orders.release-scheduled");

    await defineSchedules(db, job, minutes(releaseAt, -1));
    expect(await runDueJobs(ctx, job, { workerId: "a", now: minutes(releaseAt, -1) })).toEqual([
      { name: "orders.release-scheduled", ok: true, note: null },
    ]);
    expect(
      (await db.select().from(orders).where(eq(orders.id, order.id)))[0]?.releasedAt,
    ).toBeNull();

    // Two workers restarted around the release time: one release, one ring.
    await defineSchedules(db, job, releaseAt);
    const [a, b] = await Promise.all([
      runDueJobs(ctx, job, { workerId: "a", now: releaseAt }),
      runDueJobs(ctx, job, { workerId: "b", now: releaseAt }),
    ]);
    expect([...a, ...b]).toEqual([
      {
        name: "orders.release-scheduled",
        ok: true,
        note: "1 scheduled order(s) sent to the kitchen",
      },
    ]);
    await defineSchedules(db, job, minutes(releaseAt, 1));
    expect(await runDueJobs(ctx, job, { workerId: "b", now: minutes(releaseAt, 1) })).toEqual([
      { name: "orders.release-scheduled", ok: true, note: null },
    ]);

    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]).toMatchObject({
      status: "PENDING",
      releasedAt: releaseAt,
    });
    expect(await released(order.id)).toHaveLength(1);
    expect(events.events).toEqual([
      {
        channel: `private-merchant-${city.merchant.id}`,
        name: "order.new",
        data: { orderId: order.id, number: order.number },
      },
    ]);
  });

  it("counts the acceptance timeout from the release, not from placement", async () => {
    await db.update(merchants).set({ autoAccept: false }).where(eq(merchants.id, city.merchant.id));
    const order = await scheduleOrder("release-timeout");
    const { ctx } = workerContext();
    // Hours after placement, but not yet released: the kitchen has not seen it, nothing to time out.
    expect(await cancelUnacceptedOrders(ctx, minutes(releaseAt, -1))).toEqual({
      considered: 0,
      cancelled: 0,
    });
    await db.update(orders).set({ releasedAt: releaseAt }).where(eq(orders.id, order.id));
    expect(await cancelUnacceptedOrders(ctx, minutes(releaseAt, 9))).toEqual({
      considered: 0,
      cancelled: 0,
    });
    expect(await cancelUnacceptedOrders(ctx, minutes(releaseAt, 11))).toEqual({
      considered: 1,
      cancelled: 1,
    });
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]?.status).toBe(
      "CANCELLED",
    );
  });

  it("lets an auto-accepting kitchen accept on release, so dispatch starts as for any accepted order", async () => {
    await db.update(merchants).set({ autoAccept: true }).where(eq(merchants.id, city.merchant.id));
    const order = await scheduleOrder("release-auto");
    const { ctx, events } = workerContext();
    const job = JOBS.filter((j) => j.name === "orders.release-scheduled");
    await defineSchedules(db, job, releaseAt);
    await runDueJobs(ctx, job, { workerId: "a", now: releaseAt });
    expect((await db.select().from(orders).where(eq(orders.id, order.id)))[0]).toMatchObject({
      status: "ACCEPTED",
      releasedAt: releaseAt,
    });
    expect(events.events.map((e) => e.name)).toEqual([
      "order.new",
      "order.status",
      "order.changed",
      // The customer's bell hears of the acceptance too.
      "notification.new",
    ]);
  });

  it("accepts for an auto-accepting kitchen when the process that should have accepted stopped first, so the timeout never cancels it", async () => {
    // The release happened, the accept did not (as if the worker stopped between the two).
    await db.update(merchants).set({ autoAccept: false }).where(eq(merchants.id, city.merchant.id));
    const scheduled = await scheduleOrder("release-lost-accept");
    const { ctx, events } = workerContext();
    await releaseScheduledOrders(db, ctx, releaseAt);
    // And an order placed for now, whose accept after payment was lost the same way.
    const now = await placeTestOrder(db, testDeps(), city, {
      idempotencyKey: "placed-lost-accept",
      now: minutes(releaseAt, 1),
    });
    expect(now.order.status).toBe("PENDING");
    await db.update(merchants).set({ autoAccept: true }).where(eq(merchants.id, city.merchant.id));

    const job = JOBS.filter((j) => j.name === "orders.auto-accept");
    const status = async (id: string) =>
      (await db.select().from(orders).where(eq(orders.id, id)))[0]?.status;
    // Within the grace the placing request may still be accepting: left alone.
    await defineSchedules(db, job, minutes(releaseAt, 1));
    expect(await runDueJobs(ctx, job, { workerId: "a", now: minutes(releaseAt, 1) })).toEqual([
      {
        name: "orders.auto-accept",
        ok: true,
        note: "1 order(s) accepted for auto-accepting kitchens",
      },
    ]);
    expect(await status(scheduled.id)).toBe("ACCEPTED");
    expect(await status(now.order.id)).toBe("PENDING");

    // Two workers after the grace: accepted once.
    const later = minutes(releaseAt, 2);
    await defineSchedules(db, job, later);
    const [a, b] = await Promise.all([
      runDueJobs(ctx, job, { workerId: "a", now: later }),
      runDueJobs(ctx, job, { workerId: "b", now: later }),
    ]);
    expect([...a, ...b]).toEqual([
      {
        name: "orders.auto-accept",
        ok: true,
        note: "1 order(s) accepted for auto-accepting kitchens",
      },
    ]);
    expect(await status(now.order.id)).toBe("ACCEPTED");
    const accepts = await db
      .select()
      .from(orderEvents)
      .where(and(eq(orderEvents.orderId, now.order.id), eq(orderEvents.toStatus, "ACCEPTED")));
    expect(accepts).toHaveLength(1);
    expect(events.events.filter((e) => e.name === "order.status")).toHaveLength(2);
    expect(await cancelUnacceptedOrders(ctx, minutes(releaseAt, 30))).toEqual({
      considered: 0,
      cancelled: 0,
    });
  });
});
