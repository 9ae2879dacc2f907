// Runs the embedded database for `pnpm dev`: PGlite + PostGIS on 127.0.0.1:54320, migrated,
// seeded with the demo city on first start and reused afterwards. The port opens only once the
// database is ready, so anything that can connect finds it migrated and seeded.
import { rmSync } from "node:fs";

import { sql } from "drizzle-orm";

import { rowsOf } from "../client";
import { embeddedDataDir, startEmbeddedServer } from "../embedded/server";
import { env } from "../env";
import { runMigrations } from "../migrate";
import { seedDemoCity } from "../seed";

const log = (line: string) => console.log(line);
const started = Date.now();
// The end-to-end tests ask for a brand-new database on every run.
if (process.argv.includes("--fresh")) rmSync(embeddedDataDir(), { recursive: true, force: true });
log(`database: starting embedded PGlite + PostGIS (data in ${embeddedDataDir()}) …`);
const server = await startEmbeddedServer({
  async prepare(db) {
    await runMigrations(db, log);
    const merchants =
      rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from merchants`))[0]
        ?.n ?? 0;
    if (merchants === 0) {
      log("database: empty — seeding the demo city (first start only)");
      await seedDemoCity(db, { log });
    }
  },
});
log(
  `database: ready on 127.0.0.1:${env.EMBEDDED_DB_PORT} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  log("database: stopping (flushing the data directory) …");
  await server.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
