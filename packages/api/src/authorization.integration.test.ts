// The authorisation matrix: every procedure of the router, called as every kind of caller,
// against what one table says each may do. A procedure without a row fails the test, so nothing
// reaches production unassigned. "allow" means the call got past authorisation (it may still
// fail on the business rules: a conflict or bad-request is an allowed caller told "not now");
// "deny" means it was refused as unauthenticated, forbidden, or not theirs (not found).
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { addToCart } from "@lastmile/core/cart";
import { placeOrder, quoteCart } from "@lastmile/core/checkout";
import { assignCourier, systemActor } from "@lastmile/core/orders";
import { recordingPublisher } from "@lastmile/core/events";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { checkoutAuthentications, deliveryOffers, merchantClosures, orderEvents, payouts } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { createLocalProvider, TEST_CARDS } from "@lastmile/payments";

import { appRouter } from "./root";
import { testCaller } from "./testing";

const PERSONAS = ["anon", "customer", "customer2", "staff", "owner", "staff2", "courier", "courier2", "support", "opsIn", "opsOut", "admin"] as const;
type TPersona = (typeof PERSONAS)[number];

const SIGNED_IN = PERSONAS.filter((p) => p !== "anon");
const CUSTOMERS: TPersona[] = ["customer", "customer2"];
const COURIERS: TPersona[] = ["courier", "courier2"];
const KITCHEN: TPersona[] = ["staff", "owner"];
/** Everyone who can see this test's order: its customer, its restaurant, its courier, staff over its area. */
const ORDER_PARTIES: TPersona[] = ["customer", "staff", "owner", "courier", "support", "opsIn", "admin"];

/** Who may call each procedure, with the test's fixtures as input. One row per procedure. */
const MATRIX: Record<string, { allow: readonly TPersona[]; input: (f: TFixture) => unknown }> = {
  // Signing up and asking for links is open to all; the flows rate-limit and never reveal accounts.
  "auth.signUp": { allow: PERSONAS, input: () => ({}) },
  "auth.applyAsCourier": { allow: PERSONAS, input: () => ({}) },
  "auth.applyAsMerchant": { allow: PERSONAS, input: () => ({}) },
  "auth.requestMagicLink": { allow: PERSONAS, input: () => ({}) },
  "auth.requestPasswordReset": { allow: PERSONAS, input: () => ({}) },
  "auth.resetPassword": { allow: PERSONAS, input: () => ({}) },
  "catalog.merchantsNear": { allow: PERSONAS, input: () => ({ lng: -9.1393, lat: 38.7139 }) },
  "catalog.menu": { allow: PERSONAS, input: (f) => ({ slug: f.city.merchant.slug }) },
  "catalog.merchantsDeliveringTo": { allow: PERSONAS, input: () => ({ lng: -9.1393, lat: 38.7139, search: "tasca" }) },
  "catalog.deliveryZone": { allow: PERSONAS, input: () => ({ lng: -9.1393, lat: 38.7139 }) },
  "catalog.searchPlaces": { allow: PERSONAS, input: () => ({ query: "Rua Augusta 25" }) },
  "catalog.cityMap": { allow: PERSONAS, input: () => undefined },
  "cart.get": { allow: CUSTOMERS, input: () => undefined },
  "cart.add": { allow: CUSTOMERS, input: (f) => ({ itemId: f.city.items.drink.id, quantity: 1 }) },
  "cart.updateLine": { allow: ["customer"], input: (f) => ({ lineId: f.cartLineId, quantity: 2 }) },
  "cart.clear": { allow: CUSTOMERS, input: () => undefined },
  "checkout.scheduleOptions": { allow: CUSTOMERS, input: (f) => ({ dropoff: { addressId: f.city.addresses.home.id } }) },
  "checkout.quote": { allow: CUSTOMERS, input: (f) => ({ dropoff: { addressId: f.city.addresses.home.id }, tipCents: 0 }) },
  "checkout.placeOrder": { allow: ["customer"], input: (f) => ({ quoteId: f.quoteId, idempotencyKey: "matrix-checkout", payment: { kind: "card", number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2031, cvc: "123" } }) },
  // A payment of the customer's waiting for their bank (Local provider): only they may go on with it.
  "checkout.completeOrder": { allow: ["customer"], input: () => ({ idempotencyKey: "matrix-3ds" }) },
  "checkout.answerBankChallenge": { allow: ["customer"], input: () => ({ idempotencyKey: "matrix-3ds", approve: true }) },
  "orders.mine": { allow: CUSTOMERS, input: () => ({}) },
  "orders.get": { allow: ORDER_PARTIES, input: (f) => ({ orderId: f.orderId }) },
  "orders.cancel": { allow: ["customer"], input: (f) => ({ orderId: f.orderId, reason: "Changed my mind" }) },
  "orders.dispute": { allow: ["customer"], input: (f) => ({ orderId: f.orderId, reason: "Cold food" }) },
  "tracking.order": { allow: ["customer"], input: (f) => ({ orderId: f.orderId }) },
  "merchant.todayBoard": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id }) },
  "merchant.board": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id }) },
  "merchant.accept": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, orderId: f.orderId }) },
  "merchant.reject": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, orderId: f.orderId, reason: "Too busy" }) },
  "merchant.startPreparing": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, orderId: f.orderId }) },
  "merchant.markReady": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, orderId: f.orderId }) },
  "merchant.setAvailability": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, availability: "busy" }) },
  "merchant.setDeliveryArea": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, boundary: null }) },
  "merchant.setItemAvailable": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, itemId: f.city.items.drink.id, available: true }) },
  "merchant.setModifierAvailable": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, modifierId: f.city.modifiers.egg.id, available: true }) },
  "menu.get": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id }) },
  "menu.store": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id }) },
  "insight.overview": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, days: 30 }) },
  "insight.earnings": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, days: 30 }) },
  "team.members": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id }) },
  "team.invite": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, email: "new-cook@example.com", name: "New Cook" }) },
  // Someone not on the team: the owner is told so (bad request), nobody else gets that far.
  "team.remove": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, userId: f.city.users.customer.id }) },
  "menu.upsertCategory": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, name: "Desserts" }) },
  "menu.reorderCategories": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, ids: ["00000000-0000-4000-8000-000000000001"] }) },
  "menu.upsertItem": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, categoryId: "00000000-0000-4000-8000-000000000001", name: "Pastel de nata", priceCents: 150 }) },
  "menu.setStock": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, itemId: f.city.items.special.id, stockCount: 5 }) },
  "menu.upsertModifierGroup": { allow: KITCHEN, input: (f) => ({ merchantId: f.city.merchant.id, name: "Sauce", minChoices: 0, maxChoices: 1, modifiers: [{ name: "Piri-piri", priceDeltaCents: 0 }] }) },
  "menu.updateStoreSettings": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, defaultPrepTimeMin: 18 }) },
  "menu.setHours": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, slots: Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opensAt: "00:00", closesAt: "23:59" })) }) },
  "menu.addClosure": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, startsAt: new Date(Date.now() + 30 * 86400_000), endsAt: new Date(Date.now() + 31 * 86400_000), reason: "Holiday" }) },
  "menu.removeClosure": { allow: ["owner"], input: (f) => ({ merchantId: f.city.merchant.id, closureId: f.closureId }) },
  "courier.me": { allow: COURIERS, input: () => undefined },
  "courier.setDuty": { allow: COURIERS, input: () => ({ onDuty: true }) },
  "courier.reportLocations": { allow: COURIERS, input: () => ({ positions: [{ lng: -9.1393, lat: 38.7139, recordedAt: new Date() }] }) },
  "courier.pickUp": { allow: ["courier"], input: (f) => ({ orderId: f.orderId, location: { lng: -9.1393, lat: 38.7139 } }) },
  "courier.arrivedAtPickup": { allow: ["courier"], input: (f) => ({ orderId: f.orderId, location: { lng: -9.1393, lat: 38.7139 } }) },
  "courier.arrivedAtDropoff": { allow: ["courier"], input: (f) => ({ orderId: f.orderId }) },
  "courier.deliver": { allow: ["courier"], input: (f) => ({ orderId: f.orderId, pin: "0000" }) },
  "courier.earnings": { allow: COURIERS, input: () => undefined },
  "courier.deliveries": { allow: COURIERS, input: () => undefined },
  "courier.history": { allow: COURIERS, input: () => ({}) },
  // Only the order's own courier may raise a problem on it; the other courier finds no such order.
  "courier.reportProblem": { allow: ["courier"], input: (f) => ({ orderId: f.orderId, problem: "customer_not_there", note: "Rang twice" }) },
  "courier.offers": { allow: COURIERS, input: () => undefined },
  // The offer is the courier's own; the other courier cannot see it (not found).
  "courier.acceptOffer": { allow: ["courier"], input: (f) => ({ offerId: f.offerId }) },
  "courier.declineOffer": { allow: ["courier"], input: (f) => ({ offerId: f.offerId, reason: "Too far" }) },
  "admin.payouts": { allow: ["admin"], input: () => ({}) },
  "admin.markPayoutPaid": { allow: ["admin"], input: (f) => ({ payoutId: f.payoutId, reference: "SEPA-MATRIX-1" }) },
  "admin.searchUsers": { allow: ["support", "admin"], input: () => ({ query: "example" }) },
  "admin.setUserStatus": { allow: ["admin"], input: (f) => ({ userId: f.city.users.otherCustomer.id, status: "active", reason: "Reviewed the account" }) },
  "admin.reviewCourier": { allow: ["admin"], input: (f) => ({ courierId: f.city.couriers.otherCourier.id, decision: "approve" }) },
  "admin.reviewMerchant": { allow: ["admin"], input: (f) => ({ merchantId: f.city.other.id, decision: "verify" }) },
  "admin.cancelOrder": { allow: ["support", "opsIn", "admin"], input: (f) => ({ orderId: f.orderId, reason: "Customer asked support" }) },
  "admin.refundOrder": { allow: ["support", "opsIn", "admin"], input: (f) => ({ orderId: f.orderId, reason: "Missing items" }) },
  "admin.assignCourier": { allow: ["opsIn", "admin"], input: (f) => ({ orderId: f.orderId, courierId: f.city.couriers.otherCourier.id }) },
  "admin.courierProblems": { allow: ["opsIn", "opsOut", "admin"], input: () => undefined },
  "admin.dispatchBoard": { allow: ["opsIn", "opsOut", "admin"], input: () => ({}) },
  "admin.redispatch": { allow: ["opsIn", "admin"], input: (f) => ({ orderId: f.orderId }) },
  // The order already has a courier: a conflict for those who may steer it, not found beyond their area.
  "admin.offerCourier": { allow: ["opsIn", "admin"], input: (f) => ({ orderId: f.orderId, courierId: f.city.couriers.otherCourier.id }) },
  "admin.scope": { allow: ["support", "opsIn", "opsOut", "admin"], input: () => undefined },
  // An ops manager elsewhere sees an empty city, not an error.
  "admin.dashboard": { allow: ["support", "opsIn", "opsOut", "admin"], input: () => ({ range: "7d" }) },
  "admin.suggestCouriers": { allow: ["opsIn", "admin"], input: (f) => ({ orderId: f.orderId }) },
  "admin.waitingOrders": { allow: ["opsIn", "opsOut", "admin"], input: () => undefined },
  "admin.auditTrail": { allow: ["admin"], input: () => ({ action: "config" }) },
  "admin.liveMap": { allow: ["opsIn", "opsOut", "admin"], input: () => undefined },
  "admin.courierTrail": { allow: ["opsIn", "admin"], input: (f) => ({ orderId: f.orderId }) },
  // Ops managers elsewhere find no orders in their list, and this one is "not found" to them.
  "admin.orders": { allow: ["support", "opsIn", "opsOut", "admin"], input: (f) => ({ query: f.orderId }) },
  "admin.order": { allow: ["support", "opsIn", "admin"], input: (f) => ({ orderId: f.orderId }) },
  "admin.applications": { allow: ["admin"], input: () => undefined },
  "admin.person": { allow: ["support", "admin"], input: (f) => ({ userId: f.city.users.customer.id }) },
  "admin.outbox": { allow: ["support", "admin"], input: () => ({}) },
  // A draft that is not a whole configuration: the admin is told which field (bad request).
  "admin.previewQuote": { allow: ["admin"], input: () => ({ draft: { baseFeeCents: 199 } }) },
  "admin.exportUser": { allow: ["admin"], input: (f) => ({ userId: f.city.users.customer.id, reason: "Data request by email" }) },
  // Erases the other restaurant's cook, whom no later row needs as a real person.
  "admin.eraseUser": { allow: ["admin"], input: (f) => ({ userId: f.city.users.otherStaff.id, reason: "Erasure request by email", confirm: "ERASE" }) },
  "admin.configVersions": { allow: ["admin"], input: () => ({ key: "pricing" }) },
  "admin.proposeConfig": { allow: ["admin"], input: () => ({ key: "dispatch", value: { offerTimeoutS: 1 }, note: "Too short on purpose" }) },
  "admin.activateConfig": { allow: ["admin"], input: () => ({ key: "pricing", version: 1 }) },
  "admin.setUserRole": { allow: ["admin"], input: (f) => ({ userId: f.city.users.otherCustomer.id, role: "support", grant: true }) },
  "admin.zones": { allow: ["opsIn", "opsOut", "admin"], input: () => undefined },
  "admin.createZone": { allow: ["admin"], input: (f) => ({ areaId: f.city.country.id, slug: "chiado-test", name: "Chiado", boundary: { type: "Polygon", coordinates: [[[-9.145, 38.709], [-9.140, 38.709], [-9.140, 38.712], [-9.145, 38.712], [-9.145, 38.709]]] } }) },
  "admin.updateZone": { allow: ["admin"], input: (f) => ({ zoneId: f.city.zone.id, active: true }) },
  "admin.auditLog": { allow: ["admin"], input: () => ({}) },
  // An ops manager elsewhere sees an empty queue, not an error.
  "admin.supportQueue": { allow: ["support", "opsIn", "opsOut", "admin"], input: () => ({}) },
  // The order has no refund request: a conflict for those who may decide one, not found beyond their area.
  "admin.decideRefundRequest": { allow: ["support", "opsIn", "admin"], input: (f) => ({ orderId: f.orderId, decision: "reject", reason: "Nothing was reported" }) },
  // The first allowed caller resolves the report; the others are told it is already resolved (conflict).
  "admin.resolveProblemReport": { allow: ["support", "opsIn", "admin"], input: (f) => ({ eventId: f.problemEventId, outcome: "resolved", note: "Called the customer" }) },
  "reviews.create": { allow: ["customer"], input: (f) => ({ orderId: f.orderId, target: "merchant", rating: 5 }) },
  "notifications.list": { allow: SIGNED_IN, input: () => ({}) },
  "notifications.unreadCount": { allow: SIGNED_IN, input: () => undefined },
  "notifications.markAllRead": { allow: SIGNED_IN, input: () => undefined },
  "notifications.markRead": { allow: SIGNED_IN, input: () => ({ ids: ["00000000-0000-4000-8000-000000000009"] }) },
  "me.session": { allow: PERSONAS, input: () => undefined },
  "me.profile": { allow: SIGNED_IN, input: () => undefined },
  "me.updateProfile": { allow: SIGNED_IN, input: () => ({ name: "Renamed", phone: null }) },
  "me.emailPreferences": { allow: SIGNED_IN, input: () => undefined },
  "me.setEmailPreference": { allow: SIGNED_IN, input: () => ({ kind: "order.delivered", email: false }) },
  "me.addresses": { allow: SIGNED_IN, input: () => undefined },
  "me.addAddress": { allow: SIGNED_IN, input: () => ({ label: "Work", line1: "Avenida da Liberdade 1", city: "Lisboa", lng: -9.145, lat: 38.72 }) },
  "me.removeAddress": { allow: ["customer"], input: (f) => ({ addressId: f.city.addresses.almada.id }) },
  "me.exportData": { allow: SIGNED_IN, input: () => undefined },
  // Last: it erases whoever calls it.
  "me.deleteAccount": { allow: SIGNED_IN, input: () => ({ confirm: "DELETE" }) },
};

type TFixture = { city: TMiniCity; payoutId: string; orderId: string; offerId: string; problemEventId: string; quoteId: string; cartLineId: string; closureId: string; sessions: Record<TPersona, TSession> };

let db: TDb;
let f: TFixture;

const session = (id: string, roles: TRole[], extra: Partial<NonNullable<TSession>["user"]> = {}): TSession => ({
  user: { id, email: `${id}@example.com`, name: "Test", roles, merchantIds: [], courierId: null, areaIds: [], ...extra },
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  const city = await insertMiniCity(db);
  const deps = { payments: createLocalProvider(), events: recordingPublisher() };
  const c = city.users.customer.id;
  await addToCart(db, c, { itemId: city.items.dish.id, modifierIds: [city.modifiers.regular.id], quantity: 1 });
  const placed = await quoteCart(db, c, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
  const { order } = await placeOrder(db, deps, c, { quoteId: placed.quote.id, idempotencyKey: "matrix-setup", payment: { kind: "card", number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2031, cvc: "123" } });
  await assignCourier(db, deps.events, { orderId: order.id, courierId: city.couriers.courier.id, actor: systemActor });
  const cart = await addToCart(db, c, { itemId: city.items.dish.id, modifierIds: [city.modifiers.large.id], quantity: 1 });
  const { quote } = await quoteCart(db, c, { dropoff: { addressId: city.addresses.home.id }, tipCents: 0 });
  await db.insert(checkoutAuthentications).values({ customerId: c, idempotencyKey: "matrix-3ds", orderId: "00000000-0000-4000-8000-00000000003d", quoteId: quote.id, requestFingerprint: "matrix", provider: "local", providerRef: "local_pi_matrix", clientSecret: "local_pi_matrix_secret", amountCents: quote.totalCents, currency: quote.currency });
  const [payout] = await db.insert(payouts).values({ payeeType: "merchant", payeeId: city.merchant.id, amountCents: 1234, currency: "EUR", periodStart: new Date(Date.now() - 86400_000), periodEnd: new Date() }).returning();
  const u = city.users;
  const [closure] = await db.insert(merchantClosures).values({ merchantId: city.merchant.id, startsAt: new Date(Date.now() + 86400_000), endsAt: new Date(Date.now() + 2 * 86400_000), reason: "Inventory" }).returning();
  const [offer] = await db.insert(deliveryOffers).values({ orderId: order.id, courierId: city.couriers.courier.id, distanceM: 1200, feeCents: 300, expiresAt: new Date(Date.now() + 3600_000) }).returning();
  const [problem] = await db.insert(orderEvents).values({ orderId: order.id, fromStatus: "PENDING", toStatus: "PENDING", actorId: u.courierUser.id, actorRole: "courier", reason: "Customer not there", metadata: { kind: "courier.problem", problem: "customer_not_there" } }).returning();
  f = {
    payoutId: payout?.id as string,
    offerId: offer?.id as string,
    problemEventId: problem?.id as string,
    closureId: closure?.id as string,
    city,
    orderId: order.id,
    quoteId: quote.id,
    cartLineId: cart.lines[0]?.lineId as string,
    sessions: {
      anon: null,
      customer: session(u.customer.id, ["customer"]),
      customer2: session(u.otherCustomer.id, ["customer"]),
      staff: session(u.staff.id, ["merchant_staff"], { merchantIds: [city.merchant.id] }),
      owner: session(u.owner.id, ["merchant_owner"], { merchantIds: [city.merchant.id] }),
      staff2: session(u.otherStaff.id, ["merchant_staff"], { merchantIds: [city.other.id] }),
      courier: session(u.courierUser.id, ["courier"], { courierId: city.couriers.courier.id }),
      courier2: session(u.otherCourierUser.id, ["courier"], { courierId: city.couriers.otherCourier.id }),
      support: session(u.owner.id, ["support"]),
      opsIn: session(u.owner.id, ["ops_manager"], { areaIds: [city.country.id] }),
      opsOut: session(u.owner.id, ["ops_manager"], { areaIds: ["00000000-0000-4000-8000-0000000000aa"] }),
      admin: session(u.owner.id, ["admin"]),
    },
  };
});

async function outcome(path: string, persona: TPersona): Promise<"allow" | "deny"> {
  const caller = testCaller(db, f.sessions[persona]);
  const [router, procedure] = path.split(".") as [string, string];
  const fn = (caller as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[router]?.[procedure];
  if (!fn) throw new Error(`no procedure ${path}`);
  try {
    await fn(MATRIX[path]?.input(f));
    return "allow";
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    if (["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"].includes(error.code)) return "deny";
    if (error.code === "INTERNAL_SERVER_ERROR") throw new Error(`${path} as ${persona} crashed: ${String(error.cause ?? error.message)}`);
    return "allow";
  }
}

describe(`authorisation matrix on ${testBackend()}`, () => {
  it("has a row for every procedure, and no row without a procedure", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  it("allows and denies every caller as the table says", async () => {
    const mismatches: string[] = [];
    for (const [path, row] of Object.entries(MATRIX)) {
      // Callers who must be refused go first, so a permitted call's side effects cannot mask them.
      const ordered = [...PERSONAS].sort((a, b) => Number(row.allow.includes(a)) - Number(row.allow.includes(b)));
      for (const persona of ordered) {
        const expected = row.allow.includes(persona) ? "allow" : "deny";
        const got = await outcome(path, persona);
        if (got !== expected) mismatches.push(`${path} as ${persona}: expected ${expected}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
