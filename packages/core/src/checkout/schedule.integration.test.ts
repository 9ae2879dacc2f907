// Scheduled orders on a real PostGIS database: the slots a closed restaurant offers, the server's
// refusal of a slot it does not offer (field `scheduledFor`, with the reason), and a scheduled
// order placed, paid and held back from the kitchen until its release time.
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity, setDailyHours } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import {
  merchantClosures,
  merchants,
  orderEvents,
  orders,
  payments,
} from "@lastmile/db/schema";
import { countRows, getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { addToCart } from "../cart";
import { DomainError } from "../errors";
import { applyTransition } from "../orders";
import { actor, goodCard, testDeps } from "../testing/deps";
import { placeOrder } from "./place-order";
import { quoteCart } from "./quote";
import { scheduleOptions } from "./schedule";

let db: TDb;
let city: TMiniCity;
// Tuesday 1 December 2026, 10:00 in Lisbon (UTC+0 in winter): the kitchen opens at 19:00.
const now = new Date("2026-12-01T10:00:00Z");
const home = () => ({ addressId: city.addresses.home.id });

beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
  await setDailyHours(db, city.merchant.id, "19:00", "22:00");
  await addToCart(db, city.users.customer.id, {
    itemId: city.items.dish.id,
    modifierIds: [city.modifiers.regular.id],
    quantity: 1,
  });
});

const fails = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a domain error");
};

describe(`scheduled orders on ${testBackend()}`, () => {
  it("offers quarter-hour slots inside the opening hours, preparation and travel ahead, over two days", async () => {
    const options = await scheduleOptions(db, city.users.customer.id, { dropoff: home(), now });
    // 15 min preparation + 3 min for ~600 m: the first slot whose kitchen start (slot − 18 min) is after 19:00.
    expect(options).toMatchObject({
      merchantName: "Tasca Mini",
      openNow: false,
      asapEtaMin: 18,
      timezone: "Europe/Lisbon",
    });
    expect(options.slots).toHaveLength(20);
    expect(options.slots[0]?.toISOString()).toBe("2026-12-01T19:30:00.000Z");
    expect(options.slots[9]?.toISOString()).toBe("2026-12-01T21:45:00.000Z");
    expect(options.slots[10]?.toISOString()).toBe("2026-12-02T19:30:00.000Z");
    expect(options.slots.every((s) => s.getUTCMinutes() % 15 === 0)).toBe(true);

    // A closure over tomorrow evening takes its slots away.
    await db
      .insert(merchantClosures)
      .values({
        merchantId: city.merchant.id,
        startsAt: new Date("2026-12-02T00:00:00Z"),
        endsAt: new Date("2026-12-03T00:00:00Z"),
        reason: "Staff party",
      });
    const closed = await scheduleOptions(db, city.users.customer.id, { dropoff: home(), now });
    expect(closed.slots.map((s) => s.toISOString().slice(0, 10))).toEqual(
      Array(10).fill("2026-12-01"),
    );
  });

  it("refuses an order for now from a closed kitchen, and a slot it does not offer, naming the field and why", async () => {
    const c = city.users.customer.id;
    const asap = await fails(quoteCart(db, c, { dropoff: home(), tipCents: 0, now }));
    expect(asap).toMatchObject({ kind: "Conflict", details: { reason: "closed" } });
    expect(asap.message).toBe(
      "Tasca Mini is closed right now. You can schedule the order for when it is open.",
    );

    const at = (iso: string) =>
      fails(quoteCart(db, c, { dropoff: home(), tipCents: 0, now, scheduledFor: new Date(iso) }));
    expect(await at("2026-12-01T12:00:00Z")).toMatchObject({
      kind: "Validation",
      field: "scheduledFor",
      message: "Tasca Mini is closed at that time. Pick one of the times offered.",
    });
    expect(await at("2026-12-01T19:40:00Z")).toMatchObject({
      field: "scheduledFor",
      message: "Delivery times are on the quarter hour (…:00, :15, :30, :45).",
    });
    expect(await at("2026-12-01T10:15:00Z")).toMatchObject({
      field: "scheduledFor",
      message: "Tasca Mini needs at least 18 minutes to cook and deliver: pick a later time.",
    });
    expect(await at("2026-12-03T20:00:00Z")).toMatchObject({
      field: "scheduledFor",
      message: "Orders can be scheduled up to 2 days ahead.",
    });
    // 19:15 is inside the hours, but cooking would have to start at 18:57, before the kitchen opens.
    expect((await at("2026-12-01T19:15:00Z")).field).toBe("scheduledFor");
    expect(await countRows(db, "quotes")).toBe(0);
  });

  it("places a paid order for a slot, held back from the kitchen until the slot minus preparation and travel", async () => {
    const c = city.users.customer.id;
    await db.update(merchants).set({ autoAccept: true }).where(eq(merchants.id, city.merchant.id));
    const slot = new Date("2026-12-01T19:30:00Z");
    const deps = testDeps();
    const { quote, scheduledFor } = await quoteCart(db, c, {
      dropoff: home(),
      tipCents: 0,
      now,
      scheduledFor: slot,
    });
    expect(scheduledFor).toEqual(slot);

    const { order } = await placeOrder(db, deps, c, {
      quoteId: quote.id,
      idempotencyKey: "scheduled-0001",
      payment: goodCard,
      scheduledFor: slot,
      now,
    });

    // Auto-accepting kitchens too wait for the release.
    expect(order).toMatchObject({
      status: "PENDING",
      scheduledFor: slot,
      releaseAt: new Date("2026-12-01T19:12:00Z"),
      releasedAt: null,
    });
    expect(
      (await db.select().from(payments).where(eq(payments.orderId, order.id)))[0]?.status,
    ).toBe("authorized");
    const [placed] = await db.select().from(orderEvents).where(eq(orderEvents.orderId, order.id));
    expect(placed?.metadata).toMatchObject({
      scheduledFor: "2026-12-01T19:30:00.000Z",
      releaseAt: "2026-12-01T19:12:00.000Z",
    });
    // The board refetches (the order shows as scheduled) but nothing rings yet.
    expect(deps.events.events.map((e) => e.name)).toEqual(["order.changed"]);

    const staff = actor({
      role: "merchant_staff",
      userId: city.users.staff.id,
      merchantIds: [city.merchant.id],
    });
    const early = await fails(
      applyTransition(db, deps, { orderId: order.id, action: "accept", actor: staff }),
    );
    expect(early).toMatchObject({
      kind: "Conflict",
      details: { reason: "scheduled", releaseAt: "2026-12-01T19:12:00.000Z" },
    });
    expect(
      (await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id)))[0]
        ?.status,
    ).toBe("PENDING");
  });

  it("treats the slot as part of the checkout: the same key with another slot is a conflict, the same slot a replay", async () => {
    const c = city.users.customer.id;
    const slot = new Date("2026-12-01T20:00:00Z");
    const { quote } = await quoteCart(db, c, {
      dropoff: home(),
      tipCents: 0,
      now,
      scheduledFor: slot,
    });
    const first = await placeOrder(db, testDeps(), c, {
      quoteId: quote.id,
      idempotencyKey: "scheduled-twice",
      payment: goodCard,
      scheduledFor: slot,
      now,
    });
    const again = await placeOrder(db, testDeps(), c, {
      quoteId: quote.id,
      idempotencyKey: "scheduled-twice",
      payment: goodCard,
      scheduledFor: slot,
      now,
    });
    expect(again).toEqual({ order: first.order, replayed: true });
    const other = await fails(
      placeOrder(db, testDeps(), c, {
        quoteId: quote.id,
        idempotencyKey: "scheduled-twice",
        payment: goodCard,
        scheduledFor: new Date("2026-12-01T20:15:00Z"),
        now,
      }),
    );
    expect(other.kind).toBe("Conflict");
    expect(await countRows(db, "orders")).toBe(1);
  });
});
