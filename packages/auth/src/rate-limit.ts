// Fixed-window rate limits kept in the database (`rate_limits`), so every portal process and
// every instance of it counts together. One atomic upsert per hit; the clock is a parameter.
import { lt, sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { rateLimits } from "@lastmile/db/schema";

export type TRateLimit = { limit: number; windowS: number };

export const RATE_LIMITS = {
  /** Password and email-link sign-in attempts from one IP, whatever the account. */
  signInPerIp: { limit: 5, windowS: 60 },
  /** Sign-ups and applications from one IP. */
  registerPerIp: { limit: 3, windowS: 60 },
  /** Requests for magic links and password resets from one IP. */
  emailLinkPerIp: { limit: 5, windowS: 60 },
  /** Emails of any kind about one address: no mailbombing someone through our forms. */
  emailsPerAddress: { limit: 3, windowS: 15 * 60 },
} as const satisfies Record<string, TRateLimit>;

export type TRateLimitResult = { allowed: boolean; hits: number; retryAfterS: number };

/** Counts one hit against `key` and says whether it is within the limit. */
export async function hitRateLimit(
  db: TDbOrTx,
  key: string,
  rule: TRateLimit,
  now: Date,
): Promise<TRateLimitResult> {
  const windowEnds = new Date(now.getTime() + rule.windowS * 1000);
  const [row] = rowsOf<{ hits: number; window_ends_at: Date | string }>(
    await db.execute(sql`
      insert into rate_limits (key, hits, window_ends_at)
      values (${key}, 1, ${windowEnds.toISOString()}::timestamptz)
      on conflict (key) do update set
        hits = case when rate_limits.window_ends_at <= ${now.toISOString()}::timestamptz
                    then 1 else rate_limits.hits + 1 end,
        window_ends_at = case when rate_limits.window_ends_at <= ${now.toISOString()}::timestamptz
                    then excluded.window_ends_at else rate_limits.window_ends_at end
      returning hits, window_ends_at`),
  );
  if (!row) throw new Error("rate limit upsert returned nothing");
  const hits = Number(row.hits);
  const endsAt = new Date(row.window_ends_at).getTime();
  const allowed = hits <= rule.limit;
  return {
    allowed,
    hits,
    retryAfterS: allowed ? 0 : Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)),
  };
}

/** Deletes windows that ended before `now` (the worker may call this now and then). */
export async function pruneRateLimits(db: TDbOrTx, now: Date) {
  await db.delete(rateLimits).where(lt(rateLimits.windowEndsAt, now));
}
