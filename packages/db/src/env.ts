// Database configuration. Without DATABASE_URL the platform runs on the embedded
// PGlite + PostGIS server, so a fresh clone needs no setup.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    DATABASE_URL: z.url().optional(),
    EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(54320),
    EMBEDDED_DB_DIR: z.string().default(".data/pglite"),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
    /** Tests: which backend the DB-backed suites run on, and the PostgreSQL they may wipe. */
    LASTMILE_TEST_BACKEND: z.enum(["pglite", "postgres"]).default("pglite"),
    TEST_DATABASE_URL: z.url().optional(),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});

/** The URL of the embedded server; pglite-socket ignores credentials and database name. */
export const embeddedDatabaseUrl = () =>
  `postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_DB_PORT}/postgres`;

export const databaseUrl = () => env.DATABASE_URL ?? embeddedDatabaseUrl();
