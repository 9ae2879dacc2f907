// How a pusher-js connection is set up for Lastmile, without pusher-js itself: the page's
// connection runs it in a worker (pusher-js/worker), Node and tests in the default build, and both
// take their options from here. The embedded server by default, Pusher Channels or Soketi from the
// NEXT_PUBLIC_PUSHER_* settings. Channel authorisation posts JSON to the portal's own
// /api/pusher/auth (not pusher-js's default form post), so that route can apply the same CSRF
// rule as /api/trpc: JSON only, from the portal's own origin.
import type { ChannelAuthorizationHandler, Options } from "pusher-js";

import { EMBEDDED_HOST, EMBEDDED_PORT, publicSettings } from "./public/env";

export type TClientConfig = {
  key: string;
  /** A Pusher-protocol host (embedded server, Soketi); without it and with a cluster, Pusher Channels. */
  host?: string;
  port?: number;
  tls?: boolean;
  cluster?: string;
};

/** What the browser connects to, from the public settings. */
export function publicClientConfig(): TClientConfig {
  const s = publicSettings();
  // No host and no cluster: the embedded server, on its own port.
  const embedded = !s.host && !s.cluster;
  return {
    key: s.key,
    host: embedded ? EMBEDDED_HOST : s.host,
    port: s.port ?? (embedded ? EMBEDDED_PORT : undefined),
    tls: s.tls,
    cluster: s.cluster,
  };
}

/** Asks `endpoint` (same origin, with the session cookie) to sign a subscription. */
export function jsonChannelAuthorizer(
  endpoint: string,
  fetchImpl: typeof fetch = fetch,
): ChannelAuthorizationHandler {
  return ({ socketId, channelName }, callback) => {
    fetchImpl(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ socket_id: socketId, channel_name: channelName }),
    })
      .then(async (res) => {
        const body = (await res.json().catch(() => null)) as {
          auth?: string;
          channel_data?: string;
          error?: { message?: string };
        } | null;
        if (!res.ok || !body?.auth)
          throw new Error(
            body?.error?.message ?? `Channel authorisation failed with HTTP ${res.status}`,
          );
        callback(null, { auth: body.auth, channel_data: body.channel_data });
      })
      .catch((error: unknown) =>
        callback(error instanceof Error ? error : new Error(String(error)), null),
      );
  };
}

export type TClientOptions = {
  /** Signs private and presence subscriptions; a portal's is `jsonChannelAuthorizer("/api/pusher/auth")`. */
  authorize?: ChannelAuthorizationHandler;
  /** pusher-js options to override (activityTimeout, pongTimeout…). */
  overrides?: Partial<Options>;
};

/** pusher-js's options for `config`. */
export function pusherOptions(config: TClientConfig, options: TClientOptions = {}): Options {
  const auth: Partial<Options> = options.authorize
    ? { channelAuthorization: { customHandler: options.authorize } }
    : {};
  const target: Options = config.host
    ? {
        // pusher-js insists on a cluster; with wsHost set it is never used.
        cluster: config.cluster ?? "embedded",
        wsHost: config.host,
        wsPort: config.port ?? (config.tls ? 443 : 80),
        wssPort: config.port ?? 443,
        forceTLS: config.tls ?? false,
        // A Pusher-protocol server speaks WebSocket only (no HTTP fallbacks), and has no stats endpoint.
        enabledTransports: ["ws", "wss"],
        disableStats: true,
      }
    : { cluster: config.cluster ?? "mt1", forceTLS: config.tls ?? true };
  return { ...target, ...auth, ...options.overrides };
}
