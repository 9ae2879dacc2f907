"use client";
// Live updates in a portal: subscribe to one private channel through the portal's
// /api/pusher/auth and refetch when something happens. Realtime is a hint: an event says "look
// again", the tRPC query is the truth, and after a reconnect (when events may have been missed)
// the query is refetched too.
import { useEffect, useRef } from "react";
import type Pusher from "pusher-js";

import { followChannel } from "./follow";
import type { TFollowHandlers } from "./follow";

export const PUSHER_AUTH_ENDPOINT = "/api/pusher/auth";

export type TRealtimeClient = Pusher;

let client: Promise<Pusher> | undefined;

/**
 * The page's one connection, opened on first use. pusher-js arrives then, in a chunk of its own:
 * a page draws and answers from its first data before it needs live updates, so the library is
 * not part of the script a phone must run before the page responds.
 */
export function realtimeClient(): Promise<Pusher> {
  client ??= import("./client").then((c) =>
    c.createRealtimeClient(c.publicClientConfig(), {
      authorize: c.jsonChannelAuthorizer(PUSHER_AUTH_ENDPOINT),
    }),
  );
  return client;
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
      (pusher) => {
        if (left) return;
        stop = followChannel(pusher, channel, {
          events: eventsKey ? eventsKey.split(",") : undefined,
          onEvent: (name, data) => latest.current.onEvent?.(name, data),
          onSubscribed: () => latest.current.onReconnect?.(),
          onReconnect: () => latest.current.onReconnect?.(),
          onError: (message) => latest.current.onError?.(message),
        });
      },
      // The chunk could not be fetched (offline on first visit): the screen's polling carries on.
      () => latest.current.onError?.("Live updates could not start; checking regularly instead"),
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
