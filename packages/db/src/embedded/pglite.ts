// In-process PGlite with the extensions Lastmile needs (PostGIS, pg_trgm, pgcrypto). Used by the
// embedded server and by the tests; the apps reach it only through the socket server.
import { mkdirSync } from "node:fs";

import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { postgis } from "@electric-sql/pglite-postgis";
import { drizzle } from "drizzle-orm/pglite";

import type { TDb } from "../client";
import * as schema from "../schema";

export type TPgliteOptions = { dataDir?: string; loadDataDir?: Blob | File };

export async function createPglite(options: TPgliteOptions = {}) {
  if (options.dataDir && !options.dataDir.startsWith("memory://"))
    mkdirSync(options.dataDir, { recursive: true });
  return PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { postgis, pg_trgm, pgcrypto },
  });
}

export function drizzlePglite(client: PGlite): TDb {
  return drizzle({ client, schema, casing: "snake_case" }) as unknown as TDb;
}

export type { PGlite };
