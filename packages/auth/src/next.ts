// What a portal needs on its server, in one call: the `/api/auth` route handler and
// `getSession()` for server components, route handlers and the tRPC context. Each app builds
// its instance once, in `src/auth/server.ts`.
import { cookies } from "next/headers";
import { cache } from "react";
import NextAuth from "next-auth";

import type { TDb } from "@lastmile/db/client";
import { getDb } from "@lastmile/db/client";

import { cookieSettings, decodeSessionToken, readSessionCookie } from "./cookie-token";
import { portalUrl, portalUrls } from "./emails";
import { setNextAuthUrl } from "./env";
import { describeAuthError, describeSessionEnd } from "./messages";
import { createAuthOptions } from "./next-auth-options";
import type { TPortal } from "./portals";
import type { TSession } from "./session";
import { checkClaims, toSession } from "./session-claims";

export { portalUrls };
export { safeCallbackPath } from "./next-proxy";
export type TPortalAuth = ReturnType<typeof createPortalAuth>;

export function createPortalAuth(portal: TPortal, config: { db?: () => TDb } = {}) {
  setNextAuthUrl(`${portalUrl(portal)}/api/auth`);
  const db = config.db ?? (getDb as () => TDb);
  const authOptions = createAuthOptions({ portal, db });
  const { names } = cookieSettings(portal);

  // NextAuth(options) returns the App Router handler for GET and POST /api/auth/*.
  const handler = NextAuth(authOptions) as (
    req: Request,
    ctx: { params: Promise<{ nextauth: string[] }> },
  ) => Promise<Response>;

  /**
   * The signed-in caller, or null. Checks the portal, the idle and absolute timeouts and — once
   * per `claimsTtlS` — the account and the session registry. Cached per request.
   */
  const getSession = cache(async (): Promise<TSession> => {
    const raw = readSessionCookie((await cookies()).getAll(), names.sessionToken);
    if (!raw) return null;
    const decoded = await decodeSessionToken(portal, raw);
    if (!decoded) return null;
    const check = await checkClaims(db(), decoded, portal, new Date());
    return check.ok ? toSession(check.claims) : null;
  });

  return { portal, authOptions, handler, getSession };
}

/** One value of a page's search params (Next gives arrays for repeated keys). */
export function searchParam(
  params: Record<string, string | string[] | undefined>,
  key: string,
): string | undefined {
  const v = params[key];
  return Array.isArray(v) ? v[0] : v;
}

/** What the sign-in page says before anyone types: why they were signed out, or a refusal. */
export function signInNotice(
  params: Record<string, string | string[] | undefined>,
  portal: TPortal,
): string | null {
  const error = searchParam(params, "error");
  return (
    describeSessionEnd(searchParam(params, "ended"), portal) ??
    (error ? describeAuthError(error, portal) : null)
  );
}
