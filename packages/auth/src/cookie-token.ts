// The session cookie itself: its name and flags per portal, and the encrypted token inside
// (next-auth's JWE). Each portal encrypts with its own key derived from AUTH_SECRET, so a
// cookie copied from one portal to another does not even decrypt there.
import { createHash } from "node:crypto";
import { decode, encode } from "next-auth/jwt";

import { env } from "./env";
import { cookieNames, PORTAL_INFO } from "./portals";
import type { TPortal } from "./portals";
import type { TSessionClaims } from "./session-claims";

export function portalSecret(portal: TPortal, secret = env.AUTH_SECRET) {
  return createHash("sha256").update(`lastmile:${portal}:${secret}`).digest("base64url");
}

export function cookieSettings(portal: TPortal, secure = env.AUTH_SECURE_COOKIES) {
  return {
    secure,
    names: cookieNames(portal, secure),
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** next-auth splits tokens over 4 KB into `name.0`, `name.1`, …; this joins them back. */
export function readSessionCookie(
  cookies: { name: string; value: string }[],
  name: string,
): string | null {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

export async function decodeSessionToken(portal: TPortal, token: string): Promise<unknown> {
  try {
    return await decode({ token, secret: portalSecret(portal) });
  } catch {
    return null; // tampered, expired, or from another portal
  }
}

export function encodeSessionToken(portal: TPortal, claims: TSessionClaims): Promise<string> {
  return encode({
    token: claims,
    secret: portalSecret(portal),
    maxAge: PORTAL_INFO[portal].policy.idleS,
  });
}

/** The session id inside a Cookie header's session cookie, if it decodes. */
export async function sessionIdFromCookieHeader(
  portal: TPortal,
  cookieHeader: string | undefined,
): Promise<string | null> {
  if (!cookieHeader) return null;
  const cookies = cookieHeader.split(";").flatMap((part) => {
    const i = part.indexOf("=");
    if (i < 0) return [];
    try {
      return [
        { name: part.slice(0, i).trim(), value: decodeURIComponent(part.slice(i + 1).trim()) },
      ];
    } catch {
      return [];
    }
  });
  const raw = readSessionCookie(cookies, cookieSettings(portal).names.sessionToken);
  if (!raw) return null;
  const claims = (await decodeSessionToken(portal, raw)) as { sid?: unknown } | null;
  return typeof claims?.sid === "string" ? claims.sid : null;
}
