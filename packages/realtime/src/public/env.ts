// What browsers may know about realtime: the public key and where to connect. Kept apart from
// ../env.ts so a portal's browser bundle carries no server setting, not even the development
// secret. Next.js inlines each NEXT_PUBLIC_ variable named below at build time.
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const DEV_APP_KEY = "lastmile-dev-key";
export const EMBEDDED_HOST = "127.0.0.1";
export const EMBEDDED_PORT = 6001;

export const ZBool = z.enum(["true", "false"]).transform((v) => v === "true");
export const ZPort = z.coerce.number().int().min(1).max(65535);

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
