// In-app notifications on a real PostGIS database, through createCaller: the row is written in
// the transaction that moves the order (and only if it commits), the customer's own channel is
// told after commit, the bell counts and clears them, and email preferences mute the email of a
// kind while the in-app notification still comes.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { recordingPublisher } from "@lastmile/core/events";
import { applyTransition } from "@lastmile/core/orders";
import { placeTestOrder } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { emailOutbox, merchants, notifications } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider } from "@lastmile/payments";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
const payments = createLocalProvider();
const session = (id: string, roles: TRole[], merchantIds: string[] = []): TSession => ({
  user: { id, email: `${id}@example.com`, name: "Test", roles, merchantIds, courierId: null, areaIds: [] },
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});
const as = (s: TSession) => testCaller(db, s, { payments });

async function order(key: string) {
  return (await placeTestOrder(db, { payments, events: recordingPublisher() }, city, { idempotencyKey: `notify-${key}` })).order;
}

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  await db.update(merchants).set({ autoAccept: false }).where(eq(merchants.id, city.merchant.id));
});

describe(`in-app notifications on ${testBackend()}`, () => {
  it("writes the customer's notification with the move, tells their channel after commit, and counts and clears it", async () => {
    const customer = as(session(city.users.customer.id, ["customer"]));
    const staff = { userId: city.users.staff.id, role: "merchant_staff" as const, merchantIds: [city.merchant.id], courierId: null, areaIds: [] };
    const placed = await order("accept");
    expect(await customer.notifications.unreadCount()).toEqual({ unread: 0 });

    const events = recordingPublisher();
    await applyTransition(db, { payments, events }, { orderId: placed.id, action: "accept", actor: staff, prepTimeMin: 12 });

    const [n] = await customer.notifications.list({});
    expect(n).toMatchObject({ kind: "order.accepted", title: `Order #${placed.number}: accepted`, readAt: null, data: { orderId: placed.id } });
    expect(events.events).toContainEqual({ channel: `private-user-${city.users.customer.id}`, name: "notification.new", data: { kind: "order.accepted", orderId: placed.id } });
    expect(await customer.notifications.unreadCount()).toEqual({ unread: 1 });
    // Nobody else sees or clears it.
    const other = as(session(city.users.otherCustomer.id, ["customer"]));
    expect(await other.notifications.list({})).toEqual([]);
    expect(await other.notifications.markRead({ ids: [n?.id ?? ""] })).toEqual({ read: 0 });
    expect(await customer.notifications.markRead({ ids: [n?.id ?? ""] })).toEqual({ read: 1 });
    expect(await customer.notifications.unreadCount()).toEqual({ unread: 0 });

    // "Mark all as read" clears every unread one, and only the caller's.
    await applyTransition(db, { payments, events }, { orderId: (await order("all-1")).id, action: "accept", actor: staff });
    await applyTransition(db, { payments, events }, { orderId: (await order("all-2")).id, action: "accept", actor: staff });
    expect(await other.notifications.markAllRead()).toEqual({ read: 0 });
    expect(await customer.notifications.unreadCount()).toEqual({ unread: 2 });
    expect(await customer.notifications.markAllRead()).toEqual({ read: 2 });
    expect(await customer.notifications.unreadCount()).toEqual({ unread: 0 });
  });

  it("writes nothing when the move rolls back", async () => {
    const placed = await order("rollback");
    const before = (await db.select().from(notifications)).length;
    const failing = { ...payments, void: () => Promise.reject(new Error("provider down")) };
    const support = { userId: city.users.owner.id, role: "support" as const, merchantIds: [], courierId: null, areaIds: [] };
    await expect(applyTransition(db, { payments: failing, events: recordingPublisher() }, { orderId: placed.id, action: "cancel", actor: support, reason: "test" })).rejects.toThrow("provider down");
    expect(await db.select().from(notifications)).toHaveLength(before);
  });

  it("keeps a muted kind out of the inbox but still shows it in the app", async () => {
    const customer = as(session(city.users.customer.id, ["customer"]));
    expect((await customer.me.emailPreferences()).find((p) => p.kind === "order.cancelled")).toMatchObject({ email: true });
    expect(await customer.me.setEmailPreference({ kind: "order.cancelled", email: false })).toEqual({ kind: "order.cancelled", email: false });
    // Twice is still muted once.
    await customer.me.setEmailPreference({ kind: "order.cancelled", email: false });
    await expect(customer.me.setEmailPreference({ kind: "order.nonsense" as "order.cancelled", email: false })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const placed = await order("muted");
    const mailsBefore = (await db.select().from(emailOutbox)).length;
    const staff = { userId: city.users.staff.id, role: "merchant_staff" as const, merchantIds: [city.merchant.id], courierId: null, areaIds: [] };
    await applyTransition(db, { payments, events: recordingPublisher() }, { orderId: placed.id, action: "reject", actor: staff, reason: "out of fish" });
    expect((await customer.notifications.list({ unreadOnly: true })).map((n) => n.kind)).toContain("order.cancelled");
    // The rejection would have sent one email (the cancellation); muted, it sends none.
    expect(await db.select().from(emailOutbox)).toHaveLength(mailsBefore);

    await customer.me.setEmailPreference({ kind: "order.cancelled", email: true });
    expect((await customer.me.emailPreferences()).every((p) => p.email)).toBe(true);
  });
});
