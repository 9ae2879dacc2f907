// The embedded database server: PGlite + PostGIS on a data directory under .data/, served over
// the Postgres wire protocol on 127.0.0.1:54320 so every app and the worker connect to it with
// the same driver they would use against PostgreSQL.
import net from "node:net";

import type { TDb } from "../client";
import { embeddedDatabaseUrl, env } from "../env";
import { resolveFromRoot } from "../paths";
import { createPglite, drizzlePglite } from "./pglite";
import { serveWireProtocol } from "./wire-server";

export const embeddedDataDir = () => resolveFromRoot(env.EMBEDDED_DB_DIR);

/** True when something already listens on the embedded port (another `pnpm dev`, say). */
export function isEmbeddedServerRunning(port = env.EMBEDDED_DB_PORT): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export type TEmbeddedServer = Awaited<ReturnType<typeof startEmbeddedServer>>;

export type TEmbeddedServerOptions = {
  dataDir?: string;
  port?: number;
  /** Runs in-process before the port opens (migrate, seed), so a client that can connect finds a ready database. */
  prepare?: (db: TDb) => Promise<void>;
};

export async function startEmbeddedServer(options: TEmbeddedServerOptions = {}) {
  const dataDir = options.dataDir ?? embeddedDataDir();
  const port = options.port ?? env.EMBEDDED_DB_PORT;
  const pg = await createPglite({ dataDir });
  const db = drizzlePglite(pg);
  await options.prepare?.(db);
  // PGlite has one session; the wire server lets many connections take turns on it safely.
  const server = await serveWireProtocol(pg, port);
  return {
    pg,
    db,
    url: embeddedDatabaseUrl(),
    dataDir,
    async stop() {
      await server.close();
      await pg.close();
    },
  };
}
