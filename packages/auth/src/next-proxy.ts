// The portals' proxy (Next 16's middleware): sends visitors without a session to the sign-in
// page, keeps an active session's cookie rolling (idle timeout), re-reads the account when the
// claims are due, and clears cookies of sessions that have ended. The authoritative checks stay
// in getSession() and the tRPC procedures; this only decides where a browser goes.
import { NextResponse } from "next/server";
import type { NextRequest } from "next/server";

import type { TDb } from "@lastmile/db/client";
import { getDb } from "@lastmile/db/client";

import {
  cookieSettings,
  decodeSessionToken,
  encodeSessionToken,
  readSessionCookie,
} from "./cookie-token";
import { PORTAL_INFO } from "./portals";
import type { TPortal } from "./portals";
import type { TSessionEnd } from "./session-claims";
import { checkClaims } from "./session-claims";

/** Pages for signing in and out of trouble: open to everyone. */
export const AUTH_PAGES = ["/sign-in", "/sign-up", "/apply", "/reset-password", "/verify"];
/** Pages a signed-in visitor has no use for: they go home instead. */
const SIGNED_OUT_ONLY = ["/sign-in", "/sign-up", "/apply"];

const under = (pathname: string, prefixes: string[]) =>
  prefixes.some((p) => pathname === p || pathname.startsWith(`${p}/`));

export type TAuthProxyConfig = {
  portal: TPortal;
  /** Whether a path needs a signed-in visitor. Auth pages and `/api/*` are never protected here. */
  isProtected: (pathname: string) => boolean;
  db?: () => TDb;
  now?: () => Date;
};

/** Only same-site paths are followed after sign-in (no open redirects). */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  return raw;
}

export function createAuthProxy(config: TAuthProxyConfig) {
  const { portal } = config;
  const db = config.db ?? (getDb as () => TDb);
  const now = config.now ?? (() => new Date());
  const { names, options } = cookieSettings(portal);
  const { policy } = PORTAL_INFO[portal];

  const clearSession = (res: NextResponse, req: NextRequest) => {
    for (const c of req.cookies.getAll()) {
      if (c.name === names.sessionToken || c.name.startsWith(`${names.sessionToken}.`)) {
        res.cookies.set(c.name, "", { ...options, maxAge: 0 });
      }
    }
  };

  return async function proxy(req: NextRequest) {
    const { pathname, search } = req.nextUrl;
    const raw = readSessionCookie(req.cookies.getAll(), names.sessionToken);

    let signedIn = false;
    let ended: TSessionEnd | null = null;
    let rolled: string | null = null;
    if (raw) {
      const decoded = await decodeSessionToken(portal, raw);
      const check = decoded
        ? await checkClaims(db(), decoded, portal, now())
        : ({ ok: false, reason: "malformed" } as const);
      if (check.ok) {
        signedIn = true;
        if (check.changed) rolled = await encodeSessionToken(portal, check.claims);
      } else {
        ended = check.reason;
      }
    }

    let res: NextResponse;
    if (
      !signedIn &&
      !pathname.startsWith("/api/") &&
      !under(pathname, AUTH_PAGES) &&
      config.isProtected(pathname)
    ) {
      const to = new URL("/sign-in", req.url);
      if (pathname !== "/" || search) to.searchParams.set("callbackUrl", `${pathname}${search}`);
      if (ended === "idle" || ended === "absolute" || ended === "revoked" || ended === "refused") {
        to.searchParams.set("ended", ended);
      }
      res = NextResponse.redirect(to);
    } else if (signedIn && under(pathname, SIGNED_OUT_ONLY)) {
      res = NextResponse.redirect(
        new URL(safeCallbackPath(req.nextUrl.searchParams.get("callbackUrl")), req.url),
      );
    } else {
      res = NextResponse.next();
    }

    if (ended) clearSession(res, req);
    // Tokens past one cookie's size are next-auth's to chunk; those simply roll on /api/auth.
    if (rolled && rolled.length < 3800 && req.cookies.has(names.sessionToken)) {
      res.cookies.set(names.sessionToken, rolled, { ...options, maxAge: policy.idleS });
    }
    return res;
  };
}
