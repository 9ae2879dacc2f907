// The page's realtime connection across the worker boundary: link.ts's two ends over a
// MessageChannel (what a Worker's port is), the worker's end driving pusher-js against the
// embedded server. What a page sees: events, the first subscription, gaps, the connection's
// state, stopping, refusals, and a worker that never started.
import type PusherSdk from "pusher";
import type Pusher from "pusher-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { merchantChannel, orderChannel } from "./channels";
import { createRealtimeClient } from "./client";
import { linkedRealtimeClient, serveRealtime } from "./link";
import type { TPort, TRealtimeClient } from "./link";
import type { TRealtimeServer } from "./server";
import { signal, startTestServer } from "./testing";

const APP = { id: "link", key: "link-key", secret: "link-secret" };
const ORDER = "6f1c2b7e-3d4a-4e5b-8c9d-0a1b2c3d4e5f";
const AUTH_ENDPOINT = "/api/pusher/auth";
let server: TRealtimeServer;
let sdk: PusherSdk;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  ({ server, sdk } = await startTestServer(APP));
});
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
afterAll(() => server.close());

/** A page and its worker, linked; `refuse` lists the channels the portal will not sign. */
function pageWithWorker(refuse: string[] = []) {
  const { port1: page, port2: worker } = new MessageChannel();
  let pusher: Pusher | undefined;
  let endpoint: string | undefined;
  serveRealtime(worker as unknown as TPort, (config, authEndpoint) => {
    endpoint = authEndpoint;
    pusher = createRealtimeClient(config, {
      authorize: ({ socketId, channelName }, callback) =>
        refuse.includes(channelName)
          ? callback(new Error("Only that restaurant's team can follow its orders."), null)
          : callback(null, sdk.authorizeChannel(socketId, channelName)),
    });
    return pusher;
  });
  page.start();
  worker.start();
  const realtime = linkedRealtimeClient(
    page as unknown as TPort,
    { key: APP.key, host: "127.0.0.1", port: server.port, tls: false },
    AUTH_ENDPOINT,
  );
  cleanups.push(() => {
    pusher?.disconnect();
    page.close();
  });
  return {
    realtime,
    pusher: () => pusher as Pusher,
    authEndpoint: () => endpoint,
  };
}

/** Resolves when the connection is in `state`. */
function reaches(realtime: TRealtimeClient, state: string) {
  const s = signal(`the connection to be ${state}`);
  const stop = realtime.watchState((current) => current === state && s.settle());
  return s.promise.finally(stop);
}

describe("a page's realtime connection in a worker", () => {
  it("connects with the page's settings and passes on the channel's events, only those asked for", async () => {
    const { realtime, authEndpoint } = pageWithWorker();
    await reaches(realtime, "connected");
    expect(authEndpoint()).toBe(AUTH_ENDPOINT);

    const live = signal("the subscription");
    const got = signal<[string, unknown]>("an event");
    realtime.follow(orderChannel(ORDER), {
      events: ["order.status"],
      onSubscribed: () => live.settle(),
      onEvent: (name, data) => got.settle([name, data]),
    });
    await live.promise;
    await sdk.triggerBatch([
      { channel: orderChannel(ORDER), name: "order.eta", data: { etaAt: null } },
      {
        channel: orderChannel(ORDER),
        name: "order.status",
        data: { orderId: ORDER, status: "ACCEPTED", version: 2 },
      },
    ]);
    expect(await got.promise).toEqual([
      "order.status",
      { orderId: ORDER, status: "ACCEPTED", version: 2 },
    ]);
  });

  it("reports a dropped connection as a gap, then carries events again", async () => {
    const { realtime, pusher } = pageWithWorker();
    const live = signal("the subscription");
    const reconnected = signal("onReconnect");
    const event = signal<unknown>("an event after the gap");
    realtime.follow(orderChannel(ORDER), {
      onSubscribed: () => live.settle(),
      onReconnect: () => reconnected.settle(),
      onEvent: (_, data) => event.settle(data),
    });
    await live.promise;
    const states: string[] = [];
    realtime.watchState((s) => states.push(s));
    server.hub().disconnect(pusher().connection.socket_id);
    await reconnected.promise;
    expect(states).toContain("connecting");
    expect(states.at(-1)).toBe("connected");
    await sdk.trigger(orderChannel(ORDER), "order.status", {
      orderId: ORDER,
      status: "PREPARING",
      version: 3,
    });
    expect(await event.promise).toEqual({ orderId: ORDER, status: "PREPARING", version: 3 });
  });

  it("unsubscribes when the page stops following", async () => {
    const { realtime } = pageWithWorker();
    const live = signal("the subscription");
    const stop = realtime.follow(orderChannel(ORDER), { onSubscribed: () => live.settle() });
    await live.promise;
    expect(server.hub().subscriptionCount(orderChannel(ORDER))).toBe(1);
    stop();
    await expect
      .poll(() => server.hub().subscriptionCount(orderChannel(ORDER)), { timeout: 5000 })
      .toBe(0);
  });

  it("passes on a refusal with the portal's reason", async () => {
    const { realtime } = pageWithWorker([merchantChannel(ORDER)]);
    const refused = signal<string>("the refusal");
    realtime.follow(merchantChannel(ORDER), { onError: (m) => refused.settle(m) });
    expect(await refused.promise).toBe("Only that restaurant's team can follow its orders.");
  });

  it("tells every follower when the worker could not start, and the state is unavailable", async () => {
    const { port1: page } = new MessageChannel();
    cleanups.push(() => page.close());
    let fail: (why: string) => void = () => undefined;
    const failed = new Promise<string>((resolve) => (fail = resolve));
    const realtime = linkedRealtimeClient(
      page as unknown as TPort,
      { key: APP.key },
      AUTH_ENDPOINT,
      failed,
    );
    const before = signal<string>("the error for a follower from before");
    realtime.follow(orderChannel(ORDER), { onError: (m) => before.settle(m) });
    fail("Live updates could not start; checking regularly instead");
    expect(await before.promise).toBe("Live updates could not start; checking regularly instead");
    await reaches(realtime, "unavailable");
    const after: string[] = [];
    realtime.follow(orderChannel(ORDER), { onError: (m) => after.push(m) });
    expect(after).toEqual(["Live updates could not start; checking regularly instead"]);
  });
});
