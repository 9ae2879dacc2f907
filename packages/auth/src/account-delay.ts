// The growing delay per account: after a few wrong passwords for one email address, the next
// attempt is refused until a wait that doubles with each further failure has passed. Counted by
// address, whether or not an account has it, so the delay itself reveals nothing.
import { eq, sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { authFailures } from "@lastmile/db/schema";

/** Failures allowed before any wait (typos happen). */
export const FREE_FAILURES = 2;
export const MAX_DELAY_S = 15 * 60;
/** Failures older than this are forgotten: the count starts again. */
export const FORGET_AFTER_S = 24 * 60 * 60;

/** Seconds to wait after `failures` consecutive failures: 0, 0, 2, 4, 8, … up to 15 minutes. */
export function delayAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (failures - FREE_FAILURES));
}

export const emailKey = (email: string) => email.trim().toLowerCase();

/** Seconds this address must still wait before another password attempt (0 = go ahead). */
export async function accountWaitS(db: TDbOrTx, email: string, now: Date): Promise<number> {
  const [row] = await db
    .select()
    .from(authFailures)
    .where(eq(authFailures.emailLower, emailKey(email)));
  if (!row) return 0;
  const until = row.lastFailureAt.getTime() + delayAfterFailures(row.failures) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

export async function recordFailure(db: TDbOrTx, email: string, now: Date): Promise<number> {
  const [row] = await db
    .insert(authFailures)
    .values({ emailLower: emailKey(email), failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: authFailures.emailLower,
      set: {
        failures: sql`case when ${authFailures.lastFailureAt} < ${new Date(now.getTime() - FORGET_AFTER_S * 1000).toISOString()}::timestamptz then 1 else ${authFailures.failures} + 1 end`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: authFailures.failures });
  return row?.failures ?? 1;
}

export async function clearFailures(db: TDbOrTx, email: string) {
  await db.delete(authFailures).where(eq(authFailures.emailLower, emailKey(email)));
}
