// Signing in, by password or by an emailed link. Both end in `completeSignIn`: a new session id
// registered in the database, and the claims the session cookie will carry.
import { eq } from "drizzle-orm";

import type { TDb, TDbOrTx } from "@lastmile/db/client";
import { users } from "@lastmile/db/schema";

import { accountWaitS, clearFailures, recordFailure } from "../account-delay";
import { findAccountByEmail, toSessionUser } from "../account";
import type { TAccount } from "../account";
import { admit } from "../admission";
import { AuthError } from "../errors";
import { dummyHash, hashPassword, needsRehash, verifyPassword } from "../password";
import type { TPortal } from "../portals";
import { hitRateLimit, RATE_LIMITS } from "../rate-limit";
import { newSessionId, registerSession } from "../session-claims";
import type { TSessionUser } from "../session";
import { consumeToken } from "../tokens";
import { sendConfirmation } from "./register";

export type TAuthContext = { portal: TPortal; ip: string; now: Date };
export type TSignedIn = { user: TSessionUser; sid: string };

export async function completeSignIn(
  db: TDbOrTx,
  account: TAccount,
  ctx: Pick<TAuthContext, "portal" | "now">,
): Promise<TSignedIn> {
  const sid = newSessionId();
  await registerSession(db, { sid, userId: account.id, portal: ctx.portal, now: ctx.now });
  return { user: toSessionUser(account), sid };
}

/**
 * Email and password. Refusals before the password is proven (`rate-limited`, `throttled`,
 * `invalid-credentials`) are the same for an address with no account; status and portal
 * refusals come only after the right password.
 */
export async function signInWithPassword(
  db: TDb,
  input: { email: string; password: string },
  ctx: TAuthContext,
): Promise<TSignedIn> {
  const ipLimit = await hitRateLimit(db, `sign-in:ip:${ctx.ip}`, RATE_LIMITS.signInPerIp, ctx.now);
  if (!ipLimit.allowed) throw new AuthError("rate-limited", String(ipLimit.retryAfterS));

  const email = input.email.trim();
  const wait = await accountWaitS(db, email, ctx.now);
  if (wait > 0) throw new AuthError("throttled", String(wait));

  const account = await findAccountByEmail(db, email);
  const usable = account && account.status !== "erased" && account.passwordHash;
  const hash = usable ? (account.passwordHash as string) : await dummyHash();
  const matches = await verifyPassword(hash, input.password);
  if (!usable || !matches) {
    await recordFailure(db, email, ctx.now);
    throw new AuthError("invalid-credentials");
  }
  await clearFailures(db, email);

  if (needsRehash(hash)) {
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(users.id, account.id));
  }

  if (!account.emailVerified) {
    // Until the address is confirmed the account is as good as absent; send the link again.
    await sendConfirmation(db, account, ctx.portal, ctx.now);
    throw new AuthError("invalid-credentials");
  }

  const admission = admit(account, ctx.portal);
  if (!admission.ok) throw admission.error;
  return completeSignIn(db, account, ctx);
}

/**
 * A magic link or an email-confirmation link. Using it proves the address, so it also confirms
 * the email and forgives earlier password failures.
 */
export async function signInWithEmailLink(
  db: TDb,
  input: { email: string; token: string; kind: "magic-link" | "confirm-email" },
  ctx: TAuthContext,
): Promise<TSignedIn> {
  const email = input.email.trim();
  const valid = await consumeToken(db, {
    purpose: input.kind,
    email,
    token: input.token,
    portal: ctx.portal,
    now: ctx.now,
  });
  if (!valid) throw new AuthError("link-invalid");
  const account = await findAccountByEmail(db, email);
  if (!account || account.status === "erased") throw new AuthError("link-invalid");

  if (!account.emailVerified) {
    await db.update(users).set({ emailVerified: ctx.now }).where(eq(users.id, account.id));
    account.emailVerified = ctx.now;
  }
  await clearFailures(db, email);

  const admission = admit(account, ctx.portal);
  if (!admission.ok) throw admission.error;
  return completeSignIn(db, account, ctx);
}
