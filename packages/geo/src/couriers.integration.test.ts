// Nearest available couriers: hand-made cases (nearer couriers that must be skipped, ties,
// limits, empty answers), the query plan (the partial GiST index, KNN, no sequential scan —
// with literal values and as a generic prepared statement), and a property test against a
// brute-force scan of the same rows.
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TVehicle } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import type { TGeoPoint } from "./coordinates";
import type { TNearestCouriersOptions } from "./couriers";
import { nearestAvailableCouriers, nearestAvailableCouriersQuery } from "./couriers";
import { travelTimeS } from "./measure";
import { addCourier, GEO_CONFIG, project } from "./test-fixtures";

let db: TDb;

beforeAll(async () => {
  ({ db } = await getTestDb());
});

const NOW = new Date("2026-11-20T19:45:00Z");
const secondsAgo = (s: number) => new Date(NOW.getTime() - s * 1000);
/** The merchant the dispatcher looks around, in Baixa. */
const PICKUP: TGeoPoint = { lat: 38.7107, lng: -9.1366 };
const opts = (o: Partial<TNearestCouriersOptions> = {}): TNearestCouriersOptions => ({ config: GEO_CONFIG, at: NOW, freshWithinS: 60, ...o });
const nearestIds = async (o: Partial<TNearestCouriersOptions> = {}) => (await nearestAvailableCouriers(db, PICKUP, opts(o))).map((c) => c.id);

describe(`nearestAvailableCouriers on ${testBackend()}`, () => {
  beforeEach(async () => {
    await resetTestDb(db);
  });

  it("skips nearer couriers that are offline, stale, full, busy, unapproved or unlocated", async () => {
    const at = (m: number) => project(db, PICKUP, m, 90);
    await addCourier(db, await at(10), secondsAgo(5), { status: "offline" });
    await addCourier(db, await at(20), secondsAgo(61)); // stale by one second
    await addCourier(db, await at(30), secondsAgo(5), { capacity: 2, activeOrders: 2 }); // full
    await addCourier(db, await at(40), secondsAgo(5), { status: "busy", capacity: 2, activeOrders: 1 });
    await addCourier(db, await at(50), secondsAgo(5), { applicationStatus: "pending" });
    await addCourier(db, await at(55), secondsAgo(5), { applicationStatus: "suspended" });
    await addCourier(db, null, secondsAgo(5));
    const spare = await addCourier(db, await at(60), secondsAgo(60), { capacity: 2, activeOrders: 1 }); // exactly 60 s old: fresh
    const far = await addCourier(db, await at(700), secondsAgo(1));
    const result = await nearestAvailableCouriers(db, PICKUP, opts());
    expect(result.map((c) => c.id)).toEqual([spare.id, far.id]);
    expect(result[0]?.distanceM).toBeCloseTo(60, 6);
    expect(result[1]?.distanceM).toBeCloseTo(700, 6);
  });

  it("gives each courier the ETA of its own vehicle", async () => {
    const foot = await addCourier(db, await project(db, PICKUP, 500, 0), secondsAgo(1), { vehicle: "foot" });
    const car = await addCourier(db, await project(db, PICKUP, 800, 180), secondsAgo(1), { vehicle: "car" });
    const [a, b] = await nearestAvailableCouriers(db, PICKUP, opts());
    expect(a).toMatchObject({ id: foot.id, vehicle: "foot", etaS: travelTimeS(GEO_CONFIG, a?.distanceM ?? NaN, "foot"), capacity: 1, activeOrders: 0 });
    expect(b).toMatchObject({ id: car.id, vehicle: "car", etaS: travelTimeS(GEO_CONFIG, b?.distanceM ?? NaN, "car") });
    expect(a?.etaS).toBe(520); // 500 m × 1.35 ÷ 1.3 m/s = 519.2 s
    expect(a?.lastSeenAt).toEqual(secondsAgo(1));
  });

  it("breaks ties by courier id", async () => {
    // Same spot, and mirror images east and west of the pickup: equal distances.
    const spot = await project(db, PICKUP, 200, 45);
    const twins = [await addCourier(db, spot, secondsAgo(1)), await addCourier(db, spot, secondsAgo(2)), await addCourier(db, spot, secondsAgo(3))];
    const east = await addCourier(db, { lat: PICKUP.lat, lng: PICKUP.lng + 0.004 }, secondsAgo(1));
    const west = await addCourier(db, { lat: PICKUP.lat, lng: PICKUP.lng - 0.004 }, secondsAgo(1));
    const result = await nearestAvailableCouriers(db, PICKUP, opts());
    expect(result.map((c) => c.id)).toEqual([...twins.map((t) => t.id).sort(), ...[east.id, west.id].sort()]);
    expect(result[3]?.distanceM).toBe(result[4]?.distanceM);
    // The limit cuts through a tie deterministically too.
    expect(await nearestIds({ limit: 2 })).toEqual(twins.map((t) => t.id).sort().slice(0, 2));
  });

  it("honours limit, maximum distance, vehicles and exclusions", async () => {
    const c100 = await addCourier(db, await project(db, PICKUP, 100, 10), secondsAgo(1), { vehicle: "scooter" });
    const c200 = await addCourier(db, await project(db, PICKUP, 200, 20), secondsAgo(1), { vehicle: "bicycle" });
    const c300 = await addCourier(db, await project(db, PICKUP, 300, 30), secondsAgo(1), { vehicle: "car" });
    const c999 = await addCourier(db, await project(db, PICKUP, 999.5, 40), secondsAgo(1), { vehicle: "ebike" });
    await addCourier(db, await project(db, PICKUP, 1000.5, 50), secondsAgo(1), { vehicle: "ebike" });
    expect(await nearestIds({ limit: 2 })).toEqual([c100.id, c200.id]);
    expect(await nearestIds({ maxDistanceM: 1000 })).toEqual([c100.id, c200.id, c300.id, c999.id]);
    expect(await nearestIds({ vehicles: ["car", "ebike"], maxDistanceM: 1000 })).toEqual([c300.id, c999.id]);
    expect(await nearestIds({ excludeIds: [c100.id, c300.id], maxDistanceM: 1000 })).toEqual([c200.id, c999.id]);
    expect(await nearestIds({ freshWithinS: 0 })).toEqual([]);
    await expect(nearestIds({ excludeIds: ["c100"] })).rejects.toThrow(/courier ids \(UUIDs\)/);
  });

  it("answers empty, not with an error, when nobody is available", async () => {
    expect(await nearestIds()).toEqual([]);
    await addCourier(db, PICKUP, secondsAgo(1), { status: "offline" });
    expect(await nearestIds()).toEqual([]);
    expect(await nearestIds({ vehicles: [] })).toEqual([]);
    await addCourier(db, { lat: 41.15, lng: -8.61 }, secondsAgo(1)); // Porto, 270 km away
    expect(await nearestIds()).toEqual([]);
  });
});

type TPlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Order By"?: string; "Index Cond"?: string; Plans?: TPlanNode[] };

const flatten = (n: TPlanNode): TPlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];

function planOf(rows: unknown[]): TPlanNode[] {
  const first = rows[0] as Record<string, unknown>;
  const raw = first["QUERY PLAN"] ?? Object.values(first)[0];
  const doc = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: TPlanNode }[];
  return flatten((doc[0] as { Plan: TPlanNode }).Plan);
}

/** A Postgres literal for an EXECUTE argument. */
const literal = (v: unknown) => (typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/**
 * The plan PostgreSQL would reuse for any parameters: PREPARE the exact statement the function
 * sends, force the generic plan, EXPLAIN EXECUTE it.
 */
async function genericPlan(query: SQL): Promise<TPlanNode[]> {
  const { sql: text, params } = new PgDialect().sqlToQuery(query);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`prepare geo_nearest_plan as ${text}`));
    try {
      return planOf(rowsOf(await tx.execute(sql.raw(`explain (format json) execute geo_nearest_plan(${params.map(literal).join(", ")})`))));
    } finally {
      await tx.execute(sql.raw("deallocate geo_nearest_plan"));
    }
  });
}

describe(`nearest-courier query plan on ${testBackend()}`, () => {
  beforeAll(async () => {
    await resetTestDb(db);
    // 100,000 couriers over Lisbon, 30 % online: enough that a plan which sorts everything within
    // the radius (what ST_DWithin's selectivity leads to) is estimated cheaper than KNN.
    await db.execute(sql`select setseed(0.42)`);
    await db.execute(sql`
      with u as (
        insert into users (email, name)
        select 'plan' || i || '@test.dev', 'Plan ' || i from generate_series(1, 100000) i
        returning id
      )
      insert into couriers (user_id, vehicle, status, application_status, current_location, last_seen_at, capacity, active_orders)
      select id, 'bicycle', (case when random() < 0.3 then 'online' else 'offline' end)::courier_status, 'approved',
             ST_SetSRID(ST_MakePoint(-9.23 + random() * 0.14, 38.69 + random() * 0.11), 4326)::geography,
             ${NOW.toISOString()}::timestamptz - random() * interval '90 seconds', 1, 0
      from u`);
    await db.execute(sql`analyze couriers`);
  });

  const query = () => nearestAvailableCouriersQuery(PICKUP, opts({ vehicles: ["bicycle", "scooter"], excludeIds: ["00000000-0000-4000-8000-000000000000"] }));

  const expectKnnOnPartialIndex = (nodes: TPlanNode[]) => {
    const onCouriers = nodes.filter((n) => n["Relation Name"] === "couriers");
    expect(onCouriers.length).toBeGreaterThan(0);
    expect(onCouriers.map((n) => n["Node Type"])).not.toContain("Seq Scan");
    expect(onCouriers.every((n) => n["Index Name"] === "couriers_on_duty_location_gist")).toBe(true);
    // The KNN phase walks the index in distance order rather than sorting a bitmap's output.
    const knn = onCouriers.filter((n) => n["Node Type"] === "Index Scan" && /<->/.test(n["Order By"] ?? ""));
    expect(knn).toHaveLength(1);
  };

  it("walks the partial GiST index in KNN order when sent with values", async () => {
    expectKnnOnPartialIndex(planOf(rowsOf(await db.execute(sql`explain (format json) ${query()}`))));
  });

  it("does the same as a generic prepared statement", async () => {
    expectKnnOnPartialIndex(await genericPlan(query()));
  });

  it("finds the same couriers as with the index switched off", async () => {
    const indexed = await nearestAvailableCouriers(db, PICKUP, opts({ limit: 25 }));
    const scanned = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_indexscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      return nearestAvailableCouriers(tx, PICKUP, opts({ limit: 25 }));
    });
    expect(indexed).toHaveLength(25);
    expect(indexed).toEqual(scanned);
  });
});

const VEHICLES: TVehicle[] = ["foot", "bicycle", "ebike", "scooter", "motorbike", "car"];

type TCourierSpec = {
  cell: [number, number] | null;
  status: "online" | "busy" | "offline";
  approved: boolean;
  capacity: number;
  load: number;
  ageS: number;
  vehicle: TVehicle;
};

const courierSpec: fc.Arbitrary<TCourierSpec> = fc.record({
  // A coarse grid (cells of about 43 m × 55 m) so that couriers share spots, and mirror images
  // across the probe's meridian or parallel, tie.
  cell: fc.option(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })), { freq: 8 }),
  // Weighted towards available couriers, so that most runs rank several of them.
  status: fc.constantFrom("online", "online", "online", "busy", "offline"),
  approved: fc.constantFrom(true, true, true, false),
  capacity: fc.integer({ min: 1, max: 3 }),
  load: fc.constantFrom(0, 0, 0, 1, 2, 3),
  ageS: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 30 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 120 }), weight: 1 }),
  vehicle: fc.constantFrom(...VEHICLES),
});

const cellPoint = ([x, y]: [number, number]): TGeoPoint => ({ lat: 38.71 + y * 0.0005, lng: -9.14 + x * 0.0005 });

describe(`nearestAvailableCouriers against brute force on ${testBackend()}`, () => {
  beforeAll(async () => {
    await resetTestDb(db);
  });

  it("returns exactly what a full scan returns, in the same order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(courierSpec, { minLength: 0, maxLength: 50, size: "max" }),
        fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 })),
        fc.record({
          limit: fc.integer({ min: 1, max: 8 }),
          maxDistanceM: fc.integer({ min: 40, max: 700 }),
          freshWithinS: fc.integer({ min: 10, max: 100 }),
          vehicles: fc.option(fc.subarray(VEHICLES, { minLength: 1 }), { nil: undefined, freq: 2 }),
          excludeCount: fc.integer({ min: 0, max: 3 }),
        }),
        fc.boolean(),
        async (specs, probeCell, o, forceIndex) => {
          await db.execute(sql`delete from couriers`);
          await db.execute(sql`delete from users`);
          const made = [];
          for (const s of specs) {
            made.push({
              spec: s,
              row: await addCourier(db, s.cell ? cellPoint(s.cell) : null, secondsAgo(s.ageS), {
                status: s.status,
                applicationStatus: s.approved ? "approved" : "pending",
                capacity: s.capacity,
                activeOrders: Math.min(s.load, s.capacity),
                vehicle: s.vehicle,
              }),
            });
          }
          const probe = cellPoint(probeCell);
          const excludeIds = made.slice(0, o.excludeCount).map((m) => m.row.id);
          const options = opts({ limit: o.limit, maxDistanceM: o.maxDistanceM, freshWithinS: o.freshWithinS, vehicles: o.vehicles, excludeIds });

          const actual = await db.transaction(async (tx) => {
            // Half the runs make the planner take the index, so both plans are held to the same answer.
            if (forceIndex) await tx.execute(sql`set local enable_seqscan = off`);
            return nearestAvailableCouriers(tx, probe, options);
          });

          // Brute force: eligibility decided here in JS, every distance measured by PostGIS.
          const distances = new Map(
            rowsOf<{ id: string; d: number | null }>(
              await db.execute(sql`select id, ST_Distance(current_location, ST_SetSRID(ST_MakePoint(${probe.lng}::float8, ${probe.lat}::float8), 4326)::geography) as d from couriers`),
            ).map((r) => [r.id, r.d === null ? null : Number(r.d)]),
          );
          const expected = made
            .filter(({ spec, row }) =>
              spec.status === "online" &&
              spec.approved &&
              Math.min(spec.load, spec.capacity) < spec.capacity &&
              spec.ageS <= o.freshWithinS &&
              (o.vehicles ? o.vehicles.includes(spec.vehicle) : true) &&
              !excludeIds.includes(row.id) &&
              spec.cell !== null,
            )
            .map(({ row }) => ({ id: row.id, d: distances.get(row.id) ?? Infinity }))
            .filter((c) => c.d <= o.maxDistanceM)
            .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .slice(0, o.limit);
          expect(actual.map((c) => c.id)).toEqual(expected.map((c) => c.id));
          expect(actual.map((c) => c.distanceM)).toEqual(expected.map((c) => c.d));
        },
      ),
      { numRuns: testBackend() === "pglite" ? 60 : 120, seed: 20261120 },
    );
  });
});
