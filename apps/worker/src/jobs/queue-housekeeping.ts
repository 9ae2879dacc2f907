// Failed jobs stay for inspection with their last error, then are forgotten after two weeks.
import { pruneFailedJobs } from "@lastmile/db/queue";

import type { TJobDefinition } from "../runner";

export const queueHousekeepingJob: TJobDefinition = {
  name: "jobs.housekeeping",
  everyS: 3600,
  async run(ctx, now) {
    const n = await pruneFailedJobs(ctx.db, now, 14);
    return n ? `${n} failed job(s) older than 14 days forgotten` : null;
  },
};
