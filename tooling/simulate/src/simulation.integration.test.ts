// One tick of the demo city against the real router and a real database: couriers go on duty
// and move, and a customer's order goes through cart and checkout.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { recordingPublisher } from "@lastmile/core/events";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { couriers, orderEvents, orders, userRoles } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { pickCast } from "./cast";
import { createSimulation } from "./simulation";

let db: TDb;
let city: TMiniCity;

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  const u = city.users;
  // The roles a sign-up would have given them (the fixture leaves roles to each test).
  await db.insert(userRoles).values([
    { userId: u.customer.id, role: "customer" },
    { userId: u.courierUser.id, role: "courier" },
    { userId: u.otherCourierUser.id, role: "courier" },
    { userId: u.owner.id, role: "merchant_owner" },
  ]);
});

/** Two short streets through Baixa (Rua Augusta and Rua do Ouro, roughly). */
const STREETS = [
  [{ lng: -9.1387, lat: 38.7124 }, { lng: -9.1372, lat: 38.7098 }, { lng: -9.1365, lat: 38.7078 }],
  [{ lng: -9.1398, lat: 38.7128 }, { lng: -9.1384, lat: 38.7095 }],
];

describe(`the simulated city on ${testBackend()}`, () => {
  it("puts couriers on duty, moves them in one tick and places an order through the router", async () => {
    const cast = await pickCast(db, { couriers: 10, merchants: 10, customers: 10 });
    expect(cast.couriers).toHaveLength(2);
    expect(cast.merchants.map((m) => m.name)).toEqual(["Tasca Mini"]);
    expect(cast.customers.map((c) => c.addresses.length)).toEqual([1]); // Almada is outside every zone

    const events = recordingPublisher();
    const lines: string[] = [];
    // 20 orders a minute over a 3-second tick: exactly one order is due.
    const sim = createSimulation(db, cast, { ordersPerMin: 20, acceptRate: 1, assignAfterS: 0, seed: 7, events, log: (l) => lines.push(l) });
    const start = Date.now();
    const before = await db.select({ id: couriers.id, lastSeenAt: couriers.lastSeenAt }).from(couriers);
    await sim.start(start, STREETS);
    expect((await db.select({ status: couriers.status }).from(couriers)).map((c) => c.status)).toEqual(["online", "online"]);

    const summary = await sim.tick(start + 3000);
    expect(summary.reported).toBe(2);
    expect(summary.pointsAccepted).toBe(8); // four fixes, a second apart, from each phone
    expect(summary.moved.sort()).toEqual(before.map((c) => c.id).sort());
    const after = rowsOf<{ id: string; moved_m: number; last_seen_at: Date | string }>(
      await db.execute(sql`select c.id, c.last_seen_at, ST_Distance(c.current_location, ${sql.raw(`'SRID=4326;POINT(-9.1393 38.7139)'`)}::geography) as moved_m from couriers c where c.id = ${city.couriers.courier.id}`),
    );
    // An e-bike at 5 m/s for 3 s: about 15 m from the restaurant, and last seen at the tick.
    expect(Number(after[0]?.moved_m)).toBeGreaterThan(5);
    expect(Number(after[0]?.moved_m)).toBeLessThan(30);
    expect(new Date(after[0]?.last_seen_at as string).getTime()).toBe(start + 3000);
    expect(events.events.some((e) => e.name === "courier.location")).toBe(true);

    expect(summary.ordersPlaced).toBe(1);
    const [order] = await db.select({ id: orders.id, status: orders.status, customerId: orders.customerId, merchantId: orders.merchantId }).from(orders);
    expect(order).toMatchObject({ status: "PENDING", customerId: city.users.customer.id, merchantId: city.merchant.id });
    const [placed] = await db.select({ role: orderEvents.actorRole }).from(orderEvents).where(eq(orderEvents.orderId, order?.id as string));
    expect(placed?.role).toBe("customer");
    expect(lines.some((l) => /Clara ordered #\d+ from Tasca Mini/.test(l))).toBe(true);

    await sim.stop(start + 4000);
    expect((await db.select({ status: couriers.status }).from(couriers)).map((c) => c.status)).toEqual(["offline", "offline"]);
  });
});
