// pusher-js's browser build in Chromium against the embedded Pusher-protocol server. First on a
// tiny page the spec serves (a private channel authorised by a JSON post, an event published with
// the pusher SDK, a reconnect after the server drops the socket); then inside the built customer
// portal, signed in, through its real /api/pusher/auth and the harness's realtime server.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { orderChannel, parseChannel } from "@lastmile/realtime/channels";
import { publicClientConfig } from "@lastmile/realtime/client";
import { authorizeChannel, pusherSdk } from "@lastmile/realtime/publisher";
import { startRealtimeServer } from "@lastmile/realtime/server";
import type { TRealtimeServer } from "@lastmile/realtime/server";

import { signIn } from "../auth";
import { e2eDb } from "../db";
import { portalUrl } from "../portals";

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

test("a signed-in customer follows their own order through the portal's /api/pusher/auth, and no one else's", async ({
  page,
}) => {
  const db = e2eDb();
  const order = async (mine: boolean) => {
    const [row] = rowsOf<{ id: string }>(
      await db.execute(
        sql`select o.id from orders o join users u on u.id = o.customer_id where (u.email = 'customer@lastmile.dev') = ${mine} order by o.placed_at desc limit 1`,
      ),
    );
    if (!row)
      throw new Error(`the seed has no order ${mine ? "of" : "not of"} customer@lastmile.dev`);
    return row.id;
  };
  const [mine, theirs] = [await order(true), await order(false)];
  await db.$close();

  await signIn(page, "customer@lastmile.dev", { portal: "customer" });
  // The portal's CSP allows inline scripts and ws: connections, as the portals' own bundle needs.
  await page.addScriptTag({ content: pusherJs });
  const config = publicClientConfig();
  const outcomes = await page.evaluate(
    ({ config, channels }) => {
      type TWindow = {
        Pusher: new (
          key: string,
          options: object,
        ) => { subscribe: (c: string) => { bind: (e: string, f: (d: unknown) => void) => void } };
        received: unknown[];
      };
      const w = window as unknown as TWindow;
      w.received = [];
      const pusher = new w.Pusher(config.key, {
        cluster: "embedded",
        wsHost: config.host,
        wsPort: config.port,
        wssPort: config.port,
        forceTLS: config.tls ?? false,
        enabledTransports: ["ws", "wss"],
        disableStats: true,
        // What @lastmile/realtime/client's jsonChannelAuthorizer sends.
        channelAuthorization: {
          customHandler: (
            p: { socketId: string; channelName: string },
            callback: (e: Error | null, d: unknown) => void,
          ) => {
            fetch("/api/pusher/auth", {
              method: "POST",
              credentials: "same-origin",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ socket_id: p.socketId, channel_name: p.channelName }),
            })
              .then(async (res) => {
                const body = (await res.json()) as { auth?: string; error?: { message: string } };
                if (!body.auth) throw new Error(body.error?.message ?? String(res.status));
                callback(null, body);
              })
              .catch((error: Error) => callback(error, null));
          },
        },
      });
      return Promise.all(
        channels.map(
          (name) =>
            new Promise<string>((resolve) => {
              const ch = pusher.subscribe(name);
              ch.bind("pusher:subscription_succeeded", () => resolve("subscribed"));
              ch.bind("pusher:subscription_error", (e) =>
                resolve(`refused: ${(e as { error?: string }).error ?? "?"}`),
              );
              ch.bind("order.status", (d) => w.received.push(d));
            }),
        ),
      );
    },
    { config, channels: [orderChannel(mine), orderChannel(theirs)] },
  );
  expect(outcomes).toEqual([
    "subscribed",
    "refused: You can follow only orders you placed, prepare, carry or oversee.",
  ]);
  expect(page.url().startsWith(portalUrl("customer"))).toBe(true);

  // Published the way the API publishes: the pusher SDK configured from env.
  await pusherSdk().trigger(orderChannel(mine), "order.status", {
    orderId: mine,
    status: "PREPARING",
    version: 3,
  });
  await page.waitForFunction(
    () => (window as unknown as { received: unknown[] }).received.length === 1,
  );
  expect(
    await page.evaluate(() => (window as unknown as { received: unknown[] }).received),
  ).toEqual([{ orderId: mine, status: "PREPARING", version: 3 }]);
});
