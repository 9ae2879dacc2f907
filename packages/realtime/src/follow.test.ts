// The portals' channel-following logic (what useChannel runs) with pusher-js in Node against the
// embedded server: the events a channel kind carries, a reconnect reported as a gap, shared
// subscriptions, refusals.
import type PusherSdk from "pusher";
import type Pusher from "pusher-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { merchantChannel, orderChannel } from "./channels";
import { createRealtimeClient } from "./client";
import { followChannel } from "./follow";
import type { TRealtimeServer } from "./server";
import { signal, startTestServer } from "./testing";

const APP = { id: "follow", key: "follow-key", secret: "follow-secret" };
const ORDER = "3b241101-e2bb-4255-8caf-4136c566a962";
let server: TRealtimeServer;
let sdk: PusherSdk;
const clients: Pusher[] = [];

beforeAll(async () => {
  ({ server, sdk } = await startTestServer(APP));
});
afterEach(() => {
  for (const c of clients.splice(0)) c.disconnect();
});
afterAll(() => server.close());

function client(refuse: string[] = []) {
  const c = createRealtimeClient(
    { key: APP.key, host: "127.0.0.1", port: server.port, tls: false },
    {
      authorize: ({ socketId, channelName }, callback) =>
        refuse.includes(channelName)
          ? callback(new Error("Only that restaurant's team can follow its orders."), null)
          : callback(null, sdk.authorizeChannel(socketId, channelName)),
    },
  );
  clients.push(c);
  return c;
}

const subscribed = (c: Pusher, channel: string) => {
  const s = signal(`subscription to ${channel}`);
  c.channel(channel)?.bind("pusher:subscription_succeeded", () => s.settle());
  if (c.channel(channel)?.subscribed) s.settle();
  return s.promise;
};

/** Everything the client sent before this has reached the server once the pong is back. */
const roundTrip = (c: Pusher) => {
  const s = signal("pusher:pong");
  c.bind("pusher:pong", () => s.settle());
  c.send_event("pusher:ping", {});
  return s.promise;
};

describe("followChannel", () => {
  it("passes on the events its channel kind carries, and only those", async () => {
    const c = client();
    const got: [string, unknown][] = [];
    const second = signal("second wanted event");
    followChannel(c, orderChannel(ORDER), {
      onEvent: (name, data) => got.push([name, data]) === 2 && second.settle(),
    });
    await subscribed(c, orderChannel(ORDER));
    await sdk.triggerBatch([
      {
        channel: orderChannel(ORDER),
        name: "order.status",
        data: { orderId: ORDER, status: "ACCEPTED", version: 2 },
      },
      { channel: orderChannel(ORDER), name: "offer.new", data: {} },
      {
        channel: orderChannel(ORDER),
        name: "order.courier",
        data: { orderId: ORDER, courierId: ORDER },
      },
    ]);
    await second.promise;
    expect(got.map(([name]) => name)).toEqual(["order.status", "order.courier"]);
  });

  it("says when the subscription first goes live, so a screen can catch up on what it missed", async () => {
    const c = client();
    const live = signal("onSubscribed");
    let reconnects = 0;
    followChannel(c, orderChannel(ORDER), {
      onSubscribed: () => live.settle(),
      onReconnect: () => reconnects++,
    });
    await live.promise;
    expect(reconnects).toBe(0);
  });

  it("reports a reconnect, after which events flow again", async () => {
    const c = client();
    const reconnected = signal("onReconnect");
    const event = signal<unknown>("event after reconnect");
    followChannel(c, orderChannel(ORDER), {
      onReconnect: () => reconnected.settle(),
      onEvent: (_, d) => event.settle(d),
    });
    await subscribed(c, orderChannel(ORDER));
    server.hub().disconnect(c.connection.socket_id);
    await reconnected.promise;
    await sdk.trigger(orderChannel(ORDER), "order.status", {
      orderId: ORDER,
      status: "PREPARING",
      version: 3,
    });
    expect(await event.promise).toEqual({ orderId: ORDER, status: "PREPARING", version: 3 });
  });

  it("shares one subscription between followers; the last to stop unsubscribes", async () => {
    const c = client();
    const stopA = followChannel(c, orderChannel(ORDER), {});
    const stopB = followChannel(c, orderChannel(ORDER), {});
    await subscribed(c, orderChannel(ORDER));
    stopA();
    await roundTrip(c);
    expect(server.hub().subscriptionCount(orderChannel(ORDER))).toBe(1);
    stopB();
    await roundTrip(c);
    expect(server.hub().subscriptionCount(orderChannel(ORDER))).toBe(0);
  });

  it("reports refusals and names that are not Lastmile channels", async () => {
    const c = client([merchantChannel(ORDER)]);
    const refused = signal<string>("refusal");
    followChannel(c, merchantChannel(ORDER), { onError: (m) => refused.settle(m) });
    expect(await refused.promise).toBe("Only that restaurant's team can follow its orders.");
    const errors: string[] = [];
    followChannel(c, "private-order-42", { onError: (m) => errors.push(m) });
    expect(errors).toEqual(['"private-order-42" is not a Lastmile channel']);
  });
});
