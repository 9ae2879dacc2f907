// Runs the embedded database for `pnpm dev`: PGlite + PostGIS on 127.0.0.1:54320, migrated,
// seeded with the demo city on first start and reused afterwards.
import { sql } from "drizzle-orm";

import { rowsOf } from "../client";
import { startEmbeddedServer } from "../embedded/server";
import { env } from "../env";
import { runMigrations } from "../migrate";
import { seedDemoCity } from "../seed";

const log = (line: string) => console.log(line);
const started = Date.now();
log(`database: starting embedded PGlite + PostGIS …`);
const server = await startEmbeddedServer();
log(`database: listening on 127.0.0.1:${env.EMBEDDED_DB_PORT} (data in ${server.dataDir})`);
await runMigrations(server.db, log);
const merchants = rowsOf<{ n: number }>(await server.db.execute(sql`select count(*)::int as n from merchants`))[0]?.n ?? 0;
if (merchants === 0) {
  log("database: empty — seeding the demo city (first start only)");
  await seedDemoCity(server.db, { log });
}
log(`database: ready in ${((Date.now() - started) / 1000).toFixed(1)} s — ${server.url}`);

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
