// pusher-js's browser build in Chromium against the embedded Pusher-protocol server: a private
// channel authorised by a JSON post from the page (what the portals' client sends to
// /api/pusher/auth), an event published with the pusher SDK, and a reconnect after the server
// drops the socket. A tiny page served by the spec keeps this independent of any portal screen.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, test } from "@playwright/test";

import { orderChannel, parseChannel } from "@lastmile/realtime/channels";
import { authorizeChannel, pusherSdk } from "@lastmile/realtime/publisher";
import { startRealtimeServer } from "@lastmile/realtime/server";
import type { TRealtimeServer } from "@lastmile/realtime/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const pusherJs = readFileSync(
  createRequire(path.join(root, "packages/realtime/package.json")).resolve(
    "pusher-js/dist/web/pusher.min.js",
  ),
  "utf8",
);

const APP = { id: "e2e-browser", key: "e2e-browser-key", secret: "e2e-browser-secret" };
const CHANNEL = orderChannel("3b241101-e2bb-4255-8caf-4136c566a962");

let realtime: TRealtimeServer;
let pageServer: http.Server;
let pageUrl: string;
/** What each channel-authorisation request looked like when it reached the page's server. */
const authRequests: { contentType: string | undefined; origin: string | undefined }[] = [];

const connection = () => ({
  appId: APP.id,
  key: APP.key,
  secret: APP.secret,
  host: "127.0.0.1",
  port: realtime.port,
  useTLS: false,
});

function page(wsPort: number) {
  // The same pusher-js options and JSON authoriser as @lastmile/realtime/client.
  return `<!doctype html><meta charset="utf-8"><title>realtime</title>
<script src="/pusher.min.js"></script>
<script>
  window.received = [];
  window.subscriptions = 0;
  window.pusher = new Pusher(${JSON.stringify(APP.key)}, {
    cluster: "embedded", wsHost: "127.0.0.1", wsPort: ${wsPort}, wssPort: ${wsPort}, forceTLS: false,
    enabledTransports: ["ws", "wss"], disableStats: true,
    channelAuthorization: { customHandler: ({ socketId, channelName }, callback) => {
      fetch("/api/pusher/auth", { method: "POST", credentials: "same-origin", headers: { "content-type": "application/json" },
        body: JSON.stringify({ socket_id: socketId, channel_name: channelName }) })
        .then(async (res) => { const body = await res.json(); if (!res.ok) throw new Error(body.error.message); callback(null, body); })
        .catch((error) => callback(error, null));
    } },
  });
  const channel = window.pusher.subscribe(${JSON.stringify(CHANNEL)});
  channel.bind("pusher:subscription_succeeded", () => { window.subscriptions++; });
  channel.bind("order.status", (data) => { window.received.push(data); });
</script>`;
}

test.beforeAll(async () => {
  realtime = await startRealtimeServer({ port: 0, apps: [APP] });
  pageServer = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === "/pusher.min.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(pusherJs);
    } else if (req.method === "POST" && req.url === "/api/pusher/auth") {
      authRequests.push({ contentType: req.headers["content-type"], origin: req.headers.origin });
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const { socket_id, channel_name } = JSON.parse(body) as {
          socket_id: string;
          channel_name: string;
        };
        if (!parseChannel(channel_name))
          return void res.writeHead(400).end(JSON.stringify({ error: { message: "not ours" } }));
        res
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify(authorizeChannel(socket_id, channel_name, undefined, connection())));
      });
    } else {
      res.writeHead(200, { "content-type": "text/html" }).end(page(realtime.port));
    }
  });
  await new Promise<void>((resolve) => pageServer.listen(0, "127.0.0.1", resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => pageServer.close(() => resolve()));
  await realtime.close();
});

test("Chromium receives a published event on a private channel, and again after a reconnect", async ({
  page,
}) => {
  await page.goto(pageUrl);
  await page.waitForFunction(
    () => (window as unknown as { subscriptions: number }).subscriptions === 1,
  );
  // The authoriser posted JSON from the page's own origin: what /api/pusher/auth's CSRF check accepts.
  expect(authRequests.at(-1)).toEqual({
    contentType: "application/json",
    origin: pageUrl.replace(/\/$/, ""),
  });

  const sdk = pusherSdk(connection());
  await sdk.trigger(CHANNEL, "order.status", {
    orderId: "3b241101-e2bb-4255-8caf-4136c566a962",
    status: "ACCEPTED",
    version: 2,
  });
  await page.waitForFunction(
    () => (window as unknown as { received: unknown[] }).received.length === 1,
  );

  // The server drops the socket (a deploy, a flaky network): pusher-js reconnects and subscribes again.
  const socketId = await page.evaluate(
    () =>
      (window as unknown as { pusher: { connection: { socket_id: string } } }).pusher.connection
        .socket_id,
  );
  expect(realtime.hub().disconnect(socketId)).toBe(true);
  await page.waitForFunction(
    () => (window as unknown as { subscriptions: number }).subscriptions === 2,
  );
  await sdk.trigger(CHANNEL, "order.status", {
    orderId: "3b241101-e2bb-4255-8caf-4136c566a962",
    status: "PREPARING",
    version: 3,
  });
  await page.waitForFunction(
    () => (window as unknown as { received: unknown[] }).received.length === 2,
  );
  expect(
    await page.evaluate(() =>
      (window as unknown as { received: { status: string }[] }).received.map((r) => r.status),
    ),
  ).toEqual(["ACCEPTED", "PREPARING"]);
  expect(authRequests).toHaveLength(2);
});
