// Ops offering an order by hand: the chosen courier gets a real offer (deadline, recorded round
// naming who in ops chose them, offer.new on their channel) and still says yes; dispatch's open
// offers to others are withdrawn; a courier already offered the order, busy with another offer,
// or an order outside an ops manager's area are refused without changing anything.
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity, insertUser } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { auditLog, couriers, deliveryOffers, orderEvents, orders } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { DomainError } from "../errors";
import { recordingPublisher } from "../events";
import { applyTransition } from "../orders";
import { actor, testDeps } from "../testing/deps";
import { placeTestOrder } from "../testing/place-test-order";
import { acceptOffer, listOpenOffers, offerOrderToCourier, runDispatchRound } from "./index";

let db: TDb;
let city: TMiniCity;
let events: ReturnType<typeof recordingPublisher>;
let opsId: string;

beforeAll(async () => {
  ({ db } = await getTestDb());
});

async function placeAccepted(idempotencyKey: string) {
  const deps = testDeps();
  const { order } = await placeTestOrder(db, deps, city, { idempotencyKey });
  await applyTransition(db, deps, {
    orderId: order.id,
    action: "accept",
    actor: actor({
      role: "merchant_staff",
      userId: city.users.staff.id,
      merchantIds: [city.merchant.id],
    }),
    prepTimeMin: 20,
  });
  return order.id;
}

beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
  opsId = (await insertUser(db, "olga@example.com", "Olga Ops")).id;
  events = recordingPublisher();
});

const ops = () => actor({ role: "ops_manager", userId: opsId, areaIds: [city.country.id] });
const fails = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a domain error");
};

describe(`directed offers on ${testBackend()}`, () => {
  it("offers the order to the chosen courier, withdrawing dispatch's offer to another; the courier accepts", async () => {
    const orderId = await placeAccepted("directed-1");
    const chosen = city.couriers.otherCourier.id;
    // Only the first courier is eligible for dispatch's round: it offers to them.
    await db.update(couriers).set({ status: "offline" }).where(eq(couriers.id, chosen));
    const round = await runDispatchRound(db, recordingPublisher(), orderId);
    expect(round).toMatchObject({
      kind: "offered",
      offers: [{ courierId: city.couriers.courier.id }],
    });
    await db.update(couriers).set({ status: "online" }).where(eq(couriers.id, chosen));

    const offer = await offerOrderToCourier(db, events, {
      orderId,
      courierId: chosen,
      actor: ops(),
    });
    expect(offer).toMatchObject({ courierId: chosen, courierName: "Eduardo Estafeta", round: 2 });

    const offers = await db
      .select()
      .from(deliveryOffers)
      .where(eq(deliveryOffers.orderId, orderId))
      .orderBy(deliveryOffers.createdAt);
    expect(offers.map((o) => [o.courierId, o.status])).toEqual([
      [city.couriers.courier.id, "withdrawn"],
      [chosen, "pending"],
    ]);
    expect(offers[0]?.endReason).toBe("offered by ops to Eduardo Estafeta");
    expect(offers[1]?.expiresAt.getTime()).toBeGreaterThan(Date.now());
    const [o] = await db
      .select({ round: orders.dispatchRound, courierId: orders.courierId })
      .from(orders)
      .where(eq(orders.id, orderId));
    expect(o).toEqual({ round: 2, courierId: null });
    const steps = (
      await db
        .select()
        .from(orderEvents)
        .where(eq(orderEvents.orderId, orderId))
        .orderBy(orderEvents.at)
    ).filter((e) => e.metadata?.directed);
    expect(steps).toMatchObject([
      {
        actorRole: "ops_manager",
        reason: "dispatch round 2: offered to Eduardo Estafeta by hand — assigned by ops Olga Ops",
        metadata: { kind: "dispatch.offered", round: 2, byOps: "Olga Ops" },
      },
    ]);
    expect(
      await db.select().from(auditLog).where(eq(auditLog.action, "order.offer_courier")),
    ).toHaveLength(1);
    expect(events.events.map((e) => [e.channel, e.name])).toEqual([
      [`private-courier-${city.couriers.courier.id}`, "offer.withdrawn"],
      [`private-courier-${chosen}`, "offer.new"],
    ]);
    expect(await listOpenOffers(db, chosen)).toMatchObject([{ offerId: offer.offerId, orderId }]);

    const accepted = await acceptOffer(db, recordingPublisher(), {
      offerId: offer.offerId,
      courierId: chosen,
    });
    expect(accepted.order).toMatchObject({ id: orderId, courierId: chosen });
  });

  it("refuses a courier already offered the order, one busy with another offer, and an order outside the area", async () => {
    const orderId = await placeAccepted("directed-2");
    const other = await placeAccepted("directed-3");
    const first = await offerOrderToCourier(db, events, {
      orderId,
      courierId: city.couriers.courier.id,
      actor: ops(),
    });
    const again = await fails(
      offerOrderToCourier(db, events, {
        orderId,
        courierId: city.couriers.courier.id,
        actor: ops(),
      }),
    );
    expect(again).toMatchObject({ kind: "Conflict" });
    expect(again.message).toMatch(/already has order #\d+ on offer until/);
    const busy = await fails(
      offerOrderToCourier(db, events, {
        orderId: other,
        courierId: city.couriers.courier.id,
        actor: ops(),
      }),
    );
    expect(busy.message).toMatch(/is considering an offer for order #\d+/);

    const elsewhere = actor({
      role: "ops_manager",
      userId: opsId,
      areaIds: ["00000000-0000-4000-8000-0000000000aa"],
    });
    expect(
      await fails(
        offerOrderToCourier(db, events, {
          orderId: other,
          courierId: city.couriers.otherCourier.id,
          actor: elsewhere,
        }),
      ),
    ).toMatchObject({ kind: "NotFound" });
    expect(await db.select().from(deliveryOffers).where(eq(deliveryOffers.orderId, other))).toEqual(
      [],
    );

    // Declined: the courier is not asked twice; ops may still assign them directly.
    await db
      .update(deliveryOffers)
      .set({ status: "declined", endReason: "too far" })
      .where(eq(deliveryOffers.id, first.offerId));
    const declined = await fails(
      offerOrderToCourier(db, events, {
        orderId,
        courierId: city.couriers.courier.id,
        actor: ops(),
      }),
    );
    expect(declined.message).toMatch(
      /already offered order #\d+ \(declined: too far\); assign them directly/,
    );
  });
});
