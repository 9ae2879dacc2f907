// The server-side flows the API and the worker call: registration, emailed links, password
// reset, application decisions, session revocation and housekeeping.
export * from "./flows/register";
export * from "./flows/email-links";
export * from "./flows/applications";
export { signInWithEmailLink, signInWithPassword } from "./flows/sign-in";
export type { TAuthContext, TSignedIn } from "./flows/sign-in";
export { AuthError, parseAuthError } from "./errors";
export type { TAuthErrorCode } from "./errors";
export { clientIp } from "./ip";
export { env as authEnv } from "./env";
export { pruneRateLimits } from "./rate-limit";
export { pruneTokens } from "./tokens";
export { pruneSessions, revokeSession, revokeUserSessions } from "./session-claims";
export { hashPassword, verifyPassword } from "./password";
export * from "./schemas";
