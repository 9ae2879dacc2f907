// Requests for emailed links — a magic sign-in link or a password reset. The answer is always
// the same; what is sent depends on the account, and only its owner reads that.
import { eq } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { auditLog, users } from "@lastmile/db/schema";

import { clearFailures } from "../account-delay";
import { findAccountByEmail } from "../account";
import { admit } from "../admission";
import { emails, enqueueEmail } from "../emails";
import { AuthError } from "../errors";
import { describeAuthError } from "../messages";
import { hashPassword } from "../password";
import type { TPortal } from "../portals";
import { hitRateLimit, RATE_LIMITS } from "../rate-limit";
import { revokeUserSessions } from "../session-claims";
import { consumeToken, issueToken, revokeTokens } from "../tokens";

export type TLinkContext = { portal: TPortal; ip: string; now: Date };
export type TLinkRequested = { status: "check-email"; email: string };

async function limitRequests(db: TDb, ctx: TLinkContext, email: string) {
  const ip = await hitRateLimit(db, `email-link:ip:${ctx.ip}`, RATE_LIMITS.emailLinkPerIp, ctx.now);
  if (!ip.allowed) throw new AuthError("rate-limited", String(ip.retryAfterS));
  const address = await hitRateLimit(
    db,
    `email:${email.trim().toLowerCase()}`,
    RATE_LIMITS.emailsPerAddress,
    ctx.now,
  );
  return address.allowed;
}

export async function requestMagicLink(
  db: TDb,
  input: { email: string },
  ctx: TLinkContext,
): Promise<TLinkRequested> {
  const email = input.email.trim();
  const answer: TLinkRequested = { status: "check-email", email };
  const sendable = await limitRequests(db, ctx, email);
  const account = await findAccountByEmail(db, email);
  if (!sendable || !account || account.status === "erased") return answer;

  const admission = admit(account, ctx.portal);
  if (admission.ok) {
    const token = await issueToken(db, {
      purpose: "magic-link",
      email: account.email,
      portal: ctx.portal,
      now: ctx.now,
    });
    await enqueueEmail(
      db,
      account.email,
      emails.magicLink(ctx.portal, account.email, token),
      ctx.now,
    );
  } else {
    // The owner of the address learns why; the person at the form learns nothing.
    const reason = describeAuthError(admission.error.message, ctx.portal);
    await enqueueEmail(db, account.email, emails.noAccessHere(ctx.portal, reason), ctx.now);
  }
  return answer;
}

export async function requestPasswordReset(
  db: TDb,
  input: { email: string },
  ctx: TLinkContext,
): Promise<TLinkRequested> {
  const email = input.email.trim();
  const answer: TLinkRequested = { status: "check-email", email };
  const sendable = await limitRequests(db, ctx, email);
  const account = await findAccountByEmail(db, email);
  if (!sendable || !account || account.status === "erased") return answer;
  const token = await issueToken(db, {
    purpose: "password-reset",
    email: account.email,
    now: ctx.now,
  });
  await enqueueEmail(
    db,
    account.email,
    emails.passwordReset(ctx.portal, account.email, token),
    ctx.now,
  );
  return answer;
}

/**
 * Sets a new password with a reset link: the link is used up, the address counts as confirmed,
 * past failures are forgiven, and every session of the account ends.
 */
export async function resetPassword(
  db: TDb,
  input: { email: string; token: string; password: string },
  ctx: TLinkContext,
): Promise<{ status: "password-changed" }> {
  // Hashing is deliberately slow: a flood of guesses must not tie up the CPU.
  const ip = await hitRateLimit(db, `reset:ip:${ctx.ip}`, RATE_LIMITS.signInPerIp, ctx.now);
  if (!ip.allowed) throw new AuthError("rate-limited", String(ip.retryAfterS));
  const email = input.email.trim();
  const used = await consumeToken(db, {
    purpose: "password-reset",
    email,
    token: input.token,
    now: ctx.now,
  });
  const account = used ? await findAccountByEmail(db, email) : null;
  if (!account || account.status === "erased") throw new AuthError("link-invalid");
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, emailVerified: account.emailVerified ?? ctx.now })
      .where(eq(users.id, account.id));
    await clearFailures(tx, email);
    await revokeUserSessions(tx, account.id);
    await revokeTokens(tx, "magic-link", email);
    await tx.insert(auditLog).values({
      actorId: account.id,
      actorRole: "self",
      action: "auth.password_reset",
      entityType: "user",
      entityId: account.id,
      ip: ctx.ip,
    });
    await enqueueEmail(tx, account.email, emails.passwordChanged(ctx.portal), ctx.now);
  });
  return { status: "password-changed" };
}
