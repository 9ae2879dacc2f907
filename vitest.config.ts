// One vitest run, three projects: fast unit tests, and the DB-backed integration suites against
// in-process PGlite + PostGIS and — when TEST_DATABASE_URL is set — real PostgreSQL + PostGIS.
import { defineConfig } from "vitest/config";
import type { TestProjectInlineConfiguration } from "vitest/config";

const integration = (backend: "pglite" | "postgres"): TestProjectInlineConfiguration => ({
  test: {
    name: `db:${backend}`,
    include: ["packages/*/src/**/*.integration.test.ts", "apps/*/src/**/*.integration.test.ts", "tooling/*/src/**/*.integration.test.ts"],
    // The embedded server is PGlite by definition; its suite runs once, in the PGlite project.
    exclude:
      backend === "postgres"
        ? ["packages/db/src/embedded/**", "**/node_modules/**"]
        : ["**/node_modules/**"],
    env: { LASTMILE_TEST_BACKEND: backend },
    // One worker shares one migrated database; files run one after another and reset it.
    pool: "forks",
    maxWorkers: 1,
    isolate: false,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "packages/*/src/**/*.test.ts",
            "apps/*/src/**/*.test.ts",
            "tooling/**/*.test.ts",
          ],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
        },
      },
      integration("pglite"),
      ...(process.env.TEST_DATABASE_URL ? [integration("postgres")] : []),
    ],
  },
});
