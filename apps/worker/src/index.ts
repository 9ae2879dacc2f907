// The worker process: declares the recurring schedules, then claims and runs due jobs from the
// queue on the shared database until told to stop. On SIGINT/SIGTERM it finishes the job in
// hand and exits; a worker killed outright loses nothing — its leases run out and another
// worker (or this one, restarted) picks the jobs up. Realtime events go through the same
// publisher the API uses.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

import { getDb } from "@lastmile/db/client";
import { createPaymentProvider } from "@lastmile/payments";
import { realtimePublisher } from "@lastmile/realtime/publisher";

import { env } from "./env";
import { JOBS } from "./jobs";
import { createEmailTransport } from "@lastmile/email/sender";
import { defineSchedules, runDueJobs } from "./runner";
import type { TWorkerContext } from "./runner";

const db = getDb();
const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const ctx: TWorkerContext = {
  db,
  events: realtimePublisher,
  payments: createPaymentProvider(),
  // Resend when RESEND_API_KEY is set, else printed to the log.
  transport: createEmailTransport(),
  settings: { outboxBatch: env.WORKER_OUTBOX_BATCH, dispatchBatch: env.WORKER_DISPATCH_BATCH, locationRetentionDays: env.WORKER_LOCATION_RETENTION_DAYS },
};

let stopping = false;
let wake: (() => void) | null = null;
const pause = (ms: number) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });

async function loop() {
  console.log(`[worker] ${workerId} started: ${JOBS.length} jobs, polling every ${env.WORKER_TICK_MS} ms`);
  let scheduled = false;
  while (!stopping) {
    let busy = false;
    try {
      if (!scheduled) {
        await defineSchedules(db, JOBS);
        scheduled = true;
      }
      const results = await runDueJobs(ctx, JOBS, { workerId });
      busy = results.length > 0;
      for (const r of results) {
        if (!r.ok) console.error(`[worker] ${r.name} failed: ${r.note}`);
        else if (r.note) console.log(`[worker] ${r.name}: ${r.note}`);
      }
    } catch (error) {
      // The database may still be starting (pnpm dev) or briefly away; try again next tick.
      console.error(`[worker] tick failed: ${(error as Error).message}`);
    }
    // Drain back-to-back while there is work; otherwise wait for the next tick.
    if (!busy && !stopping) await pause(env.WORKER_TICK_MS);
  }
  await db.$close();
  console.log("[worker] stopped");
}

const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log("[worker] stopping after the job in hand…");
  wake?.();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
void loop();
