// The restaurant's team: who works there, inviting kitchen staff, taking someone off the team.
// An invitation needs no table of its own: the person gets an account (or their existing one) with
// the staff role and the membership at once, and an email through the outbox telling them to sign
// in to the kitchen portal with a sign-in link. Taking someone off ends their sessions, so a
// tablet they were signed in on stops working for them straight away.
import { and, asc, eq, sql } from "drizzle-orm";

import { authEnv, revokeUserSessions } from "@lastmile/auth/server";
import type { TActorContext } from "@lastmile/core/audit";
import { writeAudit } from "@lastmile/core/audit";
import { invalid, notFound } from "@lastmile/core/errors";
import type { TDbOrTx } from "@lastmile/db/client";
import { merchantMembers, merchants, userRoles, users } from "@lastmile/db/schema";
import { enqueueEmail, peopleEmails } from "@lastmile/email";

export async function teamMembers(db: TDbOrTx, merchantId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: merchantMembers.role, since: merchantMembers.createdAt, signedUp: sql<boolean>`${users.passwordHash} is not null or ${users.emailVerified} is not null` })
    .from(merchantMembers)
    .innerJoin(users, eq(users.id, merchantMembers.userId))
    .where(eq(merchantMembers.merchantId, merchantId))
    .orderBy(sql`${merchantMembers.role} = 'owner' desc`, asc(users.name));
}

export async function inviteStaff(db: TDbOrTx, merchantId: string, actor: TActorContext & { name: string }, input: { email: string; name: string }) {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [merchant] = await tx.select({ name: merchants.name }).from(merchants).where(eq(merchants.id, merchantId));
    if (!merchant) throw notFound("That restaurant");
    let [user] = await tx.select({ id: users.id, name: users.name, status: users.status }).from(users).where(sql`lower(${users.email}) = ${email}`);
    if (user?.status && user.status !== "active") throw invalid("email", `The account of ${email} is ${user.status}; ask Lastmile support to look at it first.`);
    if (user) {
      const [member] = await tx.select({ id: merchantMembers.id }).from(merchantMembers).where(and(eq(merchantMembers.merchantId, merchantId), eq(merchantMembers.userId, user.id)));
      if (member) throw invalid("email", `${email} is already on the team.`);
    } else {
      [user] = await tx.insert(users).values({ email, name: input.name.trim() }).returning({ id: users.id, name: users.name, status: users.status });
    }
    if (!user) throw new Error("the invited account could not be created");
    await tx.insert(userRoles).values({ userId: user.id, role: "merchant_staff" }).onConflictDoNothing();
    await tx.insert(merchantMembers).values({ merchantId, userId: user.id, role: "staff" });

    const signIn = `${(authEnv.NEXT_PUBLIC_MERCHANT_URL ?? "http://localhost:3001").replace(/\/$/, "")}/sign-in?email=${encodeURIComponent(email)}`;
    await enqueueEmail(tx, email, peopleEmails.staffInvitation({ merchantName: merchant.name, role: "merchant_staff", invitedBy: actor.name }, signIn));
    await writeAudit(tx, actor, { action: "merchant.team.invite", entityType: "merchant", entityId: merchantId, after: { userId: user.id, email, role: "staff" } });
    return { userId: user.id, email, name: user.name };
  });
}

export async function removeMember(db: TDbOrTx, merchantId: string, actor: TActorContext, userId: string) {
  if (userId === actor.userId) throw invalid("userId", "You cannot take yourself off the team.");
  const result = await db.transaction(async (tx) => {
    const [member] = await tx.select({ id: merchantMembers.id, role: merchantMembers.role }).from(merchantMembers).where(and(eq(merchantMembers.merchantId, merchantId), eq(merchantMembers.userId, userId)));
    if (!member) throw invalid("userId", "That person is not on your team.");
    if (member.role === "owner") throw invalid("userId", "An owner cannot be taken off the team here; contact Lastmile support.");
    await tx.delete(merchantMembers).where(eq(merchantMembers.id, member.id));
    // The staff role goes with the last restaurant they worked at.
    const [other] = await tx.select({ id: merchantMembers.id }).from(merchantMembers).where(and(eq(merchantMembers.userId, userId), eq(merchantMembers.role, "staff")));
    if (!other) await tx.delete(userRoles).where(and(eq(userRoles.userId, userId), eq(userRoles.role, "merchant_staff")));
    await writeAudit(tx, actor, { action: "merchant.team.remove", entityType: "merchant", entityId: merchantId, before: { userId, role: member.role } });
    return { removed: userId };
  });
  await revokeUserSessions(db, userId);
  return result;
}
