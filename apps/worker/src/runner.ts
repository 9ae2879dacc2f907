// The worker's heart, separate from the process loop so tests drive it with an explicit clock:
// turn due schedules into jobs, claim what is due (SKIP LOCKED, under a lease), run each job's
// handler, then complete it or fail it with backoff. Any number of workers can run this side by
// side on one database.
import type { TEventPublisher } from "@lastmile/core/events";
import type { TDb } from "@lastmile/db/client";
import { claimJobs, completeJob, defineSchedule, enqueueDueSchedules, failJob } from "@lastmile/db/queue";
import type { TJob } from "@lastmile/db/queue";
import type { TPaymentProvider } from "@lastmile/payments";

import type { TEmailTransport } from "./jobs/send-outbox";

export type TWorkerSettings = {
  outboxBatch: number;
  dispatchBatch: number;
  locationRetentionDays: number;
};

export type TWorkerContext = {
  db: TDb;
  events: TEventPublisher;
  payments: TPaymentProvider;
  transport: TEmailTransport;
  settings: TWorkerSettings;
};

export type TJobDefinition = {
  name: string;
  /** Recurring: run every this many seconds. Without it the job runs only when enqueued. */
  everyS?: number;
  /** Does the work as of `now`; returns a line for the log when there was something to say. */
  run: (ctx: TWorkerContext, now: Date, job: TJob) => Promise<string | null>;
};

/** Declares every recurring job's schedule (idempotent; run at each start). */
export async function defineSchedules(db: TDb, definitions: TJobDefinition[], now: Date = new Date()) {
  for (const d of definitions) if (d.everyS) await defineSchedule(db, d.name, d.everyS, now);
}

export type TTickResult = { name: string; ok: boolean; note: string | null }[];

/** One pass: enqueue due schedules, then claim and run up to `limit` due jobs. */
export async function runDueJobs(ctx: TWorkerContext, definitions: TJobDefinition[], opts: { workerId: string; now?: Date; limit?: number; leaseS?: number }): Promise<TTickResult> {
  const now = opts.now ?? new Date();
  const byName = new Map(definitions.map((d) => [d.name, d]));
  await enqueueDueSchedules(ctx.db, now);
  const claimed = await claimJobs(ctx.db, { workerId: opts.workerId, limit: opts.limit ?? 20, leaseS: opts.leaseS ?? 120, names: [...byName.keys()], now });
  const results: TTickResult = [];
  for (const job of claimed) {
    const def = byName.get(job.name);
    if (!def) continue;
    try {
      const note = await def.run(ctx, now, job);
      await completeJob(ctx.db, job, opts.workerId);
      results.push({ name: job.name, ok: true, note });
    } catch (error) {
      // A recurring run that fails is simply the next run's work; a one-off job retries with backoff.
      if (job.singletonKey === "schedule") await completeJob(ctx.db, job, opts.workerId);
      else await failJob(ctx.db, job, opts.workerId, error, now);
      results.push({ name: job.name, ok: false, note: (error as Error).message ?? String(error) });
    }
  }
  return results;
}
