// Synthetic places for the geo benchmarks, generated inside the database (generate_series and a
// seeded random()) so a million couriers load in seconds rather than minutes of JS inserts:
// a metro-sized grid of 1,000 irregular zones, merchants with hours, closures and menus, and
// couriers with a realistic status mix, all in and around Lisbon.
import { sql } from "drizzle-orm";
import { TransactionRollbackError } from "drizzle-orm/errors";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TGeoPoint } from "@lastmile/geo";

/** The instant every benchmark query is asked at: a Friday evening in Lisbon. */
export const BENCH_AT = new Date("2026-11-20T19:45:00Z");

/** The city, where couriers and merchants are (about 12 km × 12 km). */
export const CITY = { west: -9.23, east: -9.09, south: 38.69, north: 38.8 };
/** The metro area the zones tile (about 52 km × 44 km); the city lies inside it. */
export const METRO = { west: -9.5, east: -8.9, south: 38.55, north: 38.95 };
const ZONE_COLS = 40;
const ZONE_ROWS = 25;

/** mulberry32: a seeded stream, so every run asks the same questions. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type TBox = typeof CITY;

/** Uniform random points in a box, rounded to 1e-7° (about 1 cm), as clients send them. */
export function randomPoints(n: number, box: TBox, seed: number): TGeoPoint[] {
  const r = seededRandom(seed);
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  return Array.from({ length: n }, () => ({
    lng: round(box.west + r() * (box.east - box.west)),
    lat: round(box.south + r() * (box.north - box.south)),
  }));
}

export const count = async (db: TDb, table: string) =>
  Number(
    rowsOf<{ n: number | string }>(
      await db.execute(sql.raw(`select count(*) as n from ${table}`)),
    )[0]?.n ?? 0,
  );

/**
 * One country area and 1,000 zones tiling the metro box: a 40 × 25 grid whose nodes and edge
 * midpoints are jittered (each shared edge jittered once, so neighbours still tile without
 * overlaps), 20 vertices a zone; one zone in twenty is inactive.
 */
export async function loadZones(db: TDb): Promise<{ areaId: string }> {
  const [area] = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into areas (level, slug, name, timezone, currency, boundary)
      values ('country', 'bench-land', 'Bench Land', 'Europe/Lisbon', 'EUR',
              ST_Multi(ST_MakeEnvelope(${METRO.west - 0.1}, ${METRO.south - 0.1}, ${METRO.east + 0.1}, ${METRO.north + 0.1}, 4326)))
      returning id`),
  );
  if (!area) throw new Error("bench: area insert failed");
  const r = seededRandom(7);
  const w = (METRO.east - METRO.west) / ZONE_COLS;
  const h = (METRO.north - METRO.south) / ZONE_ROWS;
  // Node (i, j) jitter, and per-edge perpendicular jitter of the points along each edge.
  const node = new Map<string, [number, number]>();
  const at = (i: number, j: number): [number, number] => {
    const key = `${i},${j}`;
    let p = node.get(key);
    if (!p) {
      const border = i === 0 || j === 0 || i === ZONE_COLS || j === ZONE_ROWS;
      p = [
        METRO.west + i * w + (border ? 0 : (r() - 0.5) * 0.3 * w),
        METRO.south + j * h + (border ? 0 : (r() - 0.5) * 0.3 * h),
      ];
      node.set(key, p);
    }
    return p;
  };
  const edgeJitter = new Map<string, number[]>();
  const edge = (
    a: [number, number],
    b: [number, number],
    key: string,
    scale: number,
  ): [number, number][] => {
    let js = edgeJitter.get(key);
    if (!js) {
      js = [1, 2, 3, 4].map(() => (r() - 0.5) * 0.12 * scale);
      edgeJitter.set(key, js);
    }
    // Points at 1/5 … 4/5 along a→b, pushed sideways; the same offsets whichever way it is walked.
    const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
    const len = Math.hypot(dx, dy);
    const [nx, ny] = [-dy / len, dx / len];
    return js.map((o, k) => [
      a[0] + (dx * (k + 1)) / 5 + nx * o,
      a[1] + (dy * (k + 1)) / 5 + ny * o,
    ]);
  };
  const rows: { slug: string; wkt: string; active: boolean }[] = [];
  for (let i = 0; i < ZONE_COLS; i++) {
    for (let j = 0; j < ZONE_ROWS; j++) {
      const [sw, se, ne, nw] = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
      // Edges are keyed in their canonical direction (west→east, south→north) and reversed when walked back.
      const bottom = edge(sw, se, `h${i},${j}`, h);
      const right = edge(se, ne, `v${i + 1},${j}`, w);
      const top = edge(nw, ne, `h${i},${j + 1}`, h).reverse();
      const left = edge(sw, nw, `v${i},${j}`, w).reverse();
      const ring = [sw, ...bottom, se, ...right, ne, ...top, nw, ...left, sw];
      rows.push({
        slug: `z-${i}-${j}`,
        wkt: `SRID=4326;POLYGON((${ring.map(([x, y]) => `${x.toFixed(7)} ${y.toFixed(7)}`).join(",")}))`,
        active: r() >= 0.05,
      });
    }
  }
  for (let k = 0; k < rows.length; k += 250) {
    const batch = rows.slice(k, k + 250);
    await db.execute(sql`
      insert into service_zones (area_id, slug, name, boundary, active)
      select ${area.id}::uuid, z.slug, 'Zone ' || z.slug, z.wkt::geometry, z.active
      from json_to_recordset(${JSON.stringify(batch)}::json) as z(slug text, wkt text, active boolean)`);
  }
  await db.execute(sql`vacuum analyze areas`);
  await db.execute(sql`vacuum analyze service_zones`);
  return { areaId: area.id };
}

const DISHES = [
  "Pizza Margherita",
  "Pizza Diavola",
  "Bacalhau à Brás",
  "Francesinha",
  "Sushi Combo 12",
  "Salmon Nigiri",
  "Ramen Tonkotsu",
  "Cheeseburger",
  "Smash Burger",
  "Caldo Verde",
  "Bifana",
  "Pastel de Nata",
  "Frango Piri-Piri",
  "Pad Thai",
  "Chicken Tikka Masala",
  "Falafel Wrap",
  "Poke Bowl",
  "Açaí Bowl",
  "Caesar Salad",
  "Arroz de Marisco",
  "Polvo à Lagareiro",
  "Tacos al Pastor",
  "Burrito",
  "Lasagna",
  "Carbonara",
  "Gyoza",
  "Bao Bun",
  "Croissant",
];
const CUISINES = [
  ["portuguese", "seafood"],
  ["pizza", "italian"],
  ["burgers", "american"],
  ["japanese", "sushi"],
  ["indian", "curry"],
  ["mexican"],
  ["healthy", "bowls"],
  ["thai", "asian"],
  ["bakery", "cafe"],
  ["chicken", "portuguese"],
];
const NAMES = [
  "Tasca",
  "Casa",
  "Cantinho",
  "Pizzaria",
  "Sushi Bar",
  "Burger Lab",
  "Taqueria",
  "Café",
  "Churrasqueira",
  "Marisqueira",
];

/**
 * Merchants `from`..`to` (1-based), each in the zone containing it: 60 % in the city, 40 % spread
 * over the metro area (so a city address is served by some hundreds of merchants at 10k, as on
 * a real platform, not by thousands); 80 % deliver within a radius of 1–4 km, 20 % within a
 * star-shaped 12-gon of 1.5–3.5 km; 92 % verified; 80 % open, 12 % busy, 8 % paused (half of those pauses already over); weekly hours
 * from five patterns with a day off; 2 % closed right now; eight dishes each.
 */
export async function loadMerchants(db: TDb, areaId: string, from: number, to: number) {
  const inRange = sql`m.slug like 'bench-m-%' and split_part(m.slug, '-', 3)::int between ${from}::int and ${to}::int`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(${0.25 + from / 1e8})`);
    await tx.execute(sql`
      insert into merchants (slug, name, description, cuisines, location, address, area_id, timezone, currency,
                             status, availability, paused_until, default_prep_time_min, busy_extra_prep_min,
                             delivery_radius_m, rating_sum, rating_count)
      select 'bench-m-' || i,
             (${JSON.stringify(NAMES)}::jsonb ->> floor(r1 * ${NAMES.length})::int) || ' ' || i,
             'Benchmark merchant',
             string_to_array(${JSON.stringify(CUISINES.map((c) => c.join(",")))}::jsonb ->> floor(r2 * ${CUISINES.length})::int, ','),
             ST_SetSRID(ST_MakePoint(x, y), 4326)::geography,
             'Rua ' || i, ${areaId}::uuid, 'Europe/Lisbon', 'EUR',
             (case when r3 < 0.92 then 'verified' when r3 < 0.97 then 'pending' else 'suspended' end)::merchant_status,
             (case when r4 < 0.80 then 'open' when r4 < 0.92 then 'busy' else 'paused' end)::merchant_availability,
             case when r4 >= 0.92 then ${BENCH_AT.toISOString()}::timestamptz + (r5 - 0.5) * interval '4 hours' end,
             10 + floor(r5 * 21)::int, 10 + floor(r6 * 11)::int,
             1000 + floor(r6 * 3000)::int,
             round(rc * (3.5 + r1 * 1.5))::int, rc
      from (
        select i, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6,
               floor(random() * 400)::int rc,
               random() < 0.6 as in_city, random() as rx, random() as ry
        from generate_series(${from}::int, ${to}::int) i
      ) g0,
      lateral (select case when in_city then ${CITY.west}::float8 + rx * ${CITY.east - CITY.west}::float8
                           else ${METRO.west}::float8 + rx * ${METRO.east - METRO.west}::float8 end as x,
                      case when in_city then ${CITY.south}::float8 + ry * ${CITY.north - CITY.south}::float8
                           else ${METRO.south}::float8 + ry * ${METRO.north - METRO.south}::float8 end as y) g`);
    // One merchant in five draws its own area instead of a radius.
    await tx.execute(sql`
      update merchants m set delivery_radius_m = null, delivery_area = (
        select ST_MakePolygon(ST_AddPoint(line, ST_StartPoint(line)))
        from (select ST_MakeLine(ST_Project(m.location, 1500 + 2000 * random(), radians(k * 30))::geometry order by k) as line
              from generate_series(0, 11) k) ring)
      where ${inRange} and random() < 0.2`);
    await tx.execute(sql`
      update merchants m set zone_id = (
        select z.id from service_zones z where ST_Covers(z.boundary, m.location::geometry) order by z.id limit 1)
      where ${inRange}`);
    await tx.execute(sql`
      insert into merchant_hours (merchant_id, weekday, opens_at, closes_at)
      select m.id, d, s.opens::time, s.closes::time
      from merchants m
      cross join lateral (select floor(random() * 5)::int as pattern, 1 + floor(random() * 7)::int as day_off) p
      join (values (0, '12:00', '15:00'), (0, '19:00', '23:00'), (1, '10:00', '23:30'), (2, '18:00', '02:00'),
                   (3, '08:00', '16:00'), (4, '18:30', '23:30')) as s(pattern, opens, closes) on s.pattern = p.pattern
      cross join generate_series(1, 7) d
      where ${inRange} and d <> p.day_off`);
    await tx.execute(sql`
      insert into merchant_closures (merchant_id, starts_at, ends_at, reason)
      select m.id, ${BENCH_AT.toISOString()}::timestamptz - interval '1 day',
             ${BENCH_AT.toISOString()}::timestamptz + (1 + floor(random() * 5)) * interval '1 day', 'Holiday'
      from merchants m where ${inRange} and random() < 0.02`);
    await tx.execute(sql`
      insert into menu_categories (merchant_id, name) select m.id, 'Menu' from merchants m where ${inRange}`);
    await tx.execute(sql`
      insert into menu_items (merchant_id, category_id, name, price_cents, currency, available)
      select c.merchant_id, c.id, ${JSON.stringify(DISHES)}::jsonb ->> floor(random() * ${DISHES.length})::int, 500 + k * 100, 'EUR', random() < 0.95
      from menu_categories c join merchants m on m.id = c.merchant_id
      cross join generate_series(1, 8) k
      where ${inRange}`);
  });
  // The updates above left a dead version of every merchant behind.
  for (const t of ["merchants", "merchant_hours", "merchant_closures", "menu_items"])
    await db.execute(sql.raw(`vacuum analyze ${t}`));
}

/**
 * Couriers `from`..`to` (1-based), each with a user, at random places in the city: 30 % online
 * (85 % of them seen within the last minute, the rest stale; one in ten full), 10 % busy, 60 %
 * offline (a fifth never located); 92 % approved; capacity 1 or 2; vehicles weighted towards
 * two wheels.
 */
export async function loadCouriers(db: TDb, from: number, to: number) {
  const at = BENCH_AT.toISOString();
  await db.transaction(async (tx) => {
    await tx.execute(sql`select setseed(${0.5 + from / 1e8})`);
    await tx.execute(sql`
      with u as (
        insert into users (email, name)
        select 'bench-courier-' || i || '@bench.test', 'Courier ' || i from generate_series(${from}::int, ${to}::int) i
        returning id
      ),
      g as (
        select id, random() rs, random() ra, random() rv, random() rf, random() rl,
               case when random() < 0.8 then 1 else 2 end as cap,
               ${CITY.west}::float8 + random() * ${CITY.east - CITY.west}::float8 as x,
               ${CITY.south}::float8 + random() * ${CITY.north - CITY.south}::float8 as y
        from u
      )
      insert into couriers (user_id, vehicle, status, application_status, current_location, last_seen_at, capacity, active_orders)
      select id,
             (case when rv < 0.05 then 'foot' when rv < 0.30 then 'bicycle' when rv < 0.45 then 'ebike'
                   when rv < 0.70 then 'scooter' when rv < 0.95 then 'motorbike' else 'car' end)::vehicle,
             (case when rs < 0.30 then 'online' when rs < 0.40 then 'busy' else 'offline' end)::courier_status,
             (case when ra < 0.92 then 'approved' when ra < 0.97 then 'pending' else 'suspended' end)::application_status,
             case when rs >= 0.40 and rf < 0.2 then null else ST_SetSRID(ST_MakePoint(x, y), 4326)::geography end,
             ${at}::timestamptz - make_interval(secs => case
               when rs < 0.30 then (case when rf < 0.85 then rf / 0.85 * 55 else 120 + rf * 7200 end)
               when rs < 0.40 then rf * 30
               else 3600 + rf * 604800 end),
             cap,
             case when rs < 0.30 then (case when rl < 0.10 then cap when rl < 0.25 then cap - 1 else 0 end)
                  when rs < 0.40 then cap else 0 end
      from g`);
  });
  // Vacuum now rather than let autovacuum, woken by the bulk insert, compete with the timed run.
  await db.execute(sql`vacuum analyze users`);
  await db.execute(sql`vacuum analyze couriers`);
}

/**
 * Runs `fn` with the given indexes dropped, inside a transaction that is then rolled back: the
 * baseline is the same query, planned by the same server in the same run, minus the index.
 */
export async function withoutIndexes<T>(
  db: TDb,
  indexes: string[],
  fn: (tx: TDb) => Promise<T>,
): Promise<T> {
  let out: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      for (const ix of indexes) await tx.execute(sql.raw(`drop index ${ix}`));
      out = { value: await fn(tx as unknown as TDb) };
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  if (!out) throw new Error("bench: baseline produced nothing");
  return out.value;
}

/** Runs each input once, keeping what it returned and how long it took. */
export async function timeAll<T, R>(inputs: T[], run: (input: T) => Promise<R>) {
  const ms: number[] = [];
  const results: R[] = [];
  for (const input of inputs) {
    const t = performance.now();
    results.push(await run(input));
    ms.push(performance.now() - t);
  }
  return { ms, results };
}

export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
export const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
