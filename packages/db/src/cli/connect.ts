// How the database CLIs reach a database: DATABASE_URL if set; else the running embedded
// server; else the embedded data directory opened in-process (never both at once, since two
// PGlite instances on one directory would corrupt it).
import type { TDb } from "../client";
import { createDb } from "../client";
import { createPglite, drizzlePglite } from "../embedded/pglite";
import { embeddedDataDir, isEmbeddedServerRunning } from "../embedded/server";
import { env } from "../env";

export async function connectForCli(): Promise<{
  db: TDb;
  label: string;
  close: () => Promise<void>;
}> {
  if (env.DATABASE_URL || (await isEmbeddedServerRunning())) {
    const db = createDb({ max: 4 });
    return {
      db,
      label: env.DATABASE_URL ? "DATABASE_URL" : "embedded server",
      close: () => db.$close(),
    };
  }
  const dir = embeddedDataDir();
  console.log(`database: opening embedded PGlite + PostGIS at ${dir} …`);
  const pg = await createPglite({ dataDir: dir });
  return { db: drizzlePglite(pg), label: `embedded (${dir})`, close: () => pg.close() };
}
