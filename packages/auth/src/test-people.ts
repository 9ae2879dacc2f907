// People for the auth tests: one of each kind, with a known password, built from plain inserts.
import { desc, eq } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { insertCountry, insertMerchant } from "@lastmile/db/fixtures";
import { couriers, emailOutbox, merchantMembers, userRoles, users } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";

import { hashPassword } from "./password";

export const PASSWORD = "correct horse battery staple";
export const IP = "203.0.113.7";

let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

export type TPersonSpec = {
  email: string;
  roles?: TRole[];
  status?: "active" | "pending" | "suspended" | "erased";
  verified?: boolean;
  courier?: "pending" | "approved" | "rejected" | "suspended";
  merchant?: { merchantId: string; role: "owner" | "staff" };
  areaId?: string;
};

export async function insertPerson(db: TDbOrTx, spec: TPersonSpec) {
  const [user] = await db
    .insert(users)
    .values({
      email: spec.email,
      name: spec.email.split("@")[0] ?? "someone",
      passwordHash: await passwordHash(),
      status: spec.status ?? "active",
      emailVerified: spec.verified === false ? null : new Date("2026-01-01T00:00:00Z"),
    })
    .returning();
  if (!user) throw new Error("insert failed");
  for (const role of spec.roles ?? []) {
    await db
      .insert(userRoles)
      .values({ userId: user.id, role, areaId: role === "ops_manager" ? spec.areaId : null });
  }
  let courierId: string | null = null;
  if (spec.courier) {
    const [c] = await db
      .insert(couriers)
      .values({ userId: user.id, vehicle: "bicycle", applicationStatus: spec.courier })
      .returning({ id: couriers.id });
    courierId = c?.id ?? null;
  }
  if (spec.merchant) {
    await db.insert(merchantMembers).values({ userId: user.id, ...spec.merchant });
  }
  return { ...user, courierId };
}

/** A country, a verified merchant and a pending one, and one person of every kind. */
export async function insertCast(db: TDbOrTx) {
  const country = await insertCountry(db);
  const verified = await insertMerchant(db, country.id, { status: "verified" });
  const pending = await insertMerchant(db, country.id, { slug: "nova", status: "pending" });
  const people = {
    customer: await insertPerson(db, { email: "clara@example.com", roles: ["customer"] }),
    owner: await insertPerson(db, {
      email: "olivia@example.com",
      roles: ["merchant_owner"],
      merchant: { merchantId: verified.id, role: "owner" },
    }),
    staff: await insertPerson(db, {
      email: "sergio@example.com",
      roles: ["merchant_staff"],
      merchant: { merchantId: verified.id, role: "staff" },
    }),
    pendingOwner: await insertPerson(db, {
      email: "nuno@example.com",
      roles: ["merchant_owner"],
      merchant: { merchantId: pending.id, role: "owner" },
    }),
    courier: await insertPerson(db, {
      email: "carlos@example.com",
      roles: ["courier"],
      courier: "approved",
    }),
    pendingCourier: await insertPerson(db, {
      email: "paula@example.com",
      roles: ["courier"],
      status: "pending",
      courier: "pending",
    }),
    rejectedCourier: await insertPerson(db, {
      email: "rui@example.com",
      roles: ["courier"],
      courier: "rejected",
    }),
    support: await insertPerson(db, { email: "silvia@example.com", roles: ["support"] }),
    ops: await insertPerson(db, {
      email: "oscar@example.com",
      roles: ["ops_manager"],
      areaId: country.id,
    }),
    admin: await insertPerson(db, { email: "adelina@example.com", roles: ["admin"] }),
    suspended: await insertPerson(db, {
      email: "sam@example.com",
      roles: ["customer"],
      status: "suspended",
    }),
    unverified: await insertPerson(db, {
      email: "ulla@example.com",
      roles: ["customer"],
      verified: false,
    }),
  };
  return { country, verified, pending, people };
}

/** The newest outbox email to an address. */
export async function lastEmailTo(db: TDbOrTx, to: string) {
  const [row] = await db
    .select()
    .from(emailOutbox)
    .where(eq(emailOutbox.toAddress, to))
    .orderBy(desc(emailOutbox.sendAfter), desc(emailOutbox.createdAt))
    .limit(1);
  return row ?? null;
}

/** The `token` and `email` of the first link in an email's text. */
export function linkIn(text: string) {
  const m = /(https?:\/\/\S+)/.exec(text);
  if (!m?.[1]) throw new Error(`no link in: ${text}`);
  const url = new URL(m[1]);
  return {
    url,
    token: url.searchParams.get("token") ?? "",
    email: url.searchParams.get("email") ?? "",
  };
}
