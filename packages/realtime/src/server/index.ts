// The embedded Pusher-protocol server `pnpm dev`, the e2e run and the tests use in place of
// Pusher Channels: one HTTP server on 127.0.0.1 carrying the WebSocket endpoint
// (`/app/{key}?protocol=7`, protocol.ts) and the signed HTTP API (`/apps/{id}/…`, http-api.ts).
// Single process, in memory: for development and tests, not for production traffic.
import http from "node:http";
import type { AddressInfo } from "node:net";

import { WebSocketServer } from "ws";

import { DEV_APP, EMBEDDED_HOST, EMBEDDED_PORT } from "../env";
import { handleHttpApi } from "./http-api";
import { AppHub } from "./protocol";
import type { THubOptions } from "./protocol";
import type { TApp } from "./signatures";

export type { TApp } from "./signatures";
export { signChannel } from "./signatures";

export type TRealtimeServerOptions = Partial<THubOptions> & {
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  apps?: TApp[];
};

export type TRealtimeServer = {
  host: string;
  port: number;
  /** The hub of one app (the first by default), for tests that act as the server. */
  hub: (appId?: string) => AppHub;
  close: () => Promise<void>;
};

const SUPPORTED_PROTOCOLS = new Set(["5", "6", "7"]);

export async function startRealtimeServer(
  options: TRealtimeServerOptions = {},
): Promise<TRealtimeServer> {
  const apps = options.apps ?? [DEV_APP];
  const hubOptions: THubOptions = {
    activityTimeoutS: options.activityTimeoutS ?? 120,
    pongTimeoutMs: options.pongTimeoutMs ?? 30_000,
  };
  const hubs = new Map(apps.map((a) => [a.id, new AppHub(a, hubOptions)]));
  const byKey = new Map([...hubs.values()].map((h) => [h.app.key, h]));

  const server = http.createServer((req, res) => {
    handleHttpApi(req, res, hubs).then(
      (handled) => {
        if (handled) return;
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end(
          "Lastmile embedded realtime server: WebSocket /app/{key}?protocol=7, HTTP API /apps/{id}/events",
        );
      },
      (error: unknown) => {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(String(error));
      },
    );
  });
  // A frame is a 10 KB message plus its envelope; anything much bigger is not a Pusher client.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on("upgrade", (req, socket, head) => {
    const url = new URL(req.url ?? "/", "http://embedded");
    const m = /^\/app\/([^/]+)$/.exec(url.pathname);
    if (!m) {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const key = decodeURIComponent(m[1] as string);
      const hub = byKey.get(key);
      // Refusals follow the protocol: a pusher:error with the code, then a close with the same
      // code, which pusher-js reads as "do not retry" (4000–4099).
      const refuse = (code: number, message: string) => {
        ws.send(JSON.stringify({ event: "pusher:error", data: { code, message } }));
        ws.close(code, message.slice(0, 120));
      };
      if (!hub) return refuse(4001, `App key "${key}" does not exist on this server`);
      const protocol = url.searchParams.get("protocol");
      if (protocol !== null && !SUPPORTED_PROTOCOLS.has(protocol))
        return refuse(4007, `Unsupported protocol version ${protocol}; use 7`);
      hub.accept(ws);
    });
  });

  const host = options.host ?? EMBEDDED_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? EMBEDDED_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    host,
    port,
    hub: (appId) => {
      const hub = appId ? hubs.get(appId) : hubs.values().next().value;
      if (!hub) throw new Error(`No app "${appId ?? ""}" on this server`);
      return hub;
    },
    close: async () => {
      for (const h of hubs.values()) h.closeAll(4200, "Server shutting down");
      // Give the close frames a moment to leave, then cut whatever is left.
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const c of wss.clients) c.terminate();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
