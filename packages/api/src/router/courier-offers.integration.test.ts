// A courier's offers through the API: listed with pickup, drop-off and fee, accepted once,
// declined with a reason (and passed on), and refused with the reason when no longer open.
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { runDispatchRound } from "@lastmile/core/dispatch";
import { recordingPublisher } from "@lastmile/core/events";
import { applyTransition } from "@lastmile/core/orders";
import { placeTestOrder, testDeps } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { couriers, deliveryOffers, orders } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
let orderId: string;
const events = recordingPublisher();

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
  const deps = testDeps();
  const { order } = await placeTestOrder(db, deps, city, { idempotencyKey: "api-offers-1", tipCents: 100 });
  await applyTransition(db, deps, { orderId: order.id, action: "accept", actor: { userId: city.users.staff.id, role: "merchant_staff", merchantIds: [city.merchant.id], courierId: null, areaIds: [] } });
  orderId = order.id;
  await db.update(couriers).set({ lastSeenAt: new Date() });
});

const courierCaller = (who: "courier" | "otherCourier") => {
  const user = who === "courier" ? city.users.courierUser : city.users.otherCourierUser;
  return testCaller(
    db,
    { user: { id: user.id, email: user.email, name: user.name ?? "Courier", roles: ["courier"], merchantIds: [], courierId: city.couriers[who].id, areaIds: [] }, expiresAt: new Date(Date.now() + 3600_000).toISOString() },
    { events },
  );
};

const trpcError = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error("expected a TRPCError");
};

describe(`courier offers through the API on ${testBackend()}`, () => {
  it("lists the courier's open offer, accepts it once, and refuses a second answer with the reason", async () => {
    await runDispatchRound(db, events, orderId);
    const mine = await courierCaller("courier").courier.offers();
    expect(mine).toHaveLength(1);
    const [offer] = mine;
    expect(offer).toMatchObject({ orderId, pickup: { name: "Tasca Mini", lng: -9.1393, lat: 38.7139 }, dropoff: { lng: -9.1365, lat: 38.7095 }, currency: "EUR", round: 1 });
    expect(offer?.feeCents).toBeGreaterThan(0);
    expect(await courierCaller("otherCourier").courier.offers()).toEqual([]);

    const stranger = await trpcError(courierCaller("otherCourier").courier.acceptOffer({ offerId: offer?.offerId as string }));
    expect(stranger.code).toBe("NOT_FOUND");

    expect(await courierCaller("courier").courier.acceptOffer({ offerId: offer?.offerId as string })).toMatchObject({ orderId, status: "ACCEPTED" });
    expect((await db.select().from(orders).where(eq(orders.id, orderId)))[0]?.courierId).toBe(city.couriers.courier.id);

    const again = await trpcError(courierCaller("courier").courier.acceptOffer({ offerId: offer?.offerId as string }));
    expect(again).toMatchObject({ code: "CONFLICT", message: "You already accepted this offer." });
  });

  it("declines with a reason and the order goes to the next courier", async () => {
    await runDispatchRound(db, events, orderId);
    const [offer] = await courierCaller("courier").courier.offers();

    expect(await courierCaller("courier").courier.declineOffer({ offerId: offer?.offerId as string, reason: "  Bike puncture " })).toEqual({ offerId: offer?.offerId, orderId, next: "offered" });

    expect((await db.select().from(deliveryOffers).where(eq(deliveryOffers.id, offer?.offerId as string)))[0]).toMatchObject({ status: "declined", endReason: "Bike puncture" });
    expect(await courierCaller("otherCourier").courier.offers()).toMatchObject([{ orderId, round: 2 }]);

    // The customer's timeline does not carry dispatch's notes about other couriers; staff see them.
    const asUser = (id: string, roles: ("customer" | "admin")[]) =>
      testCaller(db, { user: { id, email: "x@example.com", name: "X", roles, merchantIds: [], courierId: null, areaIds: [] }, expiresAt: new Date(Date.now() + 3600_000).toISOString() });
    const kinds = (o: { events: { metadata: Record<string, unknown> | null }[] }) => o.events.map((e) => e.metadata?.kind).filter(Boolean);
    expect(kinds(await asUser(city.users.customer.id, ["customer"]).orders.get({ orderId }))).toEqual([]);
    expect(kinds(await asUser(city.users.owner.id, ["admin"]).orders.get({ orderId }))).toEqual(["dispatch.offered", "dispatch.declined", "dispatch.offered"]);
  });

  it("names the field when the offer id is not an id", async () => {
    const bad = await trpcError(courierCaller("courier").courier.acceptOffer({ offerId: "offer-1" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/offerId must be the offer's id/);
  });
});
