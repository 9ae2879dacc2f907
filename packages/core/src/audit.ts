// The audit log of admin and ops actions: who did what to which record, before and after.
import type { TDbOrTx } from "@lastmile/db/client";
import { auditLog } from "@lastmile/db/schema";

export type TActorContext = { userId: string | null; role: string; ip?: string | null; userAgent?: string | null };

export async function writeAudit(
  db: TDbOrTx,
  actor: TActorContext,
  entry: { action: string; entityType: string; entityId: string | null; before?: Record<string, unknown> | null; after?: Record<string, unknown> | null },
) {
  await db.insert(auditLog).values({
    actorId: actor.userId,
    actorRole: actor.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
  });
}
