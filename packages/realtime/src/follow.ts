// Following one channel on a pusher-js connection, without React: what the portals' hook does,
// kept here so it can be tested against the embedded server in Node. Several followers of one
// channel share its subscription; the last one to stop unsubscribes.
import type Pusher from "pusher-js";

import { CHANNEL_EVENTS, parseChannel } from "./channels";

export type TFollowHandlers = {
  /** Events to listen for; by default every event the channel's kind carries (events.ts). */
  events?: readonly string[];
  onEvent?: (name: string, data: unknown) => void;
  /**
   * Subscribed for the first time. Whatever the screen fetched before this moment may already be
   * stale: events published between its fetch and the subscription never reached it.
   */
  onSubscribed?: () => void;
  /** Subscribed again after the connection dropped: whatever happened meanwhile was missed. */
  onReconnect?: () => void;
  /** The subscription was refused (signed out, not yours) or the name is not a Lastmile channel. */
  onError?: (message: string) => void;
};

const followers = new WeakMap<Pusher, Map<string, number>>();

/** Starts following `channel`; returns the function that stops. */
export function followChannel(
  pusher: Pusher,
  channel: string,
  handlers: TFollowHandlers,
): () => void {
  const parsed = parseChannel(channel);
  if (!parsed) {
    handlers.onError?.(`"${channel}" is not a Lastmile channel`);
    return () => undefined;
  }
  const wanted = new Set<string>(handlers.events ?? CHANNEL_EVENTS[parsed.kind]);
  const counts = followers.get(pusher) ?? new Map<string, number>();
  followers.set(pusher, counts);
  counts.set(channel, (counts.get(channel) ?? 0) + 1);
  const ch = pusher.subscribe(channel);
  // pusher-js subscribes every channel again when it reconnects; every success after the first
  // one means a gap in the stream.
  let subscribedBefore = ch.subscribed;
  const onAny = (name: string, data: unknown) => {
    if (wanted.has(name)) handlers.onEvent?.(name, data);
  };
  const onSucceeded = () => {
    if (subscribedBefore) handlers.onReconnect?.();
    else handlers.onSubscribed?.();
    subscribedBefore = true;
  };
  const onFailed = (e: { error?: string; status?: number }) =>
    handlers.onError?.(e.error ?? `Live updates were refused (${e.status ?? "no status"})`);
  ch.bind_global(onAny);
  ch.bind("pusher:subscription_succeeded", onSucceeded);
  ch.bind("pusher:subscription_error", onFailed);
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    ch.unbind_global(onAny);
    ch.unbind("pusher:subscription_succeeded", onSucceeded);
    ch.unbind("pusher:subscription_error", onFailed);
    const left = (counts.get(channel) ?? 1) - 1;
    if (left > 0) counts.set(channel, left);
    else {
      counts.delete(channel);
      pusher.unsubscribe(channel);
    }
  };
}
