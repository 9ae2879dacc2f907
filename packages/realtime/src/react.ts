"use client";
// Live updates in a portal: subscribe to one private channel through the portal's
// /api/pusher/auth and refetch when something happens. Realtime is a hint: an event says "look
// again", the tRPC query is the truth, and after a reconnect (when events may have been missed)
// the query is refetched too.
import { useEffect, useRef } from "react";
import type Pusher from "pusher-js";

import { parseChannel } from "./channels";
import { createRealtimeClient, jsonChannelAuthorizer, publicClientConfig } from "./client";
import { CHANNEL_EVENTS } from "./events";

export const PUSHER_AUTH_ENDPOINT = "/api/pusher/auth";

let client: Pusher | undefined;
const holders = new Map<string, number>();

/** The page's one connection, opened on first use. */
export function realtimeClient() {
  client ??= createRealtimeClient(publicClientConfig(), {
    authorize: jsonChannelAuthorizer(PUSHER_AUTH_ENDPOINT),
  });
  return client;
}

export type TUseChannelOptions = {
  /** Events to listen for; by default every event the channel's kind carries (events.ts). */
  events?: readonly string[];
  onEvent?: (name: string, data: unknown) => void;
  /** Subscribed again after the connection dropped: whatever happened meanwhile was missed. */
  onReconnect?: () => void;
  /** The portal refused the subscription (signed out, not yours). */
  onError?: (message: string) => void;
  enabled?: boolean;
};

/** Subscribes while mounted (shared between components on the same channel). */
export function useChannel(channel: string | null | undefined, options: TUseChannelOptions = {}) {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  const enabled = options.enabled ?? true;
  const eventsKey = options.events?.join(",") ?? "";

  useEffect(() => {
    if (!channel || !enabled) return;
    const parsed = parseChannel(channel);
    if (!parsed) {
      latest.current.onError?.(`"${channel}" is not a Lastmile channel`);
      return;
    }
    const wanted = new Set<string>(eventsKey ? eventsKey.split(",") : CHANNEL_EVENTS[parsed.kind]);
    const pusher = realtimeClient();
    const ch = pusher.subscribe(channel);
    holders.set(channel, (holders.get(channel) ?? 0) + 1);
    // pusher-js subscribes every channel again when it reconnects; every success after the
    // first one means a gap in the stream.
    let subscribedBefore = ch.subscribed;
    const onAny = (name: string, data: unknown) => {
      if (wanted.has(name)) latest.current.onEvent?.(name, data);
    };
    const onSucceeded = () => {
      if (subscribedBefore) latest.current.onReconnect?.();
      subscribedBefore = true;
    };
    const onFailed = (e: { error?: string; status?: number }) =>
      latest.current.onError?.(e.error ?? `Live updates were refused (${e.status ?? "no status"})`);
    ch.bind_global(onAny);
    ch.bind("pusher:subscription_succeeded", onSucceeded);
    ch.bind("pusher:subscription_error", onFailed);
    return () => {
      ch.unbind_global(onAny);
      ch.unbind("pusher:subscription_succeeded", onSucceeded);
      ch.unbind("pusher:subscription_error", onFailed);
      const left = (holders.get(channel) ?? 1) - 1;
      if (left > 0) holders.set(channel, left);
      else {
        holders.delete(channel);
        pusher.unsubscribe(channel);
      }
    };
  }, [channel, enabled, eventsKey]);
}

/** The common case: refetch a query on every event of the channel and after every reconnect. */
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
