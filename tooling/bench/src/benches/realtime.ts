// Fan-out on the embedded Pusher-protocol server: the delay from publishing with the pusher SDK
// to receipt in pusher-js clients, with 1, 100 and 1,000 subscribers on one private channel —
// an order's customer alone, a busy kitchen board, the ops map during a rush. Publisher, server
// and clients share this process (and its two cores), so the figures include their contention.
import os from "node:os";

import PusherSdk from "pusher";

import { createRealtimeClient } from "@lastmile/realtime/client";
import { startRealtimeServer } from "@lastmile/realtime/server";

import { percentile, progress, report } from "../report";
import type { TTarget } from "../targets";

const APP = { id: "bench", key: "bench-key", secret: "bench-secret-not-for-production" };
const CHANNEL = "private-order-3b241101-e2bb-4255-8caf-4136c566a962";
const CASES = [
  { subscribers: 1, messages: 300 },
  { subscribers: 100, messages: 100 },
  { subscribers: 1000, messages: 40 },
];
const TIMEOUT_MS = 30_000;

function within<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) =>
      (timer = setTimeout(
        () => reject(new Error(`timed out after ${TIMEOUT_MS / 1000} s: ${what}`)),
        TIMEOUT_MS,
      )),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function realtimeBench({ backend }: TTarget) {
  // Realtime never touches the database: one run is enough, whatever the targets.
  if (backend !== "pglite") {
    progress("fanout: ran with the first target (no database involved)");
    return;
  }
  const server = await startRealtimeServer({ port: 0, apps: [APP] });
  const sdk = new PusherSdk({
    appId: APP.id,
    key: APP.key,
    secret: APP.secret,
    host: "127.0.0.1",
    port: String(server.port),
    useTLS: false,
  });
  try {
    for (const { subscribers, messages } of CASES) {
      progress(`fanout: connecting ${subscribers} pusher-js client(s)`);
      // Each message resolves once every subscriber has it; `arrived` collects the delays.
      const arrived: number[] = [];
      let pending = 0;
      let sentAt = 0;
      let allIn: (() => void) | undefined;
      const clients: ReturnType<typeof createRealtimeClient>[] = [];
      for (let i = 0; i < subscribers; i += 100) {
        const batch = Array.from({ length: Math.min(100, subscribers - i) }, () => {
          const client = createRealtimeClient(
            { key: APP.key, host: "127.0.0.1", port: server.port, tls: false },
            {
              authorize: ({ socketId, channelName }, callback) =>
                callback(null, sdk.authorizeChannel(socketId, channelName)),
            },
          );
          const channel = client.subscribe(CHANNEL);
          channel.bind("order.status", () => {
            arrived.push(performance.now() - sentAt);
            if (--pending === 0) allIn?.();
          });
          clients.push(client);
          return new Promise<void>((resolve) =>
            channel.bind("pusher:subscription_succeeded", () => resolve()),
          );
        });
        await within(`${subscribers} subscriptions`, Promise.all(batch));
      }
      progress(`fanout: ${messages} messages to ${subscribers} subscriber(s)`);
      for (let m = 0; m < messages; m++) {
        const everyone = new Promise<void>((resolve) => (allIn = resolve));
        pending = subscribers;
        sentAt = performance.now();
        await sdk.trigger(CHANNEL, "order.status", {
          orderId: "3b241101-e2bb-4255-8caf-4136c566a962",
          status: "PREPARING",
          version: m,
        });
        await within(`message ${m} reaching ${subscribers} subscriber(s)`, everyone);
      }
      for (const c of clients) c.disconnect();
      const sorted = arrived.sort((a, b) => a - b);
      report({
        bench: "fanout",
        n: subscribers,
        p50_ms: percentile(sorted, 50),
        p99_ms: percentile(sorted, 99),
        messages,
        deliveries: sorted.length,
        load_avg: Number((os.loadavg()[0] ?? 0).toFixed(2)),
      });
    }
  } finally {
    await server.close();
  }
}
