// The audit log: who did what to which record, with before/after and where from.
import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";

import { createdAt, id } from "./_columns";
import { users } from "./identity";

export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    actorId: uuid().references(() => users.id),
    actorRole: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb().$type<Record<string, unknown>>(),
    after: jsonb().$type<Record<string, unknown>>(),
    ip: text(),
    userAgent: text(),
    at: createdAt(),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId, t.at),
    index("audit_log_at_idx").on(t.at),
  ],
);
