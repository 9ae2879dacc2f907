// The merchant portal's procedures on a real PostGIS database, through createCaller with real
// sessions: the board's tickets and deadlines, the menu as the kitchen edits it, insight and
// earnings after a delivered order, and inviting and removing staff through the outbox.
import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { addToCart } from "@lastmile/core/cart";
import { placeOrder, quoteCart } from "@lastmile/core/checkout";
import { recordingPublisher } from "@lastmile/core/events";
import { releaseScheduledOrders } from "@lastmile/core/orders";
import { rowsOf } from "@lastmile/db/client";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { emailOutbox, merchantMembers, merchants, orders, userRoles } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider, TEST_CARDS } from "@lastmile/payments";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
const payments = createLocalProvider();

const session = (id: string, roles: TRole[], merchantIds: string[]): TSession => ({
  user: { id, email: `${id}@example.com`, name: "Duarte Dono", roles, merchantIds, courierId: null, areaIds: [] },
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});
const as = (s: TSession) => testCaller(db, s, { payments });
let owner: ReturnType<typeof as>;
let staff: ReturnType<typeof as>;

async function order(key: string, instructions?: string) {
  const c = city.users.customer.id;
  await addToCart(db, c, { itemId: city.items.dish.id, modifierIds: [city.modifiers.large.id], quantity: 2 });
  const { quote } = await quoteCart(db, c, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
  const { order: o } = await placeOrder(db, { payments, events: recordingPublisher() }, c, { quoteId: quote.id, idempotencyKey: `portal-${key}`, payment: { kind: "card", number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2031, cvc: "123" }, instructions });
  return o;
}

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  await db.update(merchants).set({ autoAccept: false, defaultPrepTimeMin: 18 }).where(eq(merchants.id, city.merchant.id));
  owner = as(session(city.users.owner.id, ["merchant_owner"], [city.merchant.id]));
  staff = as(session(city.users.staff.id, ["merchant_staff"], [city.merchant.id]));
});

describe(`merchant portal procedures on ${testBackend()}`, () => {
  it("puts a new order on the board with its ticket and the time it cancels itself", async () => {
    const placed = await order("board", "No onions");
    const board = await staff.merchant.board({ merchantId: city.merchant.id });
    const ticket = board.orders.find((o) => o.id === placed.id);
    expect(ticket).toMatchObject({ status: "PENDING", instructions: "No onions", customerFirstName: expect.any(String), courier: null });
    expect(ticket?.items).toEqual([expect.objectContaining({ name: city.items.dish.name, quantity: 2, modifiers: [expect.objectContaining({ name: city.modifiers.large.name })] })]);
    expect(ticket?.acceptBy?.getTime()).toBe((ticket?.placedAt.getTime() ?? 0) + board.acceptTimeoutMin * 60_000);
    expect(board.merchant).toMatchObject({ defaultPrepTimeMin: 18, autoAccept: false, availability: "open" });

    await staff.merchant.accept({ merchantId: city.merchant.id, orderId: placed.id });
    const after = await staff.merchant.board({ merchantId: city.merchant.id });
    expect(after.orders.find((o) => o.id === placed.id)).toMatchObject({ status: "ACCEPTED", prepTimeMin: 18, acceptBy: null });
  });

  it("lists a scheduled order under its slot without a countdown, then as a new order once released", async () => {
    const c = city.users.customer.id;
    const now = new Date();
    // The first quarter hour at least an hour ahead (the kitchen is open around the clock).
    const slot = new Date(Math.ceil((now.getTime() + 3600_000) / 900_000) * 900_000);
    await addToCart(db, c, { itemId: city.items.dish.id, modifierIds: [city.modifiers.large.id], quantity: 1 });
    const { quote } = await quoteCart(db, c, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0, scheduledFor: slot, now });
    const deps = { payments, events: recordingPublisher() };
    const { order: placed } = await placeOrder(db, deps, c, { quoteId: quote.id, idempotencyKey: "portal-scheduled", payment: { kind: "card", number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2031, cvc: "123" }, scheduledFor: slot, now });

    const before = (await staff.merchant.board({ merchantId: city.merchant.id })).orders.find((o) => o.id === placed.id);
    expect(before).toMatchObject({ status: "PENDING", scheduledFor: slot, releaseAt: placed.releaseAt, awaitingRelease: true, acceptBy: null });
    await expect(staff.merchant.accept({ merchantId: city.merchant.id, orderId: placed.id })).rejects.toMatchObject({ code: "CONFLICT" });

    const releaseAt = placed.releaseAt ?? now;
    expect(await releaseScheduledOrders(db, deps, releaseAt)).toEqual({ considered: 1, released: 1 });
    const board = await staff.merchant.board({ merchantId: city.merchant.id });
    const after = board.orders.find((o) => o.id === placed.id);
    expect(after).toMatchObject({ status: "PENDING", awaitingRelease: false });
    expect(after?.acceptBy?.getTime()).toBe(releaseAt.getTime() + board.acceptTimeoutMin * 60_000);
    await staff.merchant.accept({ merchantId: city.merchant.id, orderId: placed.id });
  });

  it("lists the whole menu, sold-out dishes included, and the store only to the owner", async () => {
    await staff.merchant.setItemAvailable({ merchantId: city.merchant.id, itemId: city.items.drink.id, available: false });
    const menu = await staff.menu.get({ merchantId: city.merchant.id });
    const items = menu.categories.flatMap((c) => c.items);
    expect(items.find((i) => i.id === city.items.drink.id)).toMatchObject({ available: false });
    expect(items.find((i) => i.id === city.items.dish.id)?.modifierGroupIds.length).toBeGreaterThan(0);
    expect(menu.modifierGroups.flatMap((g) => g.modifiers).map((m) => m.id)).toContain(city.modifiers.large.id);

    const store = await owner.menu.store({ merchantId: city.merchant.id });
    expect(store).toMatchObject({ defaultPrepTimeMin: 18, closures: [] });
    await expect(staff.menu.store({ merchantId: city.merchant.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("draws a delivery area around the restaurant, refuses one elsewhere, and goes back to the radius", async () => {
    const { location } = await owner.menu.store({ merchantId: city.merchant.id });
    const square = (lng: number, lat: number, d: number) => ({
      type: "Polygon" as const,
      coordinates: [[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]] as [number, number][]],
    });
    await owner.merchant.setDeliveryArea({ merchantId: city.merchant.id, boundary: square(location.lng, location.lat, 0.01) });
    expect(await owner.menu.store({ merchantId: city.merchant.id })).toMatchObject({ hasDeliveryArea: true });

    const elsewhere = await owner.merchant.setDeliveryArea({ merchantId: city.merchant.id, boundary: square(location.lng + 0.1, location.lat, 0.01) }).catch((e: unknown) => e);
    expect(elsewhere).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("must include the restaurant") });
    const tiny = await owner.merchant.setDeliveryArea({ merchantId: city.merchant.id, boundary: square(location.lng, location.lat, 0.0001) }).catch((e: unknown) => e);
    expect(tiny).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("must cover at least") });

    await owner.merchant.setDeliveryArea({ merchantId: city.merchant.id, boundary: null });
    expect(await owner.menu.store({ merchantId: city.merchant.id })).toMatchObject({ hasDeliveryArea: false, deliveryArea: null });
    await expect(staff.merchant.setDeliveryArea({ merchantId: city.merchant.id, boundary: null })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("counts a delivered order in insight and its share in the owner's earnings", async () => {
    const placed = await order("insight");
    // Straight to delivered in the database: the geofenced courier steps are tested elsewhere.
    await db.update(orders).set({ status: "DELIVERED", courierId: city.couriers.courier.id, acceptedAt: sql`placed_at + interval '2 minutes'`, readyAt: sql`placed_at + interval '20 minutes'`, prepTimeMin: 15, deliveredAt: sql`now()` }).where(eq(orders.id, placed.id));
    const insight = await staff.insight.overview({ merchantId: city.merchant.id, days: 7 });
    expect(insight.perDay).toHaveLength(7);
    expect(insight.perHour).toHaveLength(24);
    expect(insight.perDay.reduce((s, d) => s + d.salesCents, 0)).toBe(placed.subtotalCents);
    expect(insight.topItems[0]).toMatchObject({ name: city.items.dish.name, quantity: 2 });
    expect(insight.service.late).toBeGreaterThanOrEqual(1);

    const earnings = await owner.insight.earnings({ merchantId: city.merchant.id, days: 7 });
    expect(earnings).toMatchObject({ currency: "EUR", payouts: [] });
    await expect(staff.insight.earnings({ merchantId: city.merchant.id, days: 7 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(staff.insight.overview({ merchantId: city.merchant.id, days: 365 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("lets the owner switch the new-order email off in the store settings (on by default)", async () => {
    expect(await owner.menu.store({ merchantId: city.merchant.id })).toMatchObject({ newOrderEmails: true });
    expect(await owner.menu.updateStoreSettings({ merchantId: city.merchant.id, newOrderEmails: false })).toMatchObject({ newOrderEmails: false });
    expect(await owner.menu.store({ merchantId: city.merchant.id })).toMatchObject({ newOrderEmails: false });
    await expect(staff.menu.updateStoreSettings({ merchantId: city.merchant.id, newOrderEmails: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await owner.menu.updateStoreSettings({ merchantId: city.merchant.id, newOrderEmails: true });
  });

  it("invites staff through the outbox and takes them off the team again", async () => {
    const invited = await owner.team.invite({ merchantId: city.merchant.id, email: "Nova.Cozinheira@Example.com", name: "Nova Cozinheira" });
    expect(invited.email).toBe("nova.cozinheira@example.com");
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "nova.cozinheira@example.com"));
    expect(mail).toMatchObject({ template: "merchant.staff-invitation", status: "pending" });
    expect(mail?.text).toContain("Duarte Dono invited you to join Tasca Mini's team on Lastmile as kitchen staff.");
    const roles = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, invited.userId));
    expect(roles.map((r) => r.role)).toEqual(["merchant_staff"]);
    expect((await owner.team.members({ merchantId: city.merchant.id })).map((m) => m.email)).toContain("nova.cozinheira@example.com");

    const again = await owner.team.invite({ merchantId: city.merchant.id, email: "nova.cozinheira@example.com", name: "Nova" }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(TRPCError);
    expect(again).toMatchObject({ code: "BAD_REQUEST", message: "nova.cozinheira@example.com is already on the team." });

    await owner.team.remove({ merchantId: city.merchant.id, userId: invited.userId });
    const left = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${merchantMembers} where user_id = ${invited.userId}`));
    expect(left[0]?.n).toBe(0);
    expect(await db.select().from(userRoles).where(eq(userRoles.userId, invited.userId))).toEqual([]);
    await expect(owner.team.remove({ merchantId: city.merchant.id, userId: city.users.owner.id })).rejects.toMatchObject({ message: "You cannot take yourself off the team." });
    await expect(staff.team.members({ merchantId: city.merchant.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
