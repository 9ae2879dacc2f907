import type { Config } from "drizzle-kit";

export default {
  schema: "./src/schema/index.ts",
  out: "./migrations",
  dialect: "postgresql",
  casing: "snake_case",
  extensionsFilters: ["postgis"],
  dbCredentials: {
    // Studio connects to the same database the platform uses; generation needs none.
    url:
      process.env.DATABASE_URL ??
      `postgres://postgres:postgres@127.0.0.1:${process.env.EMBEDDED_DB_PORT ?? 54320}/postgres`,
  },
} satisfies Config;
