// The databases a benchmark runs on: a fresh in-memory PGlite + PostGIS always, and the
// PostgreSQL named by BENCH_DATABASE_URL when set (an empty database it may fill and wipe).
// Never the dev or test data. BENCH_BACKEND=pglite or =postgres runs just that one.
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { createDb } from "@lastmile/db/client";
import { createPglite, drizzlePglite } from "@lastmile/db/embedded";
import { runMigrations } from "@lastmile/db/migrate";
import { assertLocalDatabase } from "@lastmile/db/testing";

import { progress } from "./report";

export type TTarget = { backend: "pglite" | "postgres"; db: TDb; close: () => Promise<void> };

export async function* targets(): AsyncGenerator<TTarget> {
  const only = process.env.BENCH_BACKEND;
  if (only !== "postgres") {
    progress("pglite: starting in-memory PGlite + PostGIS and migrating");
    const pg = await createPglite();
    const lite = drizzlePglite(pg);
    await runMigrations(lite);
    yield { backend: "pglite", db: lite, close: () => pg.close() };
    await pg.close();
  }
  if (only === "pglite") return;

  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    process.stderr.write(
      "  (postgres cases skipped: set BENCH_DATABASE_URL to an empty local database)\n",
    );
    return;
  }
  assertLocalDatabase(url);
  progress("postgres: resetting the bench database and migrating");
  const db = createDb({ url, max: 2 });
  await db.execute(sql`drop schema if exists drizzle cascade`);
  await db.execute(sql`drop schema if exists public cascade`);
  await db.execute(sql`create schema public`);
  await runMigrations(db);
  yield { backend: "postgres", db, close: () => db.$close() };
  await db.$close();
}
