// Things we must tell the outside world exactly once: the transactional email outbox (written
// in the same transaction as the change it announces, sent by the worker) and the webhook
// events we have already processed (so a replay changes nothing).
import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";

import { createdAt, id, timestamptz } from "./_columns";

export const emailStatusEnum = pgEnum("email_status", ["pending", "sending", "sent", "failed"]);

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: id(),
    toAddress: text().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>(),
    status: emailStatusEnum().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    lastError: text(),
    providerMessageId: text(),
    sendAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamptz(),
    createdAt: createdAt(),
  },
  (t) => [
    index("email_outbox_pending_idx")
      .on(t.sendAfter)
      .where(sql`${t.status} = 'pending'`),
    check("email_outbox_attempts_range", sql`${t.attempts} between 0 and 20`),
  ],
);

export const processedWebhookEvents = pgTable(
  "processed_webhook_events",
  {
    id: id(),
    provider: text().notNull(),
    eventId: text().notNull(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>(),
    receivedAt: createdAt(),
    processedAt: timestamptz(),
  },
  (t) => [unique("processed_webhook_events_provider_event_key").on(t.provider, t.eventId)],
);
