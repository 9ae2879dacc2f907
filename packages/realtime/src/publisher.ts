// The server side of realtime: publishing domain events and signing channel subscriptions, both
// through the official `pusher` SDK so the same code talks to the embedded server, Soketi or
// Pusher Channels. Publishing is best effort by design: it runs after the database committed,
// and a realtime outage must never turn a placed order into an error (clients refetch anyway).
import Pusher from "pusher";

import { parseChannel } from "./channels";
import { serverConnection } from "./env";
import type { TServerConnection } from "./env";
import { MAX_EVENT_BYTES, parseEvent } from "./events";

/** Structurally the domain's `TEventPublisher` (`@lastmile/core/events`), without depending on core. */
export type TRealtimeEvent = { channel: string; name: string; data: Record<string, unknown> };
export type TRealtimePublisher = { publish: (events: TRealtimeEvent[]) => Promise<void> };

/** Pusher accepts at most 10 events per batch request. */
export const BATCH_LIMIT = 10;

export type TPublisherOptions = {
  connection?: TServerConnection;
  /** Abort a request after this long, so a hung server cannot hold the caller's response. */
  timeoutMs?: number;
  /** Where refusals and failures are reported (console.error by default). */
  log?: (message: string) => void;
};

export function pusherSdk(connection: TServerConnection = serverConnection(), timeoutMs = 3000) {
  const { appId, key, secret, useTLS } = connection;
  return "cluster" in connection
    ? new Pusher({ appId, key, secret, useTLS, cluster: connection.cluster, timeout: timeoutMs })
    : new Pusher({
        appId,
        key,
        secret,
        useTLS,
        host: connection.host,
        port: connection.port === undefined ? undefined : String(connection.port),
        timeout: timeoutMs,
      });
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * A publisher over the pusher SDK's `triggerBatch`, in chunks of 10. Events that could never be
 * delivered (unknown channel, payload too large) are dropped with a log line rather than sunk
 * with the whole batch; a failed request is logged and swallowed.
 */
export function createPusherPublisher(
  options: TPublisherOptions = {},
): TRealtimePublisher & { sdk: Pusher } {
  const connection = options.connection ?? serverConnection();
  const sdk = pusherSdk(connection, options.timeoutMs);
  const target =
    "cluster" in connection
      ? `Pusher cluster ${connection.cluster}`
      : `${connection.host}${connection.port ? `:${connection.port}` : ""}`;
  const log = options.log ?? ((m: string) => console.error(m));
  // While the server is down every mutation would log the same failure: say it once a minute,
  // with how many were swallowed since.
  let quietUntil = 0;
  let swallowed = 0;
  const logFailure = (message: string) => {
    const now = Date.now();
    if (now < quietUntil) return void swallowed++;
    log(
      swallowed
        ? `${message} (+${swallowed} similar failure(s) not logged in the last minute)`
        : message,
    );
    quietUntil = now + 60_000;
    swallowed = 0;
  };
  return {
    sdk,
    async publish(events) {
      const sendable = events.filter((e) => {
        if (!parseChannel(e.channel)) {
          log(`realtime: dropped ${e.name} — "${e.channel}" is not a Lastmile channel`);
          return false;
        }
        const checked = parseEvent(e.name, e.data);
        // An unknown or malformed payload is a bug in the publisher's caller: say so, but still
        // send it, since subscribers only take it as a hint to refetch.
        if (!checked.ok) log(`realtime: ${checked.reason} (sent anyway)`);
        const bytes = Buffer.byteLength(JSON.stringify(e.data));
        if (bytes > MAX_EVENT_BYTES) {
          log(
            `realtime: dropped ${e.name} on ${e.channel} — ${bytes} bytes is over the ${MAX_EVENT_BYTES}-byte limit`,
          );
          return false;
        }
        return true;
      });
      for (const batch of chunks(sendable, BATCH_LIMIT)) {
        try {
          await sdk.triggerBatch(
            batch.map((e) => ({ channel: e.channel, name: e.name, data: e.data })),
          );
        } catch (error) {
          // The SDK's RequestError carries the HTTP status and body, or the network error (whose
          // message repeats the signed URL, so only its code is kept).
          const e = error as {
            status?: number;
            body?: string;
            message?: string;
            error?: { code?: string; message?: string };
          };
          const why = e.status
            ? `HTTP ${e.status}${e.body ? `: ${e.body.slice(0, 200)}` : ""}`
            : (e.error?.code ?? e.error?.message ?? e.message ?? String(error));
          logFailure(
            `realtime: publishing ${batch.length} event(s) to ${target} failed (${why}); clients will catch up when they refetch`,
          );
        }
      }
    },
  };
}

let shared: ReturnType<typeof createPusherPublisher> | undefined;

/** The process-wide publisher configured from env, created on first use. */
export const realtimePublisher: TRealtimePublisher = {
  publish: (events) => {
    if (events.length === 0) return Promise.resolve();
    shared ??= createPusherPublisher();
    return shared.publish(events);
  },
};

export type TChannelAuth = { auth: string; channel_data?: string };

/** Signs one socket's subscription to one channel (`key:hmac(secret, socket_id:channel[:data])`). */
export function authorizeChannel(
  socketId: string,
  channel: string,
  presence?: { user_id: string; user_info?: Record<string, unknown> },
  connection?: TServerConnection,
): TChannelAuth {
  const sdk = connection ? pusherSdk(connection) : (shared ??= createPusherPublisher()).sdk;
  return sdk.authorizeChannel(socketId, channel, presence);
}
