// The job queue on the platform's own database (tables in schema/jobs.ts). Any number of workers
// may run side by side: a claim is one UPDATE over rows picked FOR UPDATE SKIP LOCKED, and it
// leases each job until `lockedUntil`, so a job is handed to one worker at a time and a crashed
// worker's jobs come back when the lease runs out. Every function takes `now`, so tests move
// time explicitly instead of sleeping.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "./client";
import { rowsOf } from "./client";

export type TJob = {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  singletonKey: string | null;
};

export type TEnqueueOptions = {
  payload?: Record<string, unknown>;
  runAt?: Date;
  /** Only one pending job per name and key: enqueueing another while one waits is a no-op. */
  singletonKey?: string;
  maxAttempts?: number;
};

type TJobRow = {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  run_at: string | Date;
  singleton_key: string | null;
};

const toJob = (r: TJobRow): TJob => ({
  id: r.id,
  name: r.name,
  payload: r.payload ?? {},
  attempts: Number(r.attempts),
  maxAttempts: Number(r.max_attempts),
  runAt: new Date(r.run_at),
  singletonKey: r.singleton_key,
});

const iso = (d: Date) => d.toISOString();

/**
 * Adds a job; returns its id, or null when a pending job with the same singleton key exists.
 * Call it with a transaction to enqueue atomically with the change that needs the job.
 */
export async function enqueueJob(db: TDbOrTx, name: string, options: TEnqueueOptions = {}, now: Date = new Date()): Promise<string | null> {
  const [row] = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into jobs (name, payload, run_at, singleton_key, max_attempts)
      values (${name}, ${JSON.stringify(options.payload ?? {})}::jsonb, ${iso(options.runAt ?? now)}::timestamptz,
              ${options.singletonKey ?? null}, ${options.maxAttempts ?? 5})
      on conflict (name, singleton_key) where status = 'pending' and singleton_key is not null do nothing
      returning id`),
  );
  return row?.id ?? null;
}

export type TClaimOptions = {
  /** Who holds the lease (the worker's id): only the holder may complete or fail the job. */
  workerId: string;
  limit?: number;
  /** How long the worker may take before the job is handed to someone else. */
  leaseS?: number;
  names?: string[];
  now?: Date;
};

/** Leases up to `limit` due jobs to `workerId`, oldest first; each claim counts as an attempt. */
export async function claimJobs(db: TDbOrTx, options: TClaimOptions): Promise<TJob[]> {
  const now = options.now ?? new Date();
  // A job whose last attempt died with its worker (lease run out, attempts used up) would stay
  // pending for ever and block its singleton key: it fails here, with the reason.
  await db.execute(sql`
    update jobs set status = 'failed', last_error = coalesce(last_error || ' / ', '') || 'lease expired on the last attempt (worker stopped?)',
           locked_until = null, locked_by = null, updated_at = ${iso(now)}::timestamptz
    where status = 'pending' and attempts >= max_attempts and locked_until <= ${iso(now)}::timestamptz`);
  const names = options.names?.length ? sql`and name in (${sql.join(options.names.map((n) => sql`${n}`), sql`, `)})` : sql``;
  const rows = rowsOf<TJobRow>(
    await db.execute(sql`
      update jobs set attempts = attempts + 1, locked_by = ${options.workerId},
             locked_until = ${iso(now)}::timestamptz + make_interval(secs => ${options.leaseS ?? 60}::float8),
             updated_at = ${iso(now)}::timestamptz
      where id in (
        select id from jobs
        where status = 'pending' and run_at <= ${iso(now)}::timestamptz
          and (locked_until is null or locked_until <= ${iso(now)}::timestamptz)
          and attempts < max_attempts ${names}
        order by run_at
        limit ${options.limit ?? 10}
        for update skip locked)
      returning id, name, payload, attempts, max_attempts, run_at, singleton_key`),
  );
  return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
}

/** The job succeeded: it is removed (its effects are recorded where they belong). */
export async function completeJob(db: TDbOrTx, job: Pick<TJob, "id">, workerId: string): Promise<boolean> {
  const rows = rowsOf<{ id: string }>(await db.execute(sql`delete from jobs where id = ${job.id} and locked_by = ${workerId} returning id`));
  return rows.length > 0;
}

/** Seconds before attempt `attempts + 1`: 2, 4, 8, … capped at an hour. */
export const backoffS = (attempts: number, baseS = 2) => Math.min(3600, baseS * 2 ** Math.max(0, attempts - 1));

/**
 * The job failed: it runs again after a backoff, or — out of attempts — stays as `failed` with
 * its last error for someone to look at.
 */
export async function failJob(db: TDbOrTx, job: Pick<TJob, "id">, workerId: string, error: unknown, now: Date = new Date()) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const [row] = rowsOf<{ status: string; run_at: string | Date; attempts: number }>(
    await db.execute(sql`
      update jobs set
        status = case when attempts >= max_attempts then 'failed'::job_status else 'pending'::job_status end,
        run_at = ${iso(now)}::timestamptz + make_interval(secs => power(2, greatest(attempts - 1, 0)) * 2),
        locked_until = null, locked_by = null, last_error = ${message.slice(0, 2000)}, updated_at = ${iso(now)}::timestamptz
      where id = ${job.id} and locked_by = ${workerId}
      returning status, run_at, attempts`),
  );
  return row ? { status: row.status as "pending" | "failed", runAt: new Date(row.run_at), attempts: Number(row.attempts) } : null;
}

/**
 * Declares a recurring duty. Re-declaring (every worker start) updates the interval and keeps
 * the stored next run, so a restart neither skips nor doubles a run.
 */
export async function defineSchedule(db: TDbOrTx, name: string, everyS: number, now: Date = new Date(), payload: Record<string, unknown> = {}) {
  await db.execute(sql`
    insert into job_schedules (name, every_s, payload, next_run_at)
    values (${name}, ${everyS}, ${JSON.stringify(payload)}::jsonb, ${iso(now)}::timestamptz)
    on conflict (name) do update set every_s = excluded.every_s, payload = excluded.payload,
      next_run_at = least(job_schedules.next_run_at, ${iso(now)}::timestamptz + make_interval(secs => excluded.every_s::float8)),
      updated_at = now()`);
}

/**
 * Turns every due schedule into one singleton job (none if the previous run is still pending)
 * and moves its next run on. Missed runs during downtime collapse into one. Returns the names
 * of the jobs enqueued.
 */
export async function enqueueDueSchedules(db: TDbOrTx, now: Date = new Date()): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await db.execute(sql`
      with due as (
        update job_schedules set
          -- On time, the next run keeps to the grid; behind by a whole interval or more (a worker
          -- was down), the runs missed collapse into this one and the next is an interval from
          -- now. Never "now" itself: a schedule still due after its enqueue would be enqueued
          -- again by the next worker's pass, once its job had finished — a second run.
          next_run_at = case
            when next_run_at + make_interval(secs => every_s::float8) > ${iso(now)}::timestamptz
              then next_run_at + make_interval(secs => every_s::float8)
            else ${iso(now)}::timestamptz + make_interval(secs => every_s::float8)
          end,
          last_enqueued_at = ${iso(now)}::timestamptz
        where name in (select name from job_schedules where next_run_at <= ${iso(now)}::timestamptz for update skip locked)
        returning name, payload)
      insert into jobs (name, payload, run_at, singleton_key, max_attempts)
      -- A run whose worker died is retried when its lease runs out (3 attempts).
      select name, payload, ${iso(now)}::timestamptz, 'schedule', 3 from due
      on conflict (name, singleton_key) where status = 'pending' and singleton_key is not null do nothing
      returning name`),
  );
  return rows.map((r) => r.name).sort();
}

/** Forgets failed jobs older than `keepDays` (they have been in the log and on the admin's desk long enough). */
export async function pruneFailedJobs(db: TDbOrTx, now: Date, keepDays = 14): Promise<number> {
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`delete from jobs where status = 'failed' and updated_at < ${iso(now)}::timestamptz - make_interval(days => ${keepDays}) returning id`),
  );
  return rows.length;
}
