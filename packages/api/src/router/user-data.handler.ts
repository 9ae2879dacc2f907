// A person's data rights, shared by the person themself (me.exportData, me.deleteAccount) and by
// an administrator acting on their request (admin.exportUser, admin.eraseUser): what we hold about
// them, and erasure by anonymisation — orders stay for the books, without the person in them.
import { eq } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { accounts, carts, customerAddresses, notifications, orders, reviews, sessions, userRoles, users } from "@lastmile/db/schema";

export async function exportUserData(db: TDbOrTx, userId: string) {
  const [profile] = await db.select({ email: users.email, name: users.name, phone: users.phone, createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  return {
    exportedAt: new Date(),
    profile,
    roles: (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).map((r) => r.role),
    addresses: await db.select().from(customerAddresses).where(eq(customerAddresses.userId, userId)),
    orders: await db.select({ number: orders.number, status: orders.status, totalCents: orders.totalCents, currency: orders.currency, placedAt: orders.placedAt, dropoffAddress: orders.dropoffAddress }).from(orders).where(eq(orders.customerId, userId)),
    reviews: await db.select({ rating: reviews.rating, comment: reviews.comment, target: reviews.target, createdAt: reviews.createdAt }).from(reviews).where(eq(reviews.authorId, userId)),
    notifications: await db.select({ title: notifications.title, body: notifications.body, createdAt: notifications.createdAt }).from(notifications).where(eq(notifications.userId, userId)),
  };
}

/** Personal data anonymised, sign-in removed; run it inside the caller's transaction with its audit entry. */
export async function eraseUser(tx: TDbOrTx, userId: string) {
  await tx.delete(customerAddresses).where(eq(customerAddresses.userId, userId));
  await tx.delete(carts).where(eq(carts.customerId, userId));
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx.delete(accounts).where(eq(accounts.userId, userId));
  await tx.update(orders).set({ dropoffAddress: "(erased)", instructions: null }).where(eq(orders.customerId, userId));
  await tx.update(users).set({ email: `erased+${userId}@users.invalid`, name: "Erased user", phone: null, passwordHash: null, image: null, status: "erased" }).where(eq(users.id, userId));
}
