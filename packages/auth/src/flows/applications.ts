// An admin's decision on a courier's or a restaurant's application: the application's status,
// the applicant's account (pending → active), the audit log and the email, in one transaction.
// The admin router calls these; the caller's role is checked there.
import { and, eq, inArray } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { auditLog, couriers, merchantMembers, merchants, users } from "@lastmile/db/schema";

import { emails, enqueueEmail } from "../emails";

export type TDecision = {
  approve: boolean;
  /** Shown to the applicant when turned down. */
  reason?: string;
  actor: { id: string; role: string; ip?: string };
  now: Date;
};

export class ApplicationNotFoundError extends Error {
  constructor(kind: string) {
    super(`No pending ${kind} application with that id.`);
    this.name = "ApplicationNotFoundError";
  }
}

export async function decideCourierApplication(db: TDb, courierId: string, d: TDecision) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(couriers)
      .set({ applicationStatus: d.approve ? "approved" : "rejected" })
      .where(and(eq(couriers.id, courierId), eq(couriers.applicationStatus, "pending")))
      .returning({ userId: couriers.userId });
    if (!row) throw new ApplicationNotFoundError("courier");
    const [user] = await tx
      .update(users)
      .set({ status: "active" })
      .where(and(eq(users.id, row.userId), eq(users.status, "pending")))
      .returning({ email: users.email, name: users.name });
    await tx.insert(auditLog).values({
      actorId: d.actor.id,
      actorRole: d.actor.role,
      action: d.approve ? "courier.approve" : "courier.reject",
      entityType: "courier",
      entityId: courierId,
      before: { applicationStatus: "pending" },
      after: { applicationStatus: d.approve ? "approved" : "rejected", reason: d.reason ?? null },
      ip: d.actor.ip ?? null,
    });
    if (user) {
      await enqueueEmail(
        tx,
        user.email,
        emails.applicationDecided("courier", user.name, d.approve, d.reason),
        d.now,
      );
    }
  });
}

/**
 * Approving verifies the restaurant and activates its pending owners; turning it down suspends
 * it (merchants have no `rejected` status) and leaves the owners' accounts active, so signing
 * in says the restaurant is suspended rather than still under review.
 */
export async function decideMerchantApplication(db: TDb, merchantId: string, d: TDecision) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(merchants)
      .set({ status: d.approve ? "verified" : "suspended" })
      .where(and(eq(merchants.id, merchantId), eq(merchants.status, "pending")))
      .returning({ id: merchants.id });
    if (!row) throw new ApplicationNotFoundError("restaurant");
    const owners = await tx
      .select({ userId: merchantMembers.userId })
      .from(merchantMembers)
      .where(and(eq(merchantMembers.merchantId, merchantId), eq(merchantMembers.role, "owner")));
    const activated = owners.length
      ? await tx
          .update(users)
          .set({ status: "active" })
          .where(
            and(
              inArray(
                users.id,
                owners.map((o) => o.userId),
              ),
              eq(users.status, "pending"),
            ),
          )
          .returning({ email: users.email, name: users.name })
      : [];
    await tx.insert(auditLog).values({
      actorId: d.actor.id,
      actorRole: d.actor.role,
      action: d.approve ? "merchant.approve" : "merchant.reject",
      entityType: "merchant",
      entityId: merchantId,
      before: { status: "pending" },
      after: { status: d.approve ? "verified" : "suspended", reason: d.reason ?? null },
      ip: d.actor.ip ?? null,
    });
    for (const u of activated) {
      await enqueueEmail(
        tx,
        u.email,
        emails.applicationDecided("merchant", u.name, d.approve, d.reason),
        d.now,
      );
    }
  });
}
