// Single-use email tokens (magic links, email confirmation, password reset) in
// `verification_tokens`: only a SHA-256 of the token is stored, each expires, and using one
// deletes it in the same statement that checks it, so two clicks cannot both succeed.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { verificationTokens } from "@lastmile/db/schema";

import { emailKey } from "./account-delay";
import { PORTALS } from "./portals";
import type { TPortal } from "./portals";

export type TTokenPurpose = "magic-link" | "confirm-email" | "password-reset";

export const TOKEN_TTL_S: Record<TTokenPurpose, number> = {
  "magic-link": 15 * 60,
  "confirm-email": 24 * 60 * 60,
  "password-reset": 30 * 60,
};

/** What a token was issued for: purpose, address and (for magic links) the portal. */
export function tokenIdentifier(purpose: TTokenPurpose, email: string, portal?: TPortal) {
  return purpose === "magic-link"
    ? `${purpose}:${portal ?? "customer"}:${emailKey(email)}`
    : `${purpose}:${emailKey(email)}`;
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Issues a new token (256 random bits, base64url) and returns it for the email; earlier tokens
 * for the same purpose and address stop working.
 */
export async function issueToken(
  db: TDbOrTx,
  opts: { purpose: TTokenPurpose; email: string; portal?: TPortal; now: Date },
): Promise<string> {
  const identifier = tokenIdentifier(opts.purpose, opts.email, opts.portal);
  const token = randomBytes(32).toString("base64url");
  await db.delete(verificationTokens).where(eq(verificationTokens.identifier, identifier));
  await db.insert(verificationTokens).values({
    identifier,
    token: hashToken(token),
    expires: new Date(opts.now.getTime() + TOKEN_TTL_S[opts.purpose] * 1000),
  });
  return token;
}

/** Uses a token up: true only for the first use of a token that exists and has not expired. */
export async function consumeToken(
  db: TDbOrTx,
  opts: { purpose: TTokenPurpose; email: string; token: string; portal?: TPortal; now: Date },
): Promise<boolean> {
  if (!opts.token || opts.token.length > 200) return false;
  const identifier = tokenIdentifier(opts.purpose, opts.email, opts.portal);
  const used = await db
    .delete(verificationTokens)
    .where(
      and(
        eq(verificationTokens.identifier, identifier),
        eq(verificationTokens.token, hashToken(opts.token)),
      ),
    )
    .returning({ expires: verificationTokens.expires });
  const row = used[0];
  return !!row && row.expires.getTime() > opts.now.getTime();
}

/** Deletes every token of a purpose for an address (after a password change, say). */
export async function revokeTokens(db: TDbOrTx, purpose: TTokenPurpose, email: string) {
  const identifiers =
    purpose === "magic-link"
      ? PORTALS.map((p) => tokenIdentifier(purpose, email, p))
      : [tokenIdentifier(purpose, email)];
  await db.delete(verificationTokens).where(inArray(verificationTokens.identifier, identifiers));
}

/** Deletes expired tokens (for the worker). */
export async function pruneTokens(db: TDbOrTx, now: Date) {
  await db.delete(verificationTokens).where(lte(verificationTokens.expires, now));
}

/** Whether an unexpired token of this kind is waiting (used by tests and the admin). */
export async function hasLiveToken(
  db: TDbOrTx,
  purpose: TTokenPurpose,
  email: string,
  now: Date,
  portal?: TPortal,
) {
  const rows = await db
    .select({ n: sql<number>`1` })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.identifier, tokenIdentifier(purpose, email, portal)),
        gt(verificationTokens.expires, now),
      ),
    );
  return rows.length > 0;
}
