// The operations console's configuration: sign-in settings from @lastmile/auth (AUTH_SECRET, the
// portals' public URLs, cookie security), checked when the server starts.
import { createEnv } from "@t3-oss/env-nextjs";

import { env as authEnv } from "@lastmile/auth/env";

export const env = createEnv({
  extends: [authEnv],
  server: {},
  client: {},
  experimental__runtimeEnv: {},
});
