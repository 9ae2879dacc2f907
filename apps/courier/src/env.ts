// The courier app's configuration: sign-in settings from @lastmile/auth (AUTH_SECRET, the
// portals' public URLs, cookie security), checked when the server starts, and the optional
// Mapbox token (maps and street routes use Mapbox when it is set; offline maplibre and straight
// lines otherwise).
import { createEnv } from "@t3-oss/env-nextjs";
import { z } from "zod";

import { env as authEnv } from "@lastmile/auth/env";

export const env = createEnv({
  extends: [authEnv],
  server: {},
  client: {
    NEXT_PUBLIC_MAPBOX_TOKEN: z.string().min(10).optional(),
  },
  experimental__runtimeEnv: {
    NEXT_PUBLIC_MAPBOX_TOKEN: process.env.NEXT_PUBLIC_MAPBOX_TOKEN,
  },
  emptyStringAsUndefined: true,
});
