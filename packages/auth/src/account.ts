// Everything sign-in needs to know about a person, read in one go: the user row, roles (with
// their area scope), merchant memberships with the merchant's status, and the courier profile.
import { eq, sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { couriers, merchantMembers, merchants, userRoles, users } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";

import type { TSessionUser } from "./session";

export type TAccount = {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  status: "active" | "pending" | "suspended" | "erased";
  emailVerified: Date | null;
  roles: { role: TRole; areaId: string | null }[];
  memberships: {
    merchantId: string;
    role: "owner" | "staff";
    merchantStatus: "pending" | "verified" | "suspended";
  }[];
  courier: {
    id: string;
    applicationStatus: "pending" | "approved" | "rejected" | "suspended";
  } | null;
};

async function complete(db: TDbOrTx, user: typeof users.$inferSelect): Promise<TAccount> {
  const [roles, memberships, courier] = await Promise.all([
    db
      .select({ role: userRoles.role, areaId: userRoles.areaId })
      .from(userRoles)
      .where(eq(userRoles.userId, user.id)),
    db
      .select({
        merchantId: merchantMembers.merchantId,
        role: merchantMembers.role,
        merchantStatus: merchants.status,
      })
      .from(merchantMembers)
      .innerJoin(merchants, eq(merchants.id, merchantMembers.merchantId))
      .where(eq(merchantMembers.userId, user.id)),
    db
      .select({ id: couriers.id, applicationStatus: couriers.applicationStatus })
      .from(couriers)
      .where(eq(couriers.userId, user.id)),
  ]);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    passwordHash: user.passwordHash,
    status: user.status,
    emailVerified: user.emailVerified,
    roles,
    memberships,
    courier: courier[0] ?? null,
  };
}

/** The account with this email (case-insensitive), or null. */
export async function findAccountByEmail(db: TDbOrTx, email: string): Promise<TAccount | null> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`);
  return user ? complete(db, user) : null;
}

export async function loadAccount(db: TDbOrTx, userId: string): Promise<TAccount | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user ? complete(db, user) : null;
}

/** What the session carries: only what is in force (verified merchants, scoped areas). */
export function toSessionUser(account: TAccount): TSessionUser {
  const roles = [...new Set(account.roles.map((r) => r.role))].sort();
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    roles,
    merchantIds: account.memberships
      .filter((m) => m.merchantStatus === "verified")
      .map((m) => m.merchantId)
      .sort(),
    courierId: account.courier?.applicationStatus === "approved" ? account.courier.id : null,
    areaIds: [...new Set(account.roles.flatMap((r) => (r.areaId ? [r.areaId] : [])))].sort(),
  };
}
