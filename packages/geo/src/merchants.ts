// The customer's question — who delivers here, now? — and the validated write of a merchant's
// delivery polygon.
import { eq, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { merchants } from "@lastmile/db/schema";
import type { TVehicle } from "@lastmile/db/schema";

import type { TGeoConfig } from "./config";
import type { TGeoPoint, TPolygonInput } from "./coordinates";
import { GeoValidationError } from "./errors";
import { nextOpeningAfter, openAt } from "./opening-hours";
import type { TAreaLimits } from "./polygons";
import { assertValidPolygon, DELIVERY_AREA_LIMITS } from "./polygons";
import { pointGeography, pointGeometry } from "./sql";

export type TMerchantsDeliveringToOptions = {
  /** Detour factor and vehicle speeds for the travel part of the estimate. */
  config: TGeoConfig;
  /** The moment the customer would order; opening hours are read at it. Defaults to now. */
  at?: Date;
  /** The vehicle the travel estimate assumes before a courier is known. */
  etaVehicle?: TVehicle;
  /** Fuzzy (pg_trgm) match against the merchant's name, its cuisines and its available dishes. */
  search?: string;
  /** Only merchants tagged with this cuisine (case-insensitive). */
  cuisine?: string;
  /** Also list merchants that are closed at `at`, after the open ones, with their next opening. */
  includeClosed?: boolean;
  limit?: number;
  cursor?: string | null;
};

export type TMerchantHit = {
  id: string;
  slug: string;
  name: string;
  cuisines: string[];
  priceLevel: number;
  ratingAvg: number | null;
  ratingCount: number;
  /** What the kitchen says at `at`: a pause that has run out counts as open again. */
  availability: "open" | "busy" | "paused";
  zoneId: string;
  location: TGeoPoint;
  /** Straight-line geodesic distance from the merchant to the point, in metres. */
  distanceM: number;
  /** Preparation (plus the busy surcharge) in minutes. */
  prepTimeMin: number;
  /** Preparation + travel, in seconds: the order of the list. */
  etaS: number;
  openNow: boolean;
  /** When the merchant next opens, for closed merchants; null for open ones (or none in sight). */
  nextOpensAt: Date | null;
};

export type TMerchantsPage = { items: TMerchantHit[]; nextCursor: string | null };

export const DEFAULT_ETA_VEHICLE: TVehicle = "scooter";
export const MAX_PAGE = 100;

// The cursor is the sort key of the last row: (closed?, eta, id). Opaque to clients.
const ZCursor = z.tuple([z.union([z.literal(0), z.literal(1)]), z.number().int().min(0), z.uuid()]);
type TCursor = z.infer<typeof ZCursor>;

const encodeCursor = (c: TCursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(cursor: string): TCursor {
  try {
    return ZCursor.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new RangeError("Invalid cursor: pass back the nextCursor of the previous page unchanged.");
  }
}

/** LIKE metacharacters in a search term match themselves. */
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A substring, or a word-similar (pg_trgm `<%`, threshold 0.6) match; both use trigram indexes. */
const fuzzy = (column: SQL, term: string, pattern: string) => sql`(${column} ilike ${pattern} or ${term} <% ${column})`;

type TRow = {
  id: string;
  slug: string;
  name: string;
  cuisines: string[];
  price_level: number;
  rating_sum: number;
  rating_count: number;
  availability: "open" | "busy" | "paused";
  zone_id: string;
  lat: number;
  lng: number;
  distance_m: number;
  prep_min: number;
  eta_s: number;
  open_now: boolean;
  next_opens_at: string | Date | null;
};

/**
 * Merchants that deliver to `point` at `at`, by estimated delivery time (preparation, plus the
 * busy surcharge, plus travel by `etaVehicle`), then id. A merchant qualifies when it is
 * verified, its own zone is active, the point lies in an active zone, and its delivery polygon —
 * or, without one, its delivery radius — covers the point; it is listed as open when its hours
 * (in its timezone), closures and pause allow. Keyset pagination: pass `nextCursor` back.
 */
export async function merchantsDeliveringTo(db: TDbOrTx, point: TGeoPoint, options: TMerchantsDeliveringToOptions): Promise<TMerchantsPage> {
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), MAX_PAGE);
  const cursor = options.cursor ? decodeCursor(options.cursor) : null;
  const rows = rowsOf<TRow>(await db.execute(merchantsQuery(point, options, limit, cursor)));

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toHit),
    nextCursor: rows.length > limit && last ? encodeCursor([last.open_now ? 0 : 1, Number(last.eta_s), last.id]) : null,
  };
}

/**
 * Three layers, each fenced with OFFSET 0 so the planner keeps the order of work:
 * 1. `covering`: verified merchants whose polygon, or radius, covers the point — index-assisted,
 *    and the only layer that touches every candidate's geometry. The radius test starts with
 *    `_ST_Expand(location, radius) && point`, the exact expression of the coverage index
 *    recommended for the schema, which the planner uses when it exists and which costs a box
 *    test per radius merchant when not.
 * 2. `ranked`: in an active zone, with distance, preparation and estimate, sorted by (eta, id).
 * 3. The outer filters — hours, closures, pause, search, cuisine — run lazily on the sorted rows
 *    (the outer ORDER BY repeats the inner one, which the planner knows is already satisfied) and
 *    stop at the page size, so a thousand covering merchants cost a couple of dozen opening-hours
 *    look-ups rather than a thousand.
 */
function merchantsQuery(point: TGeoPoint, options: TMerchantsDeliveringToOptions, limit: number, cursor: TCursor | null): SQL {
  const at = sql`${(options.at ?? new Date()).toISOString()}::timestamptz`;
  const speed = options.config.speedMps[options.etaVehicle ?? DEFAULT_ETA_VEHICLE];
  const geom = pointGeometry(point);
  const geog = pointGeography(point);
  const term = options.search?.trim().slice(0, 100) ?? "";
  const pattern = likePattern(term);
  // Evaluated lazily on the sorted candidates, per merchant: its name, its cuisines, its available
  // dishes (through the menu_items (merchant_id, …) index), until the page is full.
  const search = term
    ? sql`and (${fuzzy(sql`m.name`, term, pattern)}
          or exists (select 1 from unnest(m.cuisines) as cu(name) where ${fuzzy(sql`cu.name`, term, pattern)})
          or exists (select 1 from menu_items mi where mi.merchant_id = m.id and mi.available and ${fuzzy(sql`mi.name`, term, pattern)}))`
    : sql``;
  const cuisine = options.cuisine?.trim()
    ? sql`and exists (select 1 from unnest(m.cuisines) as cu(name) where lower(cu.name) = lower(${options.cuisine.trim()}))`
    : sql``;

  // Only the columns the later layers need: polygons and descriptions stay on disk.
  const cols = sql`m.id, m.slug, m.name, m.cuisines, m.price_level, m.rating_sum, m.rating_count, m.availability,
    m.paused_until, m.timezone, m.zone_id, m.location, m.default_prep_time_min, m.busy_extra_prep_min`;
  // Radius merchants: the box test (index-served with the recommended coverage index), then one
  // geodesic distance per candidate, used both to test the radius and for the estimate.
  const covering = sql`
    select r.* from (
      select ${cols}, m.delivery_radius_m, ST_Distance(m.location, ${geog}) as distance_m
      from merchants m
      where m.status = 'verified' and m.delivery_area is null
        and _ST_Expand(m.location, m.delivery_radius_m::float8) && ${geog}
      offset 0
    ) r
    where r.distance_m <= r.delivery_radius_m
    union all
    select ${cols}, m.delivery_radius_m, ST_Distance(m.location, ${geog}) as distance_m
    from merchants m
    where m.status = 'verified' and m.delivery_area is not null and ST_Covers(m.delivery_area, ${geom})`;
  const ranked = sql`
    select m.id, m.slug, m.name, m.cuisines, m.price_level, m.rating_sum, m.rating_count, m.availability, m.paused_until,
           m.timezone, m.zone_id, m.location, m.distance_m, p.prep_min,
           p.prep_min * 60 + ceil(m.distance_m * ${options.config.detourFactor}::float8 / ${speed}::float8)::int as eta_s
    from (${covering}) m
    cross join lateral (select m.default_prep_time_min + case when m.availability = 'busy' then m.busy_extra_prep_min else 0 end as prep_min) p
    where exists (select 1 from service_zones pz where pz.active and ST_Covers(pz.boundary, ${geom}))
      and (m.zone_id in (select z.id from service_zones z where z.active)) is true
    order by eta_s, m.id
    offset 0`;
  const columns = sql`m.id, m.slug, m.name, m.cuisines, m.price_level, m.rating_sum, m.rating_count,
    case when m.availability = 'paused' and m.paused_until <= ${at} then 'open' else m.availability::text end as availability, m.zone_id,
    ST_Y(m.location::geometry) as lat, ST_X(m.location::geometry) as lng, m.distance_m, m.prep_min, m.eta_s`;
  const after = (c: TCursor | null, part: 0 | 1) =>
    !c || c[0] < part ? sql`` : c[0] > part ? sql`and false` : sql`and (m.eta_s, m.id) > (${c[1]}::int, ${c[2]}::uuid)`;

  if (!options.includeClosed) {
    return sql`
      select ${columns}, true as open_now, null::timestamptz as next_opens_at
      from (${ranked}) m
      where ${openAt(at)} ${after(cursor, 0)} ${search} ${cuisine}
      order by m.eta_s, m.id
      limit ${limit + 1}`;
  }
  // Open merchants first, then closed ones, each part stopping at the page size; the closed part
  // is skipped outright when the open part fills the page, and the next opening is worked out
  // only for the closed merchants on the page.
  return sql`
    with ranked as materialized (${ranked}),
    open_part as materialized (
      select m.*, true as open_now
      from (select * from ranked order by eta_s, id offset 0) m
      where ${openAt(at)} ${after(cursor, 0)} ${search} ${cuisine}
      order by m.eta_s, m.id
      limit ${limit + 1}
    ),
    closed_part as materialized (
      select m.*, false as open_now
      from (select * from ranked order by eta_s, id offset 0) m
      where (select count(*) from open_part) <= ${limit}
        and not ${openAt(at)} ${after(cursor, 1)} ${search} ${cuisine}
      order by m.eta_s, m.id
      limit ${limit + 1}
    )
    select ${columns}, m.open_now, case when not m.open_now then ${nextOpeningAfter(at)} end as next_opens_at
    from (
      select * from (select * from open_part union all select * from closed_part) page
      order by case when page.open_now then 0 else 1 end, page.eta_s, page.id
      limit ${limit + 1}
    ) m
    order by case when m.open_now then 0 else 1 end, m.eta_s, m.id`;
}

function toHit(r: TRow): TMerchantHit {
  const ratingCount = Number(r.rating_count);
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    cuisines: r.cuisines,
    priceLevel: Number(r.price_level),
    ratingAvg: ratingCount > 0 ? Number(r.rating_sum) / ratingCount : null,
    ratingCount,
    availability: r.availability,
    zoneId: r.zone_id,
    location: { lat: Number(r.lat), lng: Number(r.lng) },
    distanceM: Number(r.distance_m),
    prepTimeMin: Number(r.prep_min),
    etaS: Number(r.eta_s),
    openNow: r.open_now,
    nextOpensAt: r.next_opens_at === null ? null : new Date(r.next_opens_at),
  };
}

/**
 * Sets (or, with null, clears) a merchant's delivery polygon after PostGIS accepts it. Clearing
 * falls back to the delivery radius, so it is refused when the merchant has none. Returns null
 * when the merchant does not exist.
 */
export async function setMerchantDeliveryArea(
  db: TDbOrTx,
  merchantId: string,
  area: TPolygonInput | null,
  limits: TAreaLimits = DELIVERY_AREA_LIMITS,
) {
  const deliveryArea = area ? await assertValidPolygon(db, area, limits, "delivery area") : null;
  if (!deliveryArea) {
    const [current] = await db.select({ radius: merchants.deliveryRadiusM }).from(merchants).where(eq(merchants.id, merchantId));
    if (!current) return null;
    if (current.radius === null) {
      throw new GeoValidationError("no_delivery_coverage", "Set a delivery radius before removing the delivery area: a merchant must deliver somewhere.");
    }
  }
  const [row] = await db
    .update(merchants)
    .set({ deliveryArea, updatedAt: new Date() })
    .where(eq(merchants.id, merchantId))
    .returning({ id: merchants.id, deliveryArea: merchants.deliveryArea, deliveryRadiusM: merchants.deliveryRadiusM });
  return row ?? null;
}
