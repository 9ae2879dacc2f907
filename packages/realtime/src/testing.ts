// What the realtime tests share: the embedded server with the pusher SDK that publishes to it,
// and a promise to await a callback with.
import PusherSdk from "pusher";

import { startRealtimeServer } from "./server";
import type { TRealtimeServer } from "./server";

export type TTestApp = { id: string; key: string; secret: string };

/** The embedded server on a free port, serving `app`, and an SDK that publishes to it. */
export async function startTestServer(
  app: TTestApp,
): Promise<{ server: TRealtimeServer; sdk: PusherSdk }> {
  const server = await startRealtimeServer({ port: 0, apps: [app] });
  const sdk = new PusherSdk({
    appId: app.id,
    key: app.key,
    secret: app.secret,
    host: "127.0.0.1",
    port: String(server.port),
    useTLS: false,
  });
  return { server, sdk };
}

/** A promise and the function that settles it, failing after 5 s with what was awaited. */
export function signal<T = void>(what: string) {
  let settle: (value: T) => void = () => undefined;
  const promise = new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 5000);
    settle = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
  });
  return { promise, settle };
}
