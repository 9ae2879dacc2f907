// Applies the committed SQL migrations (drizzle-kit generated, plus the custom one that creates
// the extensions), printing which ones run. Works on postgres.js and PGlite alike.
import { readFileSync } from "node:fs";
import path from "node:path";

import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";

import type { TDb } from "./client";
import { rowsOf } from "./client";
import { migrationsFolder } from "./paths";

type TJournal = { entries: { idx: number; tag: string; when: number }[] };

export function migrationJournal(): TJournal {
  return JSON.parse(
    readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8"),
  ) as TJournal;
}

async function appliedCount(db: TDb): Promise<number> {
  const exists = rowsOf<{ t: string | null }>(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`),
  )[0]?.t;
  if (!exists) return 0;
  const row = rowsOf<{ n: number | string }>(
    await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
  )[0];
  return Number(row?.n ?? 0);
}

export type TLog = (line: string) => void;

export async function runMigrations(db: TDb, log: TLog = () => undefined) {
  const { entries } = migrationJournal();
  const done = await appliedCount(db);
  const pending = entries.slice(done);
  if (pending.length === 0) {
    log(`migrations: up to date (${entries.length} applied)`);
    return { applied: 0 };
  }
  pending.forEach((e, i) => log(`migrations: [${i + 1}/${pending.length}] ${e.tag}`));
  const started = Date.now();
  // Both drivers' migrators share one implementation over the dialect; the postgres-js
  // entry point accepts any Drizzle pg database.
  await migratePg(db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder });
  log(`migrations: applied ${pending.length} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { applied: pending.length };
}
