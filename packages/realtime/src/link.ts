// A page's realtime connection, as the page sees it: follow channels, watch the connection's
// state. The page's connection lives in a worker (worker.ts): pusher-js costs a phone ~100 ms of
// script to evaluate and collect, at the moment the page has just drawn and should answer taps,
// and off the main thread it costs the page nothing. The two ends speak the messages below over
// the worker's port; Node's tests speak them over a MessageChannel.
import type Pusher from "pusher-js";

import type { TClientConfig } from "./connection";
import { followChannel } from "./follow";
import type { TFollowHandlers } from "./follow";

export type TRealtimeClient = {
  /** Starts following `channel` (shared with other followers of it); returns the function that stops. */
  follow: (channel: string, handlers: TFollowHandlers) => () => void;
  /** Calls `listener` with the connection's state (pusher-js's names) now and on every change. */
  watchState: (listener: (state: string) => void) => () => void;
};

/** What the page asks of the worker. */
export type TToWorker =
  | { type: "connect"; config: TClientConfig; authEndpoint: string }
  | { type: "follow"; id: number; channel: string; events?: readonly string[] }
  | { type: "stop"; id: number };

/** What the worker tells the page. */
export type TFromWorker =
  | { type: "state"; current: string }
  | { type: "event"; id: number; name: string; data: unknown }
  | { type: "subscribed" | "reconnect"; id: number }
  | { type: "error"; id: number; message: string };

/** Either end of the link: a worker's global scope, a Worker, a MessagePort. */
export type TPort = {
  postMessage: (message: unknown) => void;
  addEventListener: (type: "message", listener: (event: MessageEvent) => void) => void;
};

/** pusher-js in the calling thread: where no worker can start. */
export function directRealtimeClient(pusher: Pusher): TRealtimeClient {
  return {
    follow: (channel, handlers) => followChannel(pusher, channel, handlers),
    watchState: (listener) => {
      const onChange = ({ current }: { current: string }) => listener(current);
      listener(pusher.connection.state);
      pusher.connection.bind("state_change", onChange);
      return () => pusher.connection.unbind("state_change", onChange);
    },
  };
}

/** The worker's end: one connection, opened on the page's first message, following on its behalf. */
export function serveRealtime(
  port: TPort,
  connect: (config: TClientConfig, authEndpoint: string) => Pusher,
) {
  let pusher: Pusher | undefined;
  const following = new Map<number, () => void>();
  const tell = (message: TFromWorker) => port.postMessage(message);
  port.addEventListener("message", ({ data }: MessageEvent<TToWorker>) => {
    if (data.type === "connect") {
      if (pusher) return;
      pusher = connect(data.config, data.authEndpoint);
      tell({ type: "state", current: pusher.connection.state });
      pusher.connection.bind("state_change", ({ current }: { current: string }) =>
        tell({ type: "state", current }),
      );
    } else if (data.type === "follow") {
      if (!pusher) {
        tell({ type: "error", id: data.id, message: "Live updates are not connected" });
        return;
      }
      const { id } = data;
      following.set(
        id,
        followChannel(pusher, data.channel, {
          events: data.events,
          onEvent: (name, payload) => tell({ type: "event", id, name, data: payload }),
          onSubscribed: () => tell({ type: "subscribed", id }),
          onReconnect: () => tell({ type: "reconnect", id }),
          onError: (message) => tell({ type: "error", id, message }),
        }),
      );
    } else {
      following.get(data.id)?.();
      following.delete(data.id);
    }
  });
}

/**
 * The page's end of a link to `port`, which connects to `config`. `failed` settles when the
 * worker cannot run (its script did not load): every follower hears why, and the state is
 * "unavailable", as pusher-js says when it cannot connect.
 */
export function linkedRealtimeClient(
  port: TPort,
  config: TClientConfig,
  authEndpoint: string,
  failed?: Promise<string>,
): TRealtimeClient {
  let nextId = 1;
  let state = "initialized";
  let brokenBecause: string | null = null;
  const followers = new Map<number, TFollowHandlers>();
  const watchers = new Set<(state: string) => void>();
  const setState = (current: string) => {
    state = current;
    for (const w of watchers) w(current);
  };
  port.addEventListener("message", ({ data }: MessageEvent<TFromWorker>) => {
    if (data.type === "state") return setState(data.current);
    const handlers = followers.get(data.id);
    if (!handlers) return;
    // The worker already left out the events this follower did not ask for.
    if (data.type === "event") handlers.onEvent?.(data.name, data.data);
    else if (data.type === "error") handlers.onError?.(data.message);
    else if (data.type === "subscribed") handlers.onSubscribed?.();
    else handlers.onReconnect?.();
  });
  void failed?.then((why) => {
    brokenBecause = why;
    for (const h of followers.values()) h.onError?.(why);
    setState("unavailable");
  });
  port.postMessage({ type: "connect", config, authEndpoint } satisfies TToWorker);
  return {
    follow: (channel, handlers) => {
      if (brokenBecause) {
        handlers.onError?.(brokenBecause);
        return () => undefined;
      }
      const id = nextId++;
      followers.set(id, handlers);
      port.postMessage({
        type: "follow",
        id,
        channel,
        events: handlers.events,
      } satisfies TToWorker);
      return () => {
        if (!followers.delete(id)) return;
        port.postMessage({ type: "stop", id } satisfies TToWorker);
      };
    },
    watchState: (listener) => {
      watchers.add(listener);
      listener(state);
      return () => void watchers.delete(listener);
    },
  };
}
