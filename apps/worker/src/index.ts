// The worker: runs Lastmile's background jobs on a steady tick until told to stop.
import { getDb } from "@lastmile/db/client";

import { env } from "./env";
import { resumePausedMerchants } from "./jobs/resume-paused-merchants";
import { logTransport, sendOutboxBatch } from "./jobs/send-outbox";

const db = getDb();
let stopping = false;

async function tick() {
  const resumed = await resumePausedMerchants(db);
  for (const m of resumed) console.log(`[worker] ${m.name} resumed after its pause`);
  const outbox = await sendOutboxBatch(db, logTransport, env.WORKER_OUTBOX_BATCH);
  if (outbox.sent) console.log(`[worker] sent ${outbox.sent} email(s) via ${logTransport.name}`);
}

async function loop() {
  console.log(`[worker] started: ticking every ${env.WORKER_TICK_MS} ms`);
  while (!stopping) {
    try {
      await tick();
    } catch (error) {
      // The database may still be starting (pnpm dev) or briefly away; try again next tick.
      console.error(`[worker] tick failed: ${(error as Error).message}`);
    }
    await new Promise((resolve) => setTimeout(resolve, env.WORKER_TICK_MS));
  }
  await db.$close();
  console.log("[worker] stopped");
}

const stop = () => {
  stopping = true;
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
void loop();
