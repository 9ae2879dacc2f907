// A merchant paused "for 30 minutes" opens again by itself when the time is up.
import { and, eq, lte, sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { auditLog, merchants } from "@lastmile/db/schema";

import type { TJobDefinition } from "../runner";

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

export const resumePausedMerchantsJob: TJobDefinition = {
  name: "merchants.resume-paused",
  everyS: 15,
  async run(ctx, now) {
    const resumed = await resumePausedMerchants(ctx.db, now);
    return resumed.length ? `${resumed.map((m) => m.name).join(", ")} resumed after a pause` : null;
  },
};
