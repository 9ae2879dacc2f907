// Test databases: PostGIS for real, never a mock. By default an in-process PGlite + PostGIS
// (one per test worker, migrated once); with LASTMILE_TEST_BACKEND=postgres, the PostgreSQL
// named by TEST_DATABASE_URL — which must be local, since the suites wipe it.
import { sql } from "drizzle-orm";

import type { TDb } from "./client";
import { createDb } from "./client";
import { createPglite, drizzlePglite } from "./embedded/pglite";
import { env } from "./env";
import { runMigrations } from "./migrate";
import { clearData } from "./clear";

export type TTestBackend = "pglite" | "postgres";
export type TTestDb = { db: TDb; backend: TTestBackend; close: () => Promise<void> };

export const testBackend = (): TTestBackend => env.LASTMILE_TEST_BACKEND;

/** Refuses any database that is not on this machine: tests truncate everything they touch. */
export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(
      `Refusing to run tests against ${host}: TEST_DATABASE_URL must point at a local throwaway database.`,
    );
  }
}

async function openTestDb(): Promise<TTestDb> {
  if (testBackend() === "postgres") {
    const url = env.TEST_DATABASE_URL;
    if (!url) throw new Error("LASTMILE_TEST_BACKEND=postgres needs TEST_DATABASE_URL");
    assertLocalDatabase(url);
    const db = createDb({ url, max: 8 });
    // Start from an empty database so migrations are proven from scratch on every run.
    await db.execute(sql`drop schema if exists drizzle cascade`);
    await db.execute(sql`drop schema if exists public cascade`);
    await db.execute(sql`create schema public`);
    await runMigrations(db);
    return { db, backend: "postgres", close: () => db.$close() };
  }
  const pg = await createPglite();
  const db = drizzlePglite(pg);
  await runMigrations(db);
  return { db, backend: "pglite", close: () => pg.close() };
}

const key = Symbol.for("lastmile.testDb");
type TGlobal = typeof globalThis & { [key]?: Promise<TTestDb> };

/** The worker's shared test database, migrated on first use. */
export function getTestDb(): Promise<TTestDb> {
  const g = globalThis as TGlobal;
  g[key] ??= openTestDb();
  return g[key];
}

/** Empties every table between test files (TRUNCATE … CASCADE), keeping the schema. */
export async function resetTestDb(db: TDb) {
  await clearData(db);
}

/** Row count of a table, for asserting that a rejected write changed nothing. */
export async function countRows(db: TDb, table: string): Promise<number> {
  const result = await db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  const rows = Array.isArray(result) ? result : (result as { rows: { n: number }[] }).rows;
  return Number((rows[0] as { n: number }).n);
}
