// What the worker prunes every hour. Its own entry point, away from ./server's flows, so the
// worker loads no sign-in settings and needs no AUTH_SECRET to tidy the tables.
export { pruneRateLimits } from "./rate-limit";
export { pruneTokens } from "./tokens";
export { pruneSessions } from "./session-claims";
