// The one way the platform gets a database: `createDb()` connects to DATABASE_URL when it is
// set and to the embedded PGlite + PostGIS server (127.0.0.1:54320) otherwise. Both speak the
// Postgres wire protocol, so the same postgres.js driver serves both.
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

import { databaseUrl, env } from "./env";
import * as schema from "./schema";

export type TSchema = typeof schema;
/** Any Drizzle database over our schema: postgres.js in the apps, in-process PGlite in tests. */
export type TDb = PgDatabase<PgQueryResultHKT, TSchema, ExtractTablesWithRelations<TSchema>>;
export type TTx = Parameters<Parameters<TDb["transaction"]>[0]>[0];
/** Query functions take either a database or a transaction. */
export type TDbOrTx = TDb | TTx;

export type TCreateDbOptions = {
  url?: string;
  max?: number;
  onNotice?: boolean;
  /** Whether the URL is the embedded server; guessed from the port when not given. */
  embedded?: boolean;
};

export function createDb(options: TCreateDbOptions = {}) {
  const url = options.url ?? databaseUrl();
  // The embedded server runs every connection on one PGlite session, where named prepared
  // statements from different connections would collide; PostgreSQL keeps them per connection.
  const embedded =
    options.embedded ?? (!env.DATABASE_URL && new URL(url).port === String(env.EMBEDDED_DB_PORT));
  const client = postgres(url, {
    max: options.max ?? env.DB_POOL_MAX,
    prepare: !embedded,
    // Ids and amounts stay exact; bigint counts come back as numbers where they fit.
    types: { bigint: postgres.BigInt },
    onnotice: options.onNotice ? undefined : () => undefined,
    // PostGIS functions are costed high, so spatial plans cross jit_above_cost and spend more in
    // compiling than in running (docs/benchmarks.md); PGlite has no JIT to turn off.
    connection: embedded ? { application_name: "lastmile" } : { application_name: "lastmile", jit: "off" },
  });
  const db = drizzle({ client, schema, casing: "snake_case" });
  return Object.assign(db as unknown as TDb, { $close: () => client.end({ timeout: 5 }) });
}

export type TDbHandle = ReturnType<typeof createDb>;

/** Drivers shape raw results differently; this returns the rows of `db.execute` either way. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

export { schema };

const globalForDb = globalThis as typeof globalThis & { lastmileDb?: TDbHandle };

/** One pool per process (kept across Next's hot reloads in development). */
export function getDb(): TDbHandle {
  globalForDb.lastmileDb ??= createDb();
  return globalForDb.lastmileDb;
}
