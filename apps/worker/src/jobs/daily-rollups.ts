// Daily rollups for the admin dashboard: per local day (the merchant's timezone) × merchant ×
// zone — orders, delivered, cancelled, refunded, GMV, tips, average delivery and prep times.
// Each run recomputes whole days from the orders and upserts them, so running it twice, or
// after a crash halfway, gives the same table. The first run backfills every day there is.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

import type { TJobDefinition } from "../runner";

/** Recomputes every day from `from`'s local day on; returns how many rows were written. */
export async function rollupDailyStats(db: TDbOrTx, from: Date, now: Date) {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`
      with upserted as (
        insert into daily_stats as s (day, merchant_id, zone_id, orders, delivered, cancelled, refunded, gmv_cents, tips_cents, avg_delivery_seconds, avg_prep_seconds, computed_at, updated_at)
        select (o.placed_at at time zone m.timezone)::date, o.merchant_id, o.zone_id,
               count(*),
               count(*) filter (where o.delivered_at is not null),
               count(*) filter (where o.status = 'CANCELLED'),
               count(*) filter (where o.status = 'REFUNDED'),
               coalesce(sum(o.total_cents) filter (where o.delivered_at is not null), 0),
               coalesce(sum(o.tip_cents) filter (where o.delivered_at is not null), 0),
               round(avg(extract(epoch from o.delivered_at - o.placed_at)) filter (where o.delivered_at is not null))::int,
               round(avg(extract(epoch from o.ready_at - o.accepted_at)) filter (where o.ready_at is not null and o.accepted_at is not null))::int,
               ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
        from orders o join merchants m on m.id = o.merchant_id
        -- A day east of UTC starts up to 14 h before its UTC date: the coarse bound keeps the index.
        where o.placed_at >= ${from.toISOString()}::timestamptz - interval '1 day'
          and (o.placed_at at time zone m.timezone)::date >= (${from.toISOString()}::timestamptz at time zone m.timezone)::date
        group by 1, 2, 3
        on conflict on constraint daily_stats_day_merchant_zone do update set
          orders = excluded.orders, delivered = excluded.delivered, cancelled = excluded.cancelled, refunded = excluded.refunded,
          gmv_cents = excluded.gmv_cents, tips_cents = excluded.tips_cents, avg_delivery_seconds = excluded.avg_delivery_seconds,
          avg_prep_seconds = excluded.avg_prep_seconds, computed_at = excluded.computed_at, updated_at = excluded.updated_at
        returning 1)
      select count(*)::int as n from upserted`),
  );
  return Number(rows[0]?.n ?? 0);
}

/** Yesterday and today (orders of yesterday still get delivered or refunded), or everything the first time. */
export async function rollupRecentDays(db: TDbOrTx, now: Date) {
  const [state] = rowsOf<{ any_stats: boolean; first: string | Date | null }>(
    await db.execute(sql`select exists (select 1 from daily_stats) as any_stats, (select min(placed_at) from orders) as first`),
  );
  if (!state?.first) return 0;
  const from = state.any_stats ? new Date(now.getTime() - 2 * 86_400_000) : new Date(state.first);
  return rollupDailyStats(db, from, now);
}

export const dailyRollupsJob: TJobDefinition = {
  name: "stats.daily-rollups",
  everyS: 600,
  async run(ctx, now) {
    const n = await rollupRecentDays(ctx.db, now);
    return n ? `${n} daily stat row(s) recomputed` : null;
  },
};
