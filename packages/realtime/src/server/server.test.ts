// The embedded server against the unmodified `pusher` SDK and `pusher-js` (Node build): if these
// pass, the portals' browser client and the publisher talk to it as they would to Pusher.
import PusherSdk from "pusher";
import type Pusher from "pusher-js";
import type { Channel, ChannelAuthorizationHandler, PresenceChannel } from "pusher-js";
import { WebSocket } from "ws";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { createRealtimeClient } from "../client";
import { createPusherPublisher } from "../publisher";
import { startRealtimeServer } from "./index";
import type { TRealtimeServer } from "./index";

const APP = { id: "test-app", key: "test-key", secret: "test-secret-0123456789" };
let server: TRealtimeServer;
const clients: Pusher[] = [];

beforeAll(async () => {
  server = await startRealtimeServer({
    port: 0,
    apps: [APP],
    activityTimeoutS: 1,
    pongTimeoutMs: 300,
  });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(() => server.close());

/** Resolves with the first value `register` hands over, or fails naming what never happened. */
function waitFor<T>(
  what: string,
  register: (done: (value: T) => void) => void,
  ms = 5000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)),
      ms,
    );
    register((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

const sdk = (secret = APP.secret) =>
  new PusherSdk({
    appId: APP.id,
    key: APP.key,
    secret,
    host: "127.0.0.1",
    port: String(server.port),
    useTLS: false,
  });

/** Signs like a portal's /api/pusher/auth would, with the SDK (or with a wrong secret). */
const signWith =
  (
    secret: string,
    presence?: { user_id: string; user_info?: Record<string, unknown> },
  ): ChannelAuthorizationHandler =>
  ({ socketId, channelName }, callback) =>
    callback(
      null,
      sdk(secret).authorizeChannel(
        socketId,
        channelName,
        channelName.startsWith("presence-") ? presence : undefined,
      ),
    );

function client(options: { key?: string; authorize?: ChannelAuthorizationHandler } = {}) {
  const c = createRealtimeClient(
    { key: options.key ?? APP.key, host: "127.0.0.1", port: server.port, tls: false },
    { authorize: options.authorize ?? signWith(APP.secret) },
  );
  clients.push(c);
  return c;
}

const subscribed = (ch: Channel) =>
  waitFor<unknown>(`subscription to ${ch.name}`, (done) =>
    ch.bind("pusher:subscription_succeeded", done),
  );
const received = <T = unknown>(ch: Channel, event: string) =>
  waitFor<T>(`"${event}" on ${ch.name}`, (done) => ch.bind(event, done));

describe("embedded Pusher-protocol server", () => {
  it("greets with a socket id and an activity timeout", async () => {
    const c = client();
    await waitFor("connected", (done) => c.connection.bind("connected", done));
    expect(c.connection.socket_id).toMatch(/^\d+\.\d+$/);
  });

  it("delivers SDK events on a public channel", async () => {
    const ch = client().subscribe("public-news");
    await subscribed(ch);
    const got = received<{ hello: string }>(ch, "greeting");
    await sdk().trigger("public-news", "greeting", { hello: "world" });
    expect(await got).toEqual({ hello: "world" });
  });

  it("delivers on a private channel authorised with the SDK's signature", async () => {
    const ch = client().subscribe("private-order-1");
    await subscribed(ch);
    const got = received(ch, "order.status");
    await sdk().trigger("private-order-1", "order.status", { status: "ACCEPTED" });
    expect(await got).toEqual({ status: "ACCEPTED" });
  });

  it("refuses a private subscription signed with the wrong secret", async () => {
    const ch = client({ authorize: signWith("not-the-secret") }).subscribe("private-order-2");
    const error = await waitFor<{ status?: number; error?: string }>("subscription_error", (done) =>
      ch.bind("pusher:subscription_error", done),
    );
    expect(error.status).toBe(401);
    expect(error.error).toMatch(/Invalid signature/);
    expect(server.hub().subscriptionCount("private-order-2")).toBe(0);
  });

  it("tracks presence members as they join and leave", async () => {
    const alice = client({
      authorize: signWith(APP.secret, { user_id: "alice", user_info: { name: "Alice" } }),
    }).subscribe("presence-room") as PresenceChannel;
    await subscribed(alice);
    const joined = waitFor<{ id: string; info: unknown }>("member_added", (done) =>
      alice.bind("pusher:member_added", done),
    );
    const bobClient = client({
      authorize: signWith(APP.secret, { user_id: "bob", user_info: { name: "Bob" } }),
    });
    const bob = bobClient.subscribe("presence-room") as PresenceChannel;
    await subscribed(bob);
    expect(await joined).toEqual({ id: "bob", info: { name: "Bob" } });
    expect(bob.members.count).toBe(2);
    expect(bob.members.get("alice")).toEqual({ id: "alice", info: { name: "Alice" } });
    const left = waitFor<{ id: string }>("member_removed", (done) =>
      alice.bind("pusher:member_removed", done),
    );
    bobClient.unsubscribe("presence-room");
    expect((await left).id).toBe("bob");
  });

  it("relays client events on private channels to the others, not the sender", async () => {
    const a = client().subscribe("private-chat");
    const b = client().subscribe("private-chat");
    await Promise.all([subscribed(a), subscribed(b)]);
    const atA: unknown[] = [];
    a.bind("client-typing", (d: unknown) => atA.push(d));
    const got = received(b, "client-typing");
    a.trigger("client-typing", { who: "a" });
    expect(await got).toEqual({ who: "a" });
    // An echo of a's own event would have reached a before b's answer does.
    const answer = received(a, "client-typing");
    b.trigger("client-typing", { who: "b" });
    expect(await answer).toEqual({ who: "b" });
    expect(atA).toEqual([{ who: "b" }]);
  });

  it("rejects client events on public channels", async () => {
    const c = client();
    const ch = c.subscribe("public-lobby");
    await subscribed(ch);
    const error = waitFor<{ data?: { message?: string } }>("pusher:error", (done) =>
      c.connection.bind("error", done),
    );
    ch.trigger("client-hi", {});
    expect((await error).data?.message).toMatch(/private and presence channels only/);
  });

  it("closes a connection with an unknown app key with 4001", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/app/nope?protocol=7`);
    const first = waitFor<string>("first frame", (done) =>
      ws.once("message", (m) => done(m.toString())),
    );
    const closed = waitFor<number>("close", (done) => ws.once("close", (code) => done(code)));
    expect(JSON.parse(await first)).toMatchObject({ event: "pusher:error", data: { code: 4001 } });
    expect(await closed).toBe(4001);
    // pusher-js reads 4001 as "refused": it reports the error and settles as disconnected
    // rather than retrying.
    const c = client({ key: "nope" });
    const error = waitFor<{ error?: { data?: { code?: number } } }>("pusher-js error", (done) =>
      c.connection.bind("error", done),
    );
    const settled = waitFor<{ current: string }>("disconnected", (done) =>
      c.connection.bind(
        "state_change",
        (s: { current: string }) => s.current === "disconnected" && done(s),
      ),
    );
    expect((await error).error?.data?.code).toBe(4001);
    await settled;
  });

  it("answers the SDK's HTTP API with 401 for a bad signature", async () => {
    await expect(sdk("wrong-secret").trigger("public-news", "x", {})).rejects.toMatchObject({
      status: 401,
      body: expect.stringMatching(/auth_signature does not match/),
    });
  });

  it("answers 413 for event data over 10 KB and 400 for bad JSON", async () => {
    await expect(
      sdk().trigger("public-news", "big", { blob: "x".repeat(10 * 1024) }),
    ).rejects.toMatchObject({ status: 413 });
    const path = `/apps/${APP.id}/events`;
    const body = "{not json";
    const res = await fetch(
      `http://127.0.0.1:${server.port}${path}?${sdk().createSignedQueryString({ method: "POST", path, body })}`,
      { method: "POST", body, headers: { "content-type": "application/json" } },
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/not valid JSON/);
  });

  it("lists occupied channels over the HTTP API", async () => {
    const ch = client().subscribe("public-occupied");
    await subscribed(ch);
    const res = await sdk().get({
      path: "/channels",
      params: { filter_by_prefix: "public-occ", info: "subscription_count" },
    });
    expect(await res.json()).toEqual({
      channels: { "public-occupied": { subscription_count: 1 } },
    });
    const one = await sdk().get({ path: "/channels/public-occupied" });
    expect(await one.json()).toMatchObject({ occupied: true });
  });

  it("lets pusher-js reconnect and resubscribe after the server drops it, then delivers again", async () => {
    const c = client();
    const ch = c.subscribe("private-courier-9");
    await subscribed(ch);
    const before = c.connection.socket_id;
    const again = subscribed(ch);
    expect(server.hub().disconnect(before)).toBe(true);
    await again;
    expect(c.connection.socket_id).not.toBe(before);
    const got = received(ch, "assignment.new");
    await sdk().trigger("private-courier-9", "assignment.new", { orderId: "o" });
    expect(await got).toEqual({ orderId: "o" });
  });

  it("pings a silent connection and drops it when no pong comes", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/app/${APP.key}?protocol=7`);
    const ping = waitFor<string>("pusher:ping", (done) =>
      ws.on("message", (m) => m.toString().includes("pusher:ping") && done(m.toString())),
    );
    const closed = waitFor<number>("close", (done) => ws.once("close", (code) => done(code)));
    expect(JSON.parse(await ping)).toMatchObject({ event: "pusher:ping" });
    expect(await closed).toBe(4201);
  });

  it("answers pusher:ping with pusher:pong", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/app/${APP.key}?protocol=7`);
    await waitFor("handshake", (done) => ws.once("message", done));
    const pong = waitFor<string>("pusher:pong", (done) =>
      ws.on("message", (m) => m.toString().includes("pusher:pong") && done(m.toString())),
    );
    ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
    expect(JSON.parse(await pong)).toMatchObject({ event: "pusher:pong" });
    ws.close();
  });
});

describe("publisher", () => {
  it("sends more than 10 events in batches of 10 and every one arrives", async () => {
    const logs: string[] = [];
    const publisher = createPusherPublisher({
      connection: {
        appId: APP.id,
        key: APP.key,
        secret: APP.secret,
        host: "127.0.0.1",
        port: server.port,
        useTLS: false,
      },
      log: (m) => logs.push(m),
    });
    const orderId = "3b241101-e2bb-4255-8caf-4136c566a962";
    const channel = `private-order-${orderId}`;
    const ch = client().subscribe(channel);
    await subscribed(ch);
    const versions: number[] = [];
    const all = waitFor("25 events", (done) =>
      ch.bind(
        "order.status",
        (d: { version: number }) => versions.push(d.version) === 25 && done(undefined),
      ),
    );
    await publisher.publish(
      Array.from({ length: 25 }, (_, version) => ({
        channel,
        name: "order.status",
        data: { orderId, status: "PREPARING", version },
      })),
    );
    await all;
    expect(versions).toEqual(Array.from({ length: 25 }, (_, v) => v));
    expect(logs).toEqual([]);
  });

  it("drops what could never be delivered and still sends the rest", async () => {
    const logs: string[] = [];
    const publisher = createPusherPublisher({
      connection: {
        appId: APP.id,
        key: APP.key,
        secret: APP.secret,
        host: "127.0.0.1",
        port: server.port,
        useTLS: false,
      },
      log: (m) => logs.push(m),
    });
    const merchantId = "7f1c7a3e-29a4-4c43-9b5c-31a4ad1b2f01";
    const channel = `private-merchant-${merchantId}`;
    const ch = client().subscribe(channel);
    await subscribed(ch);
    const got = received(ch, "order.new");
    await publisher.publish([
      { channel: "private-order-not-a-uuid", name: "order.status", data: {} },
      { channel, name: "order.changed", data: { blob: "x".repeat(11 * 1024) } },
      { channel, name: "order.new", data: { orderId: merchantId, number: "LM-1" } },
    ]);
    expect(await got).toEqual({ orderId: merchantId, number: "LM-1" });
    expect(logs.join("\n")).toMatch(/not a Lastmile channel/);
    expect(logs.join("\n")).toMatch(/over the 10240-byte limit/);
  });

  it("never throws when the server is down: the caller's work is already committed", async () => {
    const down = await startRealtimeServer({ port: 0, apps: [APP] });
    const port = down.port;
    await down.close();
    const logs: string[] = [];
    const publisher = createPusherPublisher({
      connection: {
        appId: APP.id,
        key: APP.key,
        secret: APP.secret,
        host: "127.0.0.1",
        port,
        useTLS: false,
      },
      log: (m) => logs.push(m),
    });
    const orderId = "3b241101-e2bb-4255-8caf-4136c566a962";
    const event = {
      channel: `private-order-${orderId}`,
      name: "order.status",
      data: { orderId, status: "ACCEPTED", version: 2 },
    };
    await expect(publisher.publish([event])).resolves.toBeUndefined();
    // An outage is reported once, not once per mutation.
    await expect(publisher.publish([event])).resolves.toBeUndefined();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(
      /^realtime: publishing 1 event\(s\) to 127.0.0.1:\d+ failed \(ECONNREFUSED\)/,
    );
  });
});
