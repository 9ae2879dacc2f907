// The job queue the worker runs on, in the same database as everything else (ARCHITECTURE:
// "pg-boss or an equivalent SKIP LOCKED queue"). pg-boss wants many connections and LISTEN; the
// embedded database is one PGlite session behind a wire server, so this is the small equivalent:
// jobs claimed with FOR UPDATE SKIP LOCKED under a lease, retried with backoff, and recurring
// schedules whose next run is stored here, so timed duties survive a worker restart.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { createdAt, id, timestamptz, updatedAt } from "./_columns";

/** A job is pending until it succeeds (then it is deleted) or runs out of attempts (failed). */
export const jobStatusEnum = pgEnum("job_status", ["pending", "failed"]);

export const jobs = pgTable(
  "jobs",
  {
    id: id(),
    name: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    status: jobStatusEnum().notNull().default("pending"),
    runAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(5),
    /** While in the future, a worker holds the job; a crashed worker's lease simply runs out. */
    lockedUntil: timestamptz(),
    lockedBy: text(),
    /** At most one pending job per name and key (a recurring duty, one order's re-offer, …). */
    singletonKey: text(),
    lastError: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("jobs_due_idx")
      .on(t.runAt)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex("jobs_singleton_pending")
      .on(t.name, t.singletonKey)
      .where(sql`${t.status} = 'pending' and ${t.singletonKey} is not null`),
    check("jobs_attempts_range", sql`${t.attempts} >= 0 and ${t.maxAttempts} >= 1`),
  ],
);

/** Recurring duties: each due run enqueues one singleton job and moves `nextRunAt` on. */
export const jobSchedules = pgTable(
  "job_schedules",
  {
    name: text().primaryKey(),
    everyS: integer().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    nextRunAt: timestamp({ withTimezone: true }).notNull(),
    lastEnqueuedAt: timestamptz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("job_schedules_every_positive", sql`${t.everyS} >= 1`)],
);
