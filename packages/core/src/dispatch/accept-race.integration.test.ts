// Exactly-once acceptance under real concurrency: rounds of couriers racing to accept a few hot
// orders at once — each tapping accept on their own offer twice, trying someone else's offer,
// and ops assigning by hand in the middle — then checking in the database that no order got
// two couriers. On PostgreSQL over 10,000 attempts; on PGlite (one session, so transactions
// take turns) a smaller run proves the same bookkeeping.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity, insertUser } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { point } from "@lastmile/db/geometry";
import { couriers, deliveryOffers, orders } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { DomainError } from "../errors";
import { discardEvents } from "../events";
import { assignCourier } from "../orders";
import { actor } from "../testing/deps";
import { acceptOffer } from "./respond";

const onPostgres = testBackend() === "postgres";
const SHAPE = onPostgres ? { couriers: 24, hotOrders: 3, minAttempts: 10_000 } : { couriers: 8, hotOrders: 2, minAttempts: 200 };

let db: TDb;
let city: TMiniCity;
let courierIds: string[] = [];

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  courierIds = [];
  for (let i = 0; i < SHAPE.couriers; i++) {
    const u = await insertUser(db, `racer-${i}@example.com`, `Racer ${i}`);
    const [c] = await db.insert(couriers).values({ userId: u.id, vehicle: "ebike", status: "online", applicationStatus: "approved", currentLocation: point(-9.1393, 38.7139), lastSeenAt: new Date() }).returning();
    courierIds.push(c?.id as string);
  }
});

let orderSeq = 0;
/** Hot orders straight into ACCEPTED: the race is about assignment, not checkout. */
async function hotOrders(k: number) {
  const rows = await db
    .insert(orders)
    .values(
      Array.from({ length: k }, () => ({
        customerId: city.users.customer.id,
        merchantId: city.merchant.id,
        zoneId: city.zone.id,
        status: "ACCEPTED" as const,
        currency: "EUR",
        subtotalCents: 1500,
        totalCents: 1500,
        dropoffLocation: point(-9.1365, 38.7095),
        dropoffAddress: "Rua Augusta 100",
        deliveryPin: "1234",
        idempotencyKey: `race-${(orderSeq += 1)}`,
        acceptedAt: new Date(),
      })),
    )
    .returning({ id: orders.id });
  return rows.map((r) => r.id);
}

const shuffle = <T>(xs: T[]) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
};

describe(`exactly-once acceptance under concurrency on ${testBackend()}`, () => {
  it(`gives every hot order exactly one courier over ${SHAPE.minAttempts}+ racing attempts`, async () => {
    const admin = actor({ role: "admin", userId: city.users.owner.id });
    let attempts = 0;
    let wins = 0;
    const refusals: Record<string, number> = {};
    const allOrders: string[] = [];

    while (attempts < SHAPE.minAttempts) {
      // Everyone free again for the next round (test bookkeeping, not a domain move).
      await db.update(couriers).set({ status: "online", activeOrders: 0 });
      const hot = await hotOrders(SHAPE.hotOrders);
      allOrders.push(...hot);
      const expiresAt = new Date(Date.now() + 60_000);
      const offers = await db
        .insert(deliveryOffers)
        .values(courierIds.map((courierId, i) => ({ orderId: hot[i % hot.length] as string, courierId, distanceM: 500, feeCents: 300, expiresAt })))
        .returning({ id: deliveryOffers.id, courierId: deliveryOffers.courierId, orderId: deliveryOffers.orderId });
      await db.update(couriers).set({ offersReceived: sql`${couriers.offersReceived} + 1` });

      const tries: (() => Promise<unknown>)[] = [];
      offers.forEach((o, i) => {
        const foreign = offers[(i + 1) % offers.length] as (typeof offers)[number];
        tries.push(() => acceptOffer(db, discardEvents, { offerId: o.id, courierId: o.courierId }));
        tries.push(() => acceptOffer(db, discardEvents, { offerId: o.id, courierId: o.courierId }));
        tries.push(() => acceptOffer(db, discardEvents, { offerId: foreign.id, courierId: o.courierId }));
      });
      hot.forEach((orderId, i) => tries.push(() => assignCourier(db, discardEvents, { orderId, courierId: courierIds[(i * 7) % courierIds.length] as string, actor: admin })));

      const results = await Promise.allSettled(shuffle(tries).map((t) => t()));
      attempts += results.length;
      for (const r of results) {
        if (r.status === "fulfilled") wins += 1;
        else if (r.reason instanceof DomainError) refusals[r.reason.kind] = (refusals[r.reason.kind] ?? 0) + 1;
        // Anything else — a deadlock, a constraint violation — is a failure of the design.
        else throw r.reason;
      }
    }

    // One winner per order, counted from the answers…
    expect(wins).toBe(allOrders.length);
    expect(Object.keys(refusals).sort()).toEqual(["Conflict", "NotFound"]);
    // …and checked in the database.
    const doubleAccepted = rowsOf(await db.execute(sql`select order_id from delivery_offers where status = 'accepted' group by order_id having count(*) > 1`));
    expect(doubleAccepted).toEqual([]);
    const mismatched = rowsOf(await db.execute(sql`select d.order_id from delivery_offers d join orders o on o.id = d.order_id where d.status = 'accepted' and o.courier_id is distinct from d.courier_id`));
    expect(mismatched).toEqual([]);
    const assignedTwice = rowsOf(await db.execute(sql`select order_id from order_events where metadata->>'kind' = 'dispatch.assigned' group by order_id having count(*) <> 1`));
    expect(assignedTwice).toEqual([]);
    const [unassigned] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from orders where idempotency_key like 'race-%' and courier_id is null`));
    expect(Number(unassigned?.n)).toBe(0);
    const [pendingLeft] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from delivery_offers where status = 'pending'`));
    expect(Number(pendingLeft?.n)).toBe(0);
    const [stats] = rowsOf<{ accepted: number; counted: number }>(
      await db.execute(sql`select (select count(*) from delivery_offers where status = 'accepted')::int as accepted, (select sum(offers_accepted) from couriers)::int as counted`),
    );
    expect(Number(stats?.counted)).toBe(Number(stats?.accepted));
    console.log(`[race] ${testBackend()}: ${attempts} attempts, ${allOrders.length} orders, ${wins} wins, refusals ${JSON.stringify(refusals)}`);
  });
});
