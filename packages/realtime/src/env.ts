// Realtime configuration. With nothing set, publisher, portals and server meet on the embedded
// Pusher-protocol server at 127.0.0.1:6001 with a development app. Production points PUSHER_* at
// Pusher Channels (PUSHER_CLUSTER) or any Pusher-protocol cluster such as Soketi (PUSHER_HOST),
// and then the secret must come from the environment.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

import { DEV_APP_KEY, EMBEDDED_HOST, EMBEDDED_PORT } from "./public/env";

export { EMBEDDED_HOST, EMBEDDED_PORT } from "./public/env";

export const ZBool = z.enum(["true", "false"]).transform((v) => v === "true");
export const ZPort = z.coerce.number().int().min(1).max(65535);

/** The public settings, checked here on the server; browsers read them through ./public/env.ts. */
export const publicEnv = createEnv({
  clientPrefix: "NEXT_PUBLIC_",
  client: {
    NEXT_PUBLIC_PUSHER_KEY: z.string().min(1).default(DEV_APP_KEY),
    NEXT_PUBLIC_PUSHER_HOST: z.string().min(1).optional(),
    NEXT_PUBLIC_PUSHER_PORT: ZPort.optional(),
    NEXT_PUBLIC_PUSHER_TLS: ZBool.optional(),
    NEXT_PUBLIC_PUSHER_CLUSTER: z.string().min(1).optional(),
  },
  server: {},
  runtimeEnv: {
    NEXT_PUBLIC_PUSHER_KEY: process.env.NEXT_PUBLIC_PUSHER_KEY,
    NEXT_PUBLIC_PUSHER_HOST: process.env.NEXT_PUBLIC_PUSHER_HOST,
    NEXT_PUBLIC_PUSHER_PORT: process.env.NEXT_PUBLIC_PUSHER_PORT,
    NEXT_PUBLIC_PUSHER_TLS: process.env.NEXT_PUBLIC_PUSHER_TLS,
    NEXT_PUBLIC_PUSHER_CLUSTER: process.env.NEXT_PUBLIC_PUSHER_CLUSTER,
  },
  emptyStringAsUndefined: true,
});

/** The embedded server's development app: fine on a laptop, refused in production (below). */
export const DEV_APP = {
  id: "lastmile-dev",
  key: DEV_APP_KEY,
  secret: "lastmile-dev-secret-not-for-production",
} as const;

const isProduction = process.env.NODE_ENV === "production";
// A production server publishing to a real cluster with a secret everyone can read in this file
// would let anyone sign channel subscriptions; the embedded server in a production build (e2e,
// `pnpm start` on a laptop) is fine with the development app.
const remote = Boolean(process.env.PUSHER_HOST || process.env.PUSHER_CLUSTER);
const needsSecret = isProduction && remote;

/** A production setting that has no default, with a message that says when it is needed. */
const required = (name: string, min = 1) => {
  const message = `${name} is required${min > 1 ? ` (${min}+ characters)` : ""} when PUSHER_HOST or PUSHER_CLUSTER is set in production`;
  return z.string({ error: message }).min(min, message);
};

export const env = createEnv({
  server: {
    PUSHER_APP_ID: needsSecret ? required("PUSHER_APP_ID") : z.string().min(1).default(DEV_APP.id),
    PUSHER_KEY: needsSecret ? required("PUSHER_KEY") : z.string().min(1).default(DEV_APP.key),
    PUSHER_SECRET: needsSecret
      ? required("PUSHER_SECRET", 8).refine(
          (s) => s !== DEV_APP.secret,
          "PUSHER_SECRET must not be the development secret in production",
        )
      : z.string().min(1).default(DEV_APP.secret),
    /** A Pusher-protocol server (Soketi…); unset with PUSHER_CLUSTER for Pusher Channels, unset with neither for the embedded server. */
    PUSHER_HOST: z.string().min(1).optional(),
    PUSHER_PORT: ZPort.optional(),
    PUSHER_USE_TLS: ZBool.optional(),
    /** Pusher Channels' cluster (eu, mt1, …). */
    PUSHER_CLUSTER: z.string().min(1).optional(),
    /** Where `pnpm --filter @lastmile/realtime serve` listens. */
    REALTIME_PORT: ZPort.default(EMBEDDED_PORT),
  },
  // The public settings too, so server code reads everything from one `env`.
  extends: [publicEnv],
  runtimeEnv: {
    PUSHER_APP_ID: process.env.PUSHER_APP_ID,
    PUSHER_KEY: process.env.PUSHER_KEY,
    PUSHER_SECRET: process.env.PUSHER_SECRET,
    PUSHER_HOST: process.env.PUSHER_HOST,
    PUSHER_PORT: process.env.PUSHER_PORT,
    PUSHER_USE_TLS: process.env.PUSHER_USE_TLS,
    PUSHER_CLUSTER: process.env.PUSHER_CLUSTER,
    REALTIME_PORT: process.env.REALTIME_PORT,
  },
  emptyStringAsUndefined: true,
  // `next build` runs with NODE_ENV=production but is not where secrets live; the server checks.
  skipValidation: process.env.NEXT_PHASE === "phase-production-build",
});

/** Whether this process publishes to the embedded server (no PUSHER_HOST, no PUSHER_CLUSTER). */
export const usesEmbeddedServer = () => !env.PUSHER_HOST && !env.PUSHER_CLUSTER;

export type TServerConnection = { appId: string; key: string; secret: string } & (
  { host: string; port?: number; useTLS: boolean } | { cluster: string; useTLS: boolean }
);

/** How the server side (publisher, channel auth) reaches the Pusher-protocol cluster. */
export function serverConnection(): TServerConnection {
  const app = { appId: env.PUSHER_APP_ID, key: env.PUSHER_KEY, secret: env.PUSHER_SECRET };
  if (env.PUSHER_HOST)
    return {
      ...app,
      host: env.PUSHER_HOST,
      port: env.PUSHER_PORT,
      useTLS: env.PUSHER_USE_TLS ?? true,
    };
  if (env.PUSHER_CLUSTER)
    return { ...app, cluster: env.PUSHER_CLUSTER, useTLS: env.PUSHER_USE_TLS ?? true };
  return { ...app, host: EMBEDDED_HOST, port: env.PUSHER_PORT ?? env.REALTIME_PORT, useTLS: false };
}
