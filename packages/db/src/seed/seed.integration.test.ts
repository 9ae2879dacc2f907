// The demo city: deterministic, big enough to feel alive, and geographically true — every
// claim checked by PostGIS on the seeded rows.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { TDb } from "../client";
import { rowsOf } from "../client";
import { getTestDb, testBackend } from "../testing";
import { DEMO_LOGINS, seedDemoCity } from "./index";

let db: TDb;
const NOW = new Date("2026-11-20T19:45:00Z"); // a Friday evening in Lisbon

const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q))[0] as T;

/** A digest of the rows that make the city what it is. */
const fingerprint = () =>
  one<Record<string, string>>(sql`
    select
      (select md5(string_agg(concat_ws('|', id, number, status, total_cents, placed_at, courier_id, delivery_pin), ',' order by id)) from orders) as orders,
      (select md5(string_agg(concat_ws('|', id, order_id, to_status, at), ',' order by id)) from order_events) as events,
      (select md5(string_agg(concat_ws('|', id, ST_AsText(current_location), status), ',' order by id)) from couriers) as couriers,
      (select md5(string_agg(concat_ws('|', id, ST_AsText(location), line1), ',' order by id)) from customer_addresses) as addresses,
      (select md5(string_agg(concat_ws('|', id, name, price_cents), ',' order by id)) from menu_items) as menu`);

let first: Record<string, string>;
const log: string[] = [];

beforeAll(async () => {
  ({ db } = await getTestDb());
  await seedDemoCity(db, { now: NOW, log: (l) => log.push(l) });
  first = await fingerprint();
});

describe(`demo city seed on ${testBackend()}`, () => {
  it("reports progress step by step", () => {
    expect(log.some((l) => /seed: \[1\/6\]/.test(l))).toBe(true);
    expect(log.some((l) => /seed: \[6\/6\]/.test(l))).toBe(true);
    expect(log.at(-1)).toMatch(/seed: done in [\d.]+ s/);
  });

  it("produces the promised size of city", async () => {
    const c = await one<Record<string, number>>(sql`
      select
        (select count(*) from service_zones)::int as zones,
        (select count(*) from areas)::int as areas,
        (select count(distinct level) from areas)::int as levels,
        (select count(*) from merchants)::int as merchants,
        (select count(*) from couriers)::int as couriers,
        (select count(distinct user_id) from user_roles where role = 'customer')::int as customers,
        (select count(*) from orders where placed_at >= ${NOW.toISOString()}::timestamptz - interval '30 days')::int as orders_30d,
        (select count(*) from menu_items)::int as items,
        (select count(*) from modifier_groups where min_choices >= 1)::int as required_groups,
        (select count(*) from reviews)::int as reviews,
        (select count(*) from orders where tip_cents > 0)::int as tipped,
        (select count(*) from orders where status = 'CANCELLED')::int as cancelled`);
    expect(c.zones).toBeGreaterThanOrEqual(4);
    expect(c.levels).toBe(4);
    expect(c.merchants).toBeGreaterThanOrEqual(40);
    expect(c.couriers).toBeGreaterThanOrEqual(200);
    expect(c.customers).toBeGreaterThanOrEqual(50);
    expect(c.orders_30d).toBeGreaterThanOrEqual(5000);
    expect(c.items).toBeGreaterThan(c.merchants ?? 0);
    expect(c.required_groups).toBeGreaterThan(0);
    expect(c.reviews).toBeGreaterThan(1000);
    expect(c.tipped).toBeGreaterThan(1000);
    expect(c.cancelled).toBeGreaterThan(100);
  });

  it("gives the same city for the same seed and moment", async () => {
    await seedDemoCity(db, { now: NOW });
    expect(await fingerprint()).toEqual(first);
  });

  it("puts every zone inside its municipality, without overlaps, and every merchant inside its zone", async () => {
    const g = await one<Record<string, number>>(sql`
      select
        (select count(*) from service_zones z join areas a on a.id = z.area_id where not ST_Within(z.boundary, a.boundary))::int as zones_outside,
        (select count(*) from service_zones a join service_zones b on a.id < b.id and ST_Intersects(a.boundary, b.boundary))::int as overlaps,
        (select count(*) from merchants m join service_zones z on z.id = m.zone_id where not ST_Covers(z.boundary, m.location::geometry))::int as merchants_outside,
        (select count(*) from areas c join areas p on p.id = c.parent_id where not ST_Within(c.boundary, p.boundary))::int as children_outside,
        (select count(*) from service_zones where ST_NumInteriorRings(boundary) > 0)::int as zones_with_holes`);
    expect(g).toMatchObject({
      zones_outside: 0,
      overlaps: 0,
      merchants_outside: 0,
      children_outside: 0,
    });
    expect(g.zones_with_holes).toBeGreaterThanOrEqual(1);
  });

  it("gives customers addresses inside zones, and a few that no zone covers", async () => {
    const a = await one<{ inside: number; outside: number; customers_without: number }>(sql`
      select
        count(*) filter (where exists (select 1 from service_zones z where ST_Covers(z.boundary, ca.location::geometry)))::int as inside,
        count(*) filter (where not exists (select 1 from service_zones z where ST_Covers(z.boundary, ca.location::geometry)))::int as outside,
        (select count(*) from user_roles r where r.role = 'customer' and not exists (select 1 from customer_addresses x where x.user_id = r.user_id))::int as customers_without
      from customer_addresses ca`);
    expect(a.inside).toBeGreaterThanOrEqual(50);
    expect(a.outside).toBeGreaterThanOrEqual(3);
    expect(a.customers_without).toBe(0);
  });

  it("delivers only within each merchant's radius, from verified merchants", async () => {
    const o = await one<{ out_of_range: number; unverified: number }>(sql`
      select
        count(*) filter (where not ST_DWithin(o.dropoff_location, m.location, m.delivery_radius_m))::int as out_of_range,
        count(*) filter (where m.status <> 'verified')::int as unverified
      from orders o join merchants m on m.id = o.merchant_id`);
    expect(o).toEqual({ out_of_range: 0, unverified: 0 });
  });

  it("has lunch and dinner peaks in Lisbon time", async () => {
    const byHour = new Map(
      rowsOf<{ h: number; n: number }>(
        await db.execute(
          sql`select extract(hour from placed_at at time zone 'Europe/Lisbon')::int as h, count(*)::int as n from orders group by 1`,
        ),
      ).map((r) => [r.h, r.n]),
    );
    const at = (h: number) => byHour.get(h) ?? 0;
    expect(at(13)).toBeGreaterThan(3 * at(10));
    expect(at(20)).toBeGreaterThan(3 * at(16));
    expect(at(4)).toBe(0);
  });

  it("records a timeline for every order that ends in its current status", async () => {
    const t = await one<{ mismatched: number; without_events: number }>(sql`
      with last as (
        select distinct on (order_id) order_id, to_status from order_events order by order_id, at desc, to_status desc
      )
      select
        (select count(*) from orders o join last l on l.order_id = o.id where l.to_status <> o.status)::int as mismatched,
        (select count(*) from orders o where not exists (select 1 from order_events e where e.order_id = o.id))::int as without_events`);
    expect(t).toEqual({ mismatched: 0, without_events: 0 });
  });

  it("keeps a balanced ledger: every transaction sums to zero", async () => {
    const l = await one<{ unbalanced: number; transactions: number }>(sql`
      select count(*) filter (where s <> 0)::int as unbalanced, count(*)::int as transactions
      from (select transaction_id, sum(amount_cents) as s from ledger_entries group by transaction_id) t`);
    expect(l.transactions).toBeGreaterThan(4000);
    expect(l.unbalanced).toBe(0);
  });

  it("has orders in flight right now, and the demo logins to watch them", async () => {
    const live = await one<{ n: number; demo_merchant_today: number }>(sql`
      select count(*) filter (where status in ('PENDING','ACCEPTED','PREPARING','READY_FOR_PICKUP','PICKED_UP'))::int as n,
        (select count(*) from orders o join merchant_members mm on mm.merchant_id = o.merchant_id join users u on u.id = mm.user_id
          where u.email = 'owner@lastmile.dev' and o.placed_at >= ${NOW.toISOString()}::timestamptz - interval '4 hours')::int as demo_merchant_today
      from orders`);
    expect(live.n).toBeGreaterThanOrEqual(15);
    expect(live.demo_merchant_today).toBeGreaterThanOrEqual(5);
    const logins = rowsOf<{ email: string; role: string; has_password: boolean }>(
      await db.execute(
        sql`select u.email, r.role, u.password_hash is not null as has_password from users u join user_roles r on r.user_id = u.id where u.email like '%@lastmile.dev'`,
      ),
    );
    for (const d of DEMO_LOGINS) {
      expect(logins).toContainEqual({ email: d.email, role: d.role, has_password: true });
    }
  });

  it("starts the demo courier off duty with empty hands, so their first offer is theirs to take", async () => {
    const demo = await one<{ status: string; active_orders: number; live: number }>(sql`
      select c.status, c.active_orders,
        (select count(*) from orders o where o.courier_id = c.id
          and o.status in ('PENDING','ACCEPTED','PREPARING','READY_FOR_PICKUP','PICKED_UP'))::int as live
      from couriers c join users u on u.id = c.user_id where u.email = 'courier@lastmile.dev'`);
    expect(demo).toEqual({ status: "offline", active_orders: 0, live: 0 });
  });
});
