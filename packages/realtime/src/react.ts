"use client";
// Live updates in a portal: subscribe to one private channel through the portal's
// /api/pusher/auth and refetch when something happens. Realtime is a hint: an event says "look
// again", the tRPC query is the truth, and after a reconnect (when events may have been missed)
// the query is refetched too.
import { useEffect, useRef } from "react";

import { publicClientConfig } from "./connection";
import type { TFollowHandlers } from "./follow";
import { directRealtimeClient, linkedRealtimeClient } from "./link";
import type { TRealtimeClient } from "./link";

export const PUSHER_AUTH_ENDPOINT = "/api/pusher/auth";

export type { TRealtimeClient } from "./link";

const COULD_NOT_START = "Live updates could not start; checking regularly instead";

let client: Promise<TRealtimeClient> | undefined;

/**
 * The page's one connection, opened on first use, in a worker (link.ts says why): the page's
 * main thread never evaluates pusher-js. Where no worker can start, pusher-js comes to the page
 * in a chunk of its own.
 */
export function realtimeClient(): Promise<TRealtimeClient> {
  client ??= startClient();
  return client;
}

function startClient(): Promise<TRealtimeClient> {
  const config = publicClientConfig();
  if (typeof Worker === "undefined")
    return import("./client").then((c) =>
      directRealtimeClient(
        c.createRealtimeClient(config, {
          authorize: c.jsonChannelAuthorizer(PUSHER_AUTH_ENDPOINT),
        }),
      ),
    );
  // A classic worker: Turbopack's worker entry loads its chunks with importScripts.
  const worker = new Worker(new URL("./worker.ts", import.meta.url), { name: "realtime" });
  // The worker's script could not load (offline on a first visit): the screens poll instead.
  const failed = new Promise<string>((resolve) =>
    worker.addEventListener("error", () => resolve(COULD_NOT_START), { once: true }),
  );
  return Promise.resolve(linkedRealtimeClient(worker, config, PUSHER_AUTH_ENDPOINT, failed));
}

export type TUseChannelOptions = Omit<TFollowHandlers, "onSubscribed" | "onReconnect"> & {
  enabled?: boolean;
  /**
   * Look again: called once the subscription is live (events before it were never seen) and
   * after every reconnect (events during the gap were missed).
   */
  onReconnect?: () => void;
};

/** Follows `channel` while mounted (shared between components on the same channel). */
export function useChannel(channel: string | null | undefined, options: TUseChannelOptions = {}) {
  // The latest callbacks, without resubscribing every render.
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const enabled = options.enabled ?? true;
  const eventsKey = options.events?.join(",") ?? "";

  useEffect(() => {
    if (!channel || !enabled) return;
    let stop: (() => void) | undefined;
    let left = false;
    realtimeClient().then(
      (realtime) => {
        if (left) return;
        stop = realtime.follow(channel, {
          events: eventsKey ? eventsKey.split(",") : undefined,
          onEvent: (name, data) => latest.current.onEvent?.(name, data),
          onSubscribed: () => latest.current.onReconnect?.(),
          onReconnect: () => latest.current.onReconnect?.(),
          onError: (message) => latest.current.onError?.(message),
        });
      },
      // The chunk could not be fetched (offline on first visit): the screen's polling carries on.
      () => latest.current.onError?.(COULD_NOT_START),
    );
    return () => {
      left = true;
      stop?.();
    };
  }, [channel, enabled, eventsKey]);
}

/**
 * The common case: refetch a query on every event of the channel and after every reconnect.
 * Pass `events` to leave out frequent ones a screen uses directly (`courier.location` moves a
 * marker; it need not refetch the order every few seconds).
 */
export function useRealtimeRefetch(
  channel: string | null | undefined,
  refetch: () => unknown,
  options: Omit<TUseChannelOptions, "onEvent" | "onReconnect"> = {},
) {
  useChannel(channel, {
    ...options,
    onEvent: () => void refetch(),
    onReconnect: () => void refetch(),
  });
}
