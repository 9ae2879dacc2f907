import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "./client";
import { claimJobs, completeJob, defineSchedule, enqueueDueSchedules, enqueueJob, failJob, pruneFailedJobs } from "./queue";
import { jobs, jobSchedules } from "./schema";
import { getTestDb, resetTestDb, testBackend } from "./testing";

let db: TDb;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
});

const t0 = new Date("2026-11-30T12:00:00Z");
const at = (s: number) => new Date(t0.getTime() + s * 1000);

describe(`job queue on ${testBackend()}`, () => {
  it("hands each job to exactly one of many concurrent claimers", async () => {
    for (let i = 0; i < 60; i++) await enqueueJob(db, "work", { payload: { i } }, t0);
    const claims = await Promise.all(Array.from({ length: 12 }, (_, w) => claimJobs(db, { workerId: `w${w}`, limit: 7, now: at(1) })));
    const ids = claims.flat().map((j) => j.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    // Everything is leased: nothing more to claim until the leases run out.
    expect(await claimJobs(db, { workerId: "late", now: at(2) })).toEqual([]);
  });

  it("retries a failed job with a growing backoff, then keeps it as failed with its error", async () => {
    await enqueueJob(db, "flaky", { maxAttempts: 3 }, t0);
    const [first] = await claimJobs(db, { workerId: "w", now: t0 });
    expect(first?.attempts).toBe(1);
    expect(await failJob(db, first as { id: string }, "w", new Error("provider down"), t0)).toMatchObject({ status: "pending", runAt: at(2) });
    expect(await claimJobs(db, { workerId: "w", now: at(1) })).toEqual([]);
    const [second] = await claimJobs(db, { workerId: "w", now: at(2) });
    expect(second?.attempts).toBe(2);
    expect(await failJob(db, second as { id: string }, "w", new Error("still down"), at(2))).toMatchObject({ status: "pending", runAt: at(6) });
    const [third] = await claimJobs(db, { workerId: "w", now: at(6) });
    expect(await failJob(db, third as { id: string }, "w", new Error("gave up"), at(6))).toMatchObject({ status: "failed" });
    expect(await claimJobs(db, { workerId: "w", now: at(10_000) })).toEqual([]);
    const [row] = await db.select().from(jobs);
    expect(row).toMatchObject({ status: "failed", attempts: 3, lastError: "Error: gave up" });
    // Kept for two weeks for someone to look at, then forgotten.
    expect(await pruneFailedJobs(db, at(13 * 86400), 14)).toBe(0);
    expect(await pruneFailedJobs(db, at(15 * 86400), 14)).toBe(1);
  });

  it("keeps one pending job per singleton key, and allows the next once it is done", async () => {
    expect(await enqueueJob(db, "reoffer", { singletonKey: "order-1" }, t0)).toBeTypeOf("string");
    expect(await enqueueJob(db, "reoffer", { singletonKey: "order-1" }, t0)).toBeNull();
    expect(await enqueueJob(db, "reoffer", { singletonKey: "order-2" }, t0)).toBeTypeOf("string");
    const claimed = await claimJobs(db, { workerId: "w", names: ["reoffer"], now: t0 });
    const one = claimed.find((j) => j.singletonKey === "order-1");
    // Still pending while it runs: a duplicate is still refused.
    expect(await enqueueJob(db, "reoffer", { singletonKey: "order-1" }, t0)).toBeNull();
    expect(await completeJob(db, one as { id: string }, "w")).toBe(true);
    expect(await enqueueJob(db, "reoffer", { singletonKey: "order-1" }, t0)).toBeTypeOf("string");
  });

  it("gives a crashed worker's job to another once its lease runs out, and only the holder completes it", async () => {
    await enqueueJob(db, "work", {}, t0);
    const [job] = await claimJobs(db, { workerId: "crashed", leaseS: 30, now: t0 });
    expect(await claimJobs(db, { workerId: "other", now: at(29) })).toEqual([]);
    const [again] = await claimJobs(db, { workerId: "other", now: at(31) });
    expect(again).toMatchObject({ id: job?.id, attempts: 2 });
    // The crashed worker coming back cannot complete what is no longer its own.
    expect(await completeJob(db, job as { id: string }, "crashed")).toBe(false);
    expect(await completeJob(db, again as { id: string }, "other")).toBe(true);
    expect(await db.select().from(jobs)).toEqual([]);
  });

  it("fails a job whose last attempt died with its worker, freeing its singleton key", async () => {
    await enqueueJob(db, "work", { singletonKey: "k", maxAttempts: 1 }, t0);
    await claimJobs(db, { workerId: "crashed", leaseS: 30, now: t0 });
    expect(await claimJobs(db, { workerId: "other", now: at(31) })).toEqual([]);
    const [row] = await db.select().from(jobs);
    expect(row).toMatchObject({ status: "failed", lastError: "lease expired on the last attempt (worker stopped?)" });
    expect(await enqueueJob(db, "work", { singletonKey: "k" }, at(31))).toBeTypeOf("string");
  });

  it("runs schedules once per interval, across restarts, without piling up while a run is pending", async () => {
    await defineSchedule(db, "rollup", 60, t0);
    expect(await enqueueDueSchedules(db, t0)).toEqual(["rollup"]);
    expect(await enqueueDueSchedules(db, at(30))).toEqual([]);
    // A worker restart re-declares the schedule: the stored next run is kept, not reset.
    await defineSchedule(db, "rollup", 60, at(40));
    const [s] = await db.select().from(jobSchedules).where(eq(jobSchedules.name, "rollup"));
    expect(s?.nextRunAt).toEqual(at(60));
    // Due again, but the first run is still pending: no second job.
    expect(await enqueueDueSchedules(db, at(60))).toEqual([]);
    expect(await db.select().from(jobs)).toHaveLength(1);
    const [job] = await claimJobs(db, { workerId: "w", now: at(61) });
    await completeJob(db, job as { id: string }, "w");
    // Hours of downtime collapse into one run, and the next is an interval later — even when
    // that run is over before another worker's pass, which must not find the schedule still due.
    expect(await enqueueDueSchedules(db, at(7200))).toEqual(["rollup"]);
    const [caughtUp] = await claimJobs(db, { workerId: "w", now: at(7200) });
    await completeJob(db, caughtUp as { id: string }, "w");
    expect(await enqueueDueSchedules(db, at(7201))).toEqual([]);
    expect(await enqueueDueSchedules(db, at(7259))).toEqual([]);
    expect(await enqueueDueSchedules(db, at(7260))).toEqual(["rollup"]);
  });
});
