// Courier location history is kept for a stated retention (WORKER_LOCATION_RETENTION_DAYS,
// 30 days by default). Deleted in small batches by arrival time (BRIN-indexed) so pruning never
// holds long locks against the location ingest.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

import type { TJobDefinition } from "../runner";

export async function pruneLocationHistory(db: TDbOrTx, opts: { now: Date; retentionDays: number; batch?: number; maxBatches?: number }) {
  const cutoff = new Date(opts.now.getTime() - opts.retentionDays * 86_400_000).toISOString();
  const batch = opts.batch ?? 5000;
  let deleted = 0;
  for (let i = 0; i < (opts.maxBatches ?? 40); i++) {
    const rows = rowsOf<{ n: number }>(
      await db.execute(sql`
        with doomed as (select id from courier_locations where received_at < ${cutoff}::timestamptz limit ${batch}),
             gone as (delete from courier_locations c using doomed where c.id = doomed.id returning 1)
        select count(*)::int as n from gone`),
    );
    const n = Number(rows[0]?.n ?? 0);
    deleted += n;
    if (n < batch) break;
  }
  return { deleted, cutoff };
}

export const pruneLocationsJob: TJobDefinition = {
  name: "couriers.prune-locations",
  everyS: 3600,
  async run(ctx, now) {
    const { deleted } = await pruneLocationHistory(ctx.db, { now, retentionDays: ctx.settings.locationRetentionDays });
    return deleted ? `${deleted} location point(s) older than ${ctx.settings.locationRetentionDays} days pruned` : null;
  },
};
