// Sign-in leftovers: ended rate-limit windows, expired magic-link and reset tokens, expired
// sessions.
import { pruneRateLimits, pruneSessions, pruneTokens } from "@lastmile/auth/housekeeping";

import type { TJobDefinition } from "../runner";

export const authHousekeepingJob: TJobDefinition = {
  name: "auth.housekeeping",
  everyS: 3600,
  async run(ctx, now) {
    await pruneRateLimits(ctx.db, now);
    await pruneTokens(ctx.db, now);
    await pruneSessions(ctx.db, now);
    return null;
  },
};
