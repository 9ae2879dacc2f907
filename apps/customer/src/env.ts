// The ordering site's configuration: sign-in settings from @lastmile/auth (AUTH_SECRET, the
// portals' public URLs, cookie security), checked when the server starts, and the optional
// Mapbox token (maps and address search use Mapbox when it is set, offline maplibre otherwise),
// and Stripe's publishable key (checkout shows Stripe's Payment Element when it is set; the
// server must then pay through Stripe too, with STRIPE_SECRET_KEY).
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

import { env as authEnv } from "@lastmile/auth/env";

export const env = createEnv({
  extends: [authEnv],
  server: {},
  client: {
    NEXT_PUBLIC_MAPBOX_TOKEN: z.string().min(10).optional(),
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_/, "NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY must be a Stripe publishable key (pk_…).").optional(),
  },
  experimental__runtimeEnv: {
    NEXT_PUBLIC_MAPBOX_TOKEN: process.env.NEXT_PUBLIC_MAPBOX_TOKEN,
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY,
  },
  emptyStringAsUndefined: true,
});
