// A merchant paused "for 30 minutes" opens again by itself when the time is up.
import { and, eq, lte, sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { auditLog, merchants } from "@lastmile/db/schema";

export async function resumePausedMerchants(db: TDbOrTx, now: Date = new Date()) {
  return db.transaction(async (tx) => {
    const resumed = await tx
      .update(merchants)
      .set({ availability: "open", pausedUntil: null })
      .where(and(eq(merchants.availability, "paused"), lte(merchants.pausedUntil, now)))
      .returning({ id: merchants.id, name: merchants.name });
    if (resumed.length) {
      await tx.insert(auditLog).values(
        resumed.map((m) => ({
          actorRole: "system",
          action: "merchant.auto_resume",
          entityType: "merchant",
          entityId: m.id,
          before: { availability: "paused" },
          after: { availability: "open" },
          at: sql`now()` as never,
        })),
      );
    }
    return resumed;
  });
}
