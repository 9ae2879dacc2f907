// What a session cookie carries (inside next-auth's encrypted JWT) and the rules that end it:
// the portal it was issued for, idle and absolute timeouts, and a periodic re-read of the
// account that also checks the session is still registered — so a password reset, a
// suspension or a sign-out elsewhere ends it within the portal's `claimsTtlS`.
//
// The registry is next-auth's `sessions` table, unused by next-auth itself with JWT sessions:
// one row per signed-in browser (`session_token` = the session id), expiring at the absolute
// timeout.
import { randomBytes } from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import { z } from "zod";

import type { TDbOrTx } from "@lastmile/db/client";
import { roleEnum, sessions } from "@lastmile/db/schema";

import { loadAccount, toSessionUser } from "./account";
import { admit } from "./admission";
import { PORTAL_INFO, PORTALS } from "./portals";
import type { TPortal } from "./portals";
import type { TSession, TSessionUser } from "./session";

export const ZSessionClaims = z.object({
  sub: z.uuid(),
  name: z.string(),
  email: z.string(),
  sid: z.string().min(16),
  portal: z.enum(PORTALS),
  /** Seconds since the epoch: when the person signed in. */
  authTime: z.number().int(),
  /** Seconds since the epoch: the last request seen (to a precision of the portal's `rollS`). */
  lastSeenAt: z.number().int(),
  /** Seconds since the epoch: when roles and status were last read from the database. */
  claimsAt: z.number().int(),
  roles: z.array(z.enum(roleEnum.enumValues)),
  merchantIds: z.array(z.uuid()),
  courierId: z.uuid().nullable(),
  areaIds: z.array(z.uuid()),
});
export type TSessionClaims = z.infer<typeof ZSessionClaims>;

export type TSessionEnd = "malformed" | "portal" | "idle" | "absolute" | "revoked" | "refused";

export type TClaimsCheck =
  { ok: true; claims: TSessionClaims; changed: boolean } | { ok: false; reason: TSessionEnd };

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

export const newSessionId = () => randomBytes(24).toString("base64url");

/** Records a new signed-in session; it lapses at the portal's absolute timeout. */
export async function registerSession(
  db: TDbOrTx,
  opts: { sid: string; userId: string; portal: TPortal; now: Date },
) {
  const expires = new Date(opts.now.getTime() + PORTAL_INFO[opts.portal].policy.absoluteS * 1000);
  await db.insert(sessions).values({ sessionToken: opts.sid, userId: opts.userId, expires });
}

export async function revokeSession(db: TDbOrTx, sid: string) {
  await db.delete(sessions).where(eq(sessions.sessionToken, sid));
}

/** Signs a person out everywhere (password changed, account suspended, "sign out all devices"). */
export async function revokeUserSessions(db: TDbOrTx, userId: string) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function pruneSessions(db: TDbOrTx, now: Date) {
  await db.delete(sessions).where(lte(sessions.expires, now));
}

export function issueClaims(
  user: TSessionUser,
  opts: { sid: string; portal: TPortal; now: Date },
): TSessionClaims {
  const t = seconds(opts.now);
  return {
    sub: user.id,
    name: user.name,
    email: user.email,
    sid: opts.sid,
    portal: opts.portal,
    authTime: t,
    lastSeenAt: t,
    claimsAt: t,
    roles: user.roles,
    merchantIds: user.merchantIds,
    courierId: user.courierId,
    areaIds: user.areaIds,
  };
}

/**
 * Decides whether a decoded token is still a session at `now`, refreshing what is due: the
 * account every `claimsTtlS`, the last-seen time every `rollS`. `changed` says the cookie
 * should be rewritten.
 */
export async function checkClaims(
  db: TDbOrTx,
  raw: unknown,
  portal: TPortal,
  now: Date,
): Promise<TClaimsCheck> {
  const parsed = ZSessionClaims.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "malformed" };
  let claims = parsed.data;
  const { policy } = PORTAL_INFO[portal];
  const t = seconds(now);
  if (claims.portal !== portal) return { ok: false, reason: "portal" };
  if (t - claims.authTime >= policy.absoluteS) return { ok: false, reason: "absolute" };
  if (t - claims.lastSeenAt >= policy.idleS) return { ok: false, reason: "idle" };

  let changed = false;
  if (t - claims.claimsAt >= policy.claimsTtlS) {
    const [registered] = await db
      .select({ userId: sessions.userId })
      .from(sessions)
      .where(and(eq(sessions.sessionToken, claims.sid), gt(sessions.expires, now)));
    if (!registered || registered.userId !== claims.sub) return { ok: false, reason: "revoked" };
    const account = await loadAccount(db, claims.sub);
    if (!account || !account.emailVerified || !admit(account, portal).ok) {
      return { ok: false, reason: "refused" };
    }
    const user = toSessionUser(account);
    claims = {
      ...claims,
      name: user.name,
      email: user.email,
      roles: user.roles,
      merchantIds: user.merchantIds,
      courierId: user.courierId,
      areaIds: user.areaIds,
      claimsAt: t,
    };
    changed = true;
  }
  if (t - claims.lastSeenAt >= policy.rollS) {
    claims = { ...claims, lastSeenAt: t };
    changed = true;
  }
  return { ok: true, claims, changed };
}

/** The session the API sees, expiring at whichever timeout comes first. */
export function toSession(claims: TSessionClaims): NonNullable<TSession> {
  const { policy } = PORTAL_INFO[claims.portal];
  const ends = Math.min(claims.lastSeenAt + policy.idleS, claims.authTime + policy.absoluteS);
  return {
    user: {
      id: claims.sub,
      email: claims.email,
      name: claims.name,
      roles: claims.roles,
      merchantIds: claims.merchantIds,
      courierId: claims.courierId,
      areaIds: claims.areaIds,
    },
    expiresAt: new Date(ends * 1000).toISOString(),
  };
}
