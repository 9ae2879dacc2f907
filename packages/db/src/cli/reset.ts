// Starts the embedded database over: deletes its data directory, then migrates and seeds anew.
import { rmSync } from "node:fs";

import { embeddedDataDir, isEmbeddedServerRunning } from "../embedded/server";
import { env } from "../env";

if (env.DATABASE_URL) {
  console.error("db:reset only resets the embedded database; use db:seed to reseed DATABASE_URL.");
  process.exit(1);
}
if (await isEmbeddedServerRunning()) {
  console.error(
    `The embedded database is in use on port ${env.EMBEDDED_DB_PORT}: stop \`pnpm dev\` first.`,
  );
  process.exit(1);
}
const dir = embeddedDataDir();
rmSync(dir, { recursive: true, force: true });
console.log(`reset: removed ${dir}`);
await import("./seed");
