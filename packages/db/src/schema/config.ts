// Versioned configuration (pricing, dispatch, geo): every change is a new version; exactly one
// version per key is active, and activating or rolling back is audited.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { createdAt, id, timestamptz } from "./_columns";
import { users } from "./identity";

export const configVersions = pgTable(
  "config_versions",
  {
    id: id(),
    key: text().notNull(),
    version: integer().notNull(),
    value: jsonb().$type<Record<string, unknown>>().notNull(),
    active: boolean().notNull().default(false),
    note: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
    activatedAt: timestamptz(),
  },
  (t) => [
    unique("config_versions_key_version_key").on(t.key, t.version),
    uniqueIndex("config_versions_one_active")
      .on(t.key)
      .where(sql`${t.active}`),
    check("config_versions_version_positive", sql`${t.version} >= 1`),
  ],
);
