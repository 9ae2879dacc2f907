// An admin's decisions about people: approving applications (status, account, audit, email in
// one go, once) and suspending an account (signed out everywhere at once).
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity, insertUser } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { auditLog, couriers, emailOutbox, merchants, sessions, users } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;

const adminSession = (id: string): TSession => ({
  user: { id, email: "admin@example.com", name: "Admin", roles: ["admin"], merchantIds: [], courierId: null, areaIds: [] },
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});
const asAdmin = () => testCaller(db, adminSession(city.users.owner.id));

async function pendingCourier() {
  const user = await insertUser(db, "new.rider@example.com", "Rui");
  await db.update(users).set({ status: "pending" }).where(eq(users.id, user.id));
  const [courier] = await db.insert(couriers).values({ userId: user.id, vehicle: "bicycle" }).returning({ id: couriers.id });
  return { userId: user.id, courierId: (courier as { id: string }).id };
}

async function codeOf(call: Promise<unknown>) {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

beforeEach(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
});

describe(`admin decisions about people on ${testBackend()}`, () => {
  it("approves a courier's application once: courier approved, account active, audited, applicant emailed", async () => {
    const applicant = await pendingCourier();
    await asAdmin().admin.reviewCourier({ courierId: applicant.courierId, decision: "approve" });

    const [courier] = await db.select({ status: couriers.applicationStatus }).from(couriers).where(eq(couriers.id, applicant.courierId));
    const [user] = await db.select({ status: users.status }).from(users).where(eq(users.id, applicant.userId));
    expect(courier?.status).toBe("approved");
    expect(user?.status).toBe("active");
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, applicant.courierId), eq(auditLog.action, "courier.approve")));
    expect(audit).toHaveLength(1);
    const mail = await db.select({ to: emailOutbox.toAddress }).from(emailOutbox).where(eq(emailOutbox.toAddress, "new.rider@example.com"));
    expect(mail).toHaveLength(1);

    // Deciding again is a conflict the admin can read, and changes nothing.
    expect(await codeOf(asAdmin().admin.reviewCourier({ courierId: applicant.courierId, decision: "reject", reason: "Changed my mind" }))).toBe("CONFLICT");
    const [still] = await db.select({ status: couriers.applicationStatus }).from(couriers).where(eq(couriers.id, applicant.courierId));
    expect(still?.status).toBe("approved");
  });

  it("verifies a pending restaurant through its application, and suspends a verified one with an audit entry", async () => {
    await db.update(merchants).set({ status: "pending" }).where(eq(merchants.id, city.other.id));
    await asAdmin().admin.reviewMerchant({ merchantId: city.other.id, decision: "verify" });
    const [verified] = await db.select({ status: merchants.status }).from(merchants).where(eq(merchants.id, city.other.id));
    expect(verified?.status).toBe("verified");
    expect(await db.select().from(auditLog).where(and(eq(auditLog.entityId, city.other.id), eq(auditLog.action, "merchant.approve")))).toHaveLength(1);

    await asAdmin().admin.reviewMerchant({ merchantId: city.other.id, decision: "suspend", reason: "Hygiene inspection failed" });
    const [suspended] = await db.select({ status: merchants.status }).from(merchants).where(eq(merchants.id, city.other.id));
    expect(suspended?.status).toBe("suspended");
    const [entry] = await db.select({ after: auditLog.after }).from(auditLog).where(and(eq(auditLog.entityId, city.other.id), eq(auditLog.action, "merchant.suspend")));
    expect(entry?.after).toMatchObject({ status: "suspended", reason: "Hygiene inspection failed" });
  });

  it("suspending a user signs them out of every portal in the same step", async () => {
    const target = city.users.otherCustomer.id;
    const expires = new Date(Date.now() + 86400_000);
    await db.insert(sessions).values([
      { sessionToken: "sid-phone", userId: target, expires },
      { sessionToken: "sid-laptop", userId: target, expires },
      { sessionToken: "sid-someone-else", userId: city.users.customer.id, expires },
    ]);
    await asAdmin().admin.setUserStatus({ userId: target, status: "suspended", reason: "Chargeback fraud" });

    const left = await db.select({ sid: sessions.sessionToken }).from(sessions);
    expect(left.map((s) => s.sid)).toEqual(["sid-someone-else"]);
    const [user] = await db.select({ status: users.status }).from(users).where(eq(users.id, target));
    expect(user?.status).toBe("suspended");
  });
});
