// next-auth 4 options for one portal: two credentials providers (email + password, and emailed
// links), encrypted JWT sessions with our claims, the portal's own cookie names, and callbacks
// that end a session when it idles, outlives its absolute limit or is revoked.
import type { AuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";

import type { TDb } from "@lastmile/db/client";
import { getDb } from "@lastmile/db/client";

import { cookieSettings, portalSecret, sessionIdFromCookieHeader } from "./cookie-token";
import { env } from "./env";
import { AuthError } from "./errors";
import { signInWithEmailLink, signInWithPassword } from "./flows/sign-in";
import type { TSignedIn } from "./flows/sign-in";
import { clientIp } from "./ip";
import { PASSWORD_MAX } from "./schemas";
import { PORTAL_INFO } from "./portals";
import type { TPortal } from "./portals";
import {
  checkClaims,
  issueClaims,
  revokeSession,
  toSession,
  ZSessionClaims,
} from "./session-claims";

export type TAuthOptionsConfig = {
  portal: TPortal;
  db?: () => TDb;
  now?: () => Date;
};

/** Thrown from the jwt callback to end a session; next-auth then clears the cookie. */
class SessionEnded extends Error {
  constructor(reason: string) {
    super(`session ended: ${reason}`);
    this.name = "SessionEnded";
  }
}

type TClaimsUser = User & { claims: ReturnType<typeof issueClaims> };

const str = (v: unknown, max: number) =>
  typeof v === "string" && v.length > 0 && v.length <= max ? v : null;

export function createAuthOptions(config: TAuthOptionsConfig): AuthOptions {
  const { portal } = config;
  const db = config.db ?? (getDb as () => TDb);
  const now = config.now ?? (() => new Date());
  const { policy } = PORTAL_INFO[portal];
  const { secure, names, options } = cookieSettings(portal);

  /** Turns a successful sign-in into the user next-auth hands to the jwt callback. */
  async function signedIn(
    result: Promise<TSignedIn>,
    headers: Record<string, unknown> | undefined,
    at: Date,
  ): Promise<TClaimsUser> {
    try {
      const { user, sid } = await result;
      // A new session replaces whatever this browser had: that one is revoked, not just forgotten.
      const previous = await sessionIdFromCookieHeader(
        portal,
        headers?.cookie as string | undefined,
      );
      if (previous) await revokeSession(db(), previous);
      return {
        id: user.id,
        name: user.name,
        email: user.email,
        claims: issueClaims(user, { sid, portal, now: at }),
      };
    } catch (e) {
      if (e instanceof AuthError) throw e;
      console.error(`[auth:${portal}] sign-in failed`, e);
      throw new Error("unknown"); // never put an internal message into the redirect URL
    }
  }

  const ipOf = (headers: Record<string, unknown> | undefined) =>
    clientIp((headers ?? {}) as Record<string, string>, env.AUTH_TRUSTED_PROXY_HOPS);

  return {
    secret: portalSecret(portal),
    useSecureCookies: secure,
    session: { strategy: "jwt", maxAge: policy.idleS },
    jwt: { maxAge: policy.idleS },
    cookies: {
      sessionToken: { name: names.sessionToken, options },
      csrfToken: { name: names.csrfToken, options },
      callbackUrl: { name: names.callbackUrl, options },
      pkceCodeVerifier: { name: names.pkceCodeVerifier, options: { ...options, maxAge: 900 } },
      state: { name: names.state, options: { ...options, maxAge: 900 } },
      nonce: { name: names.nonce, options },
    },
    pages: { signIn: "/sign-in", error: "/sign-in", signOut: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "password",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const at = now();
          const email = str(credentials?.email, 254);
          const password = str(credentials?.password, PASSWORD_MAX * 4);
          if (!email || !password) throw new AuthError("invalid-credentials");
          return signedIn(
            signInWithPassword(
              db(),
              { email, password },
              { portal, ip: ipOf(req.headers), now: at },
            ),
            req.headers,
            at,
          );
        },
      }),
      CredentialsProvider({
        id: "email-link",
        name: "Emailed link",
        credentials: {
          email: { label: "Email", type: "email" },
          token: { label: "Token", type: "text" },
          kind: { label: "Kind", type: "text" },
        },
        async authorize(credentials, req) {
          const at = now();
          const email = str(credentials?.email, 254);
          const token = str(credentials?.token, 200);
          const kind = credentials?.kind === "confirm-email" ? "confirm-email" : "magic-link";
          if (!email || !token) throw new AuthError("link-invalid");
          return signedIn(
            signInWithEmailLink(
              db(),
              { email, token, kind },
              { portal, ip: ipOf(req.headers), now: at },
            ),
            req.headers,
            at,
          );
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user && "claims" in user) return (user as TClaimsUser).claims;
        const check = await checkClaims(db(), token, portal, now());
        if (!check.ok) throw new SessionEnded(check.reason);
        return check.claims;
      },
      // Runs after `jwt` has checked and refreshed the token.
      async session({ session, token }) {
        return { ...toSession(ZSessionClaims.parse(token)), expires: session.expires };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await revokeSession(db(), token.sid);
      },
    },
    logger: {
      error(code, metadata) {
        const error = metadata instanceof Error ? metadata : metadata.error;
        // An ended, expired or foreign session token is routine: the cookie is simply cleared.
        const routine =
          error?.name === "SessionEnded" ||
          String((error as { code?: unknown } | undefined)?.code ?? "").startsWith("ERR_JW");
        if (code === "JWT_SESSION_ERROR" && routine) return;
        console.error(`[auth:${portal}] ${code}`, error ?? metadata);
      },
      warn(code) {
        console.warn(`[auth:${portal}] ${code}`);
      },
      debug() {},
    },
  };
}
