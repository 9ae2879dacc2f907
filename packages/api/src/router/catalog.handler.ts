// The queries behind the catalogue router: merchant cards with their delivery fee and ETA for a
// drop-off, the city's places for the offline address search, and the delivery map.
import { inArray, sql } from "drizzle-orm";

import { activeConfig, ZPricingConfig } from "@lastmile/core/config";
import { zoneLoad } from "@lastmile/core/checkout";
import { priceQuote, surgeFor } from "@lastmile/core/pricing";
import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { merchants, serviceZones } from "@lastmile/db/schema";
import { loadCity } from "@lastmile/db/seed";
import type { TGeoPoint, TMerchantHit } from "@lastmile/geo";
import { activeGeoConfig, merchantsDeliveringTo } from "@lastmile/geo";

export type TDiscoveryInput = {
  lng: number;
  lat: number;
  search?: string;
  cuisine?: string;
  maxPriceLevel?: number;
  minRating?: number;
  freeDelivery?: boolean;
  includeClosed: boolean;
  limit: number;
  cursor?: string | null;
};

/**
 * The delivery fee a merchant's quote would carry right now for a drop-off at `distanceM`: the
 * same pricing configuration, zone multiplier and surge that `quoteCart` applies, with no items.
 */
async function deliveryFees(db: TDbOrTx, hits: TMerchantHit[]) {
  const zoneIds = [...new Set(hits.map((h) => h.zoneId))];
  if (zoneIds.length === 0) return new Map<string, number>();
  const { value: cfg } = await activeConfig(db, "pricing", ZPricingConfig);
  const zones = await db
    .select({ id: serviceZones.id, multiplierBp: serviceZones.pricingMultiplierBp })
    .from(serviceZones)
    .where(inArray(serviceZones.id, zoneIds));
  const surge = new Map<string, number>();
  for (const z of zones) {
    const load = await zoneLoad(db, z.id);
    surge.set(z.id, surgeFor(load.openOrders, load.available, cfg.surgeCapBp));
  }
  const multiplier = new Map(zones.map((z) => [z.id, z.multiplierBp]));
  return new Map(
    hits.map((h) => [
      h.id,
      priceQuote(cfg, {
        subtotalCents: 0,
        distanceM: Math.round(h.distanceM),
        zoneMultiplierBp: multiplier.get(h.zoneId) ?? 10000,
        surgeBp: surge.get(h.zoneId) ?? 10000,
        tipCents: 0,
        discountCents: 0,
      }).deliveryFeeCents,
    ]),
  );
}

export async function discoverMerchants(db: TDbOrTx, input: TDiscoveryInput) {
  const point: TGeoPoint = { lng: input.lng, lat: input.lat };
  const page = await merchantsDeliveringTo(db, point, {
    config: await activeGeoConfig(db),
    search: input.search,
    cuisine: input.cuisine,
    includeClosed: input.includeClosed,
    limit: input.limit,
    cursor: input.cursor ?? null,
  });
  // Price and rating narrow the page the geo query returned (its SQL filters only what has an
  // index: text and cuisine); with the city's size a page holds every merchant in reach.
  const inRange = page.items.filter(
    (h) =>
      (input.maxPriceLevel === undefined || h.priceLevel <= input.maxPriceLevel) &&
      (input.minRating === undefined || (h.ratingAvg !== null && h.ratingAvg >= input.minRating)),
  );
  const candidateIds = inRange.map((h) => h.id);
  const details = candidateIds.length
    ? await db
        .select({ id: merchants.id, description: merchants.description, photoUrl: merchants.photoUrl, currency: merchants.currency, timezone: merchants.timezone, freeDeliveryOverCents: merchants.freeDeliveryOverCents })
        .from(merchants)
        .where(inArray(merchants.id, candidateIds))
    : [];
  const detail = new Map(details.map((d) => [d.id, d]));
  // Free delivery narrows by the merchant's own offer (applied by the quote once the basket reaches it).
  const offered = input.freeDelivery ? inRange.filter((h) => detail.get(h.id)?.freeDeliveryOverCents != null) : inRange;
  const fees = await deliveryFees(db, offered);
  return {
    items: offered.map((h) => ({
      id: h.id,
      slug: h.slug,
      name: h.name,
      description: detail.get(h.id)?.description ?? "",
      photoUrl: detail.get(h.id)?.photoUrl ?? null,
      cuisines: h.cuisines,
      priceLevel: h.priceLevel,
      rating: h.ratingAvg === null ? null : Math.round(h.ratingAvg * 10) / 10,
      ratingCount: h.ratingCount,
      availability: h.availability,
      openNow: h.openNow,
      nextOpensAt: h.nextOpensAt,
      distanceM: Math.round(h.distanceM),
      etaMin: Math.max(1, Math.round(h.etaS / 60)),
      deliveryFeeCents: fees.get(h.id) ?? 0,
      freeDeliveryOverCents: detail.get(h.id)?.freeDeliveryOverCents ?? null,
      currency: (detail.get(h.id)?.currency ?? "EUR").trim(),
      timezone: detail.get(h.id)?.timezone ?? "Europe/Lisbon",
      location: h.location,
    })),
    nextCursor: page.nextCursor,
  };
}

/* ---------------------------------- places search ---------------------------------- */

type TPlaceRow = { kind: "street" | "landmark"; name: string; detail: string; lng: number; lat: number; score: number };

let cityPlaces: string | undefined;
/**
 * The demo city's streets and landmarks as one JSON parameter. The seed keeps them in its
 * GeoJSON, not in a table, so the search sends them along and lets pg_trgm and PostGIS do the
 * matching and the geometry (a street is found at the middle of its line).
 */
function placesJson() {
  if (cityPlaces) return cityPlaces;
  const city = loadCity();
  const zoneName = new Map(city.zones.map((z) => [z.properties.key, z.properties.name]));
  const places = [
    ...city.streets.map((s) => ({ kind: "street", name: s.properties.name, detail: zoneName.get(s.properties.zoneKey ?? "") ?? "Lisboa", geometry: s.geometry })),
    ...city.landmarks.map((l) => ({ kind: "landmark", name: l.properties.name, detail: zoneName.get(l.properties.zoneKey ?? "") ?? "Lisboa", geometry: l.geometry })),
  ];
  cityPlaces = JSON.stringify(places);
  return cityPlaces;
}

const ACCENTED = "áàâãäéèêëíìîïóòôõöúùûüç";
const PLAIN = "aaaaaeeeeiiiiooooouuuuc";
const fold = (s: string) => s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");

/**
 * Streets and landmarks whose name looks like `query`, best match first. A trailing house
 * number ("Rua Augusta 25") is kept for the label but not matched against names.
 */
export async function searchPlaces(db: TDbOrTx, query: string, limit: number) {
  const trimmed = query.trim().replace(/\s+/g, " ");
  const numbered = /^(.*?)[,\s]+(\d{1,4}[A-Za-z]?)$/.exec(trimmed);
  // Accents are folded on both sides so "comercio" finds "Praça do Comércio" (no unaccent
  // extension is assumed: PGlite ships without it).
  const term = fold(numbered?.[1] ?? trimmed).slice(0, 100);
  const houseNumber = numbered?.[2] ?? null;
  if (term.length < 2) return [];
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = rowsOf<TPlaceRow>(
    await db.execute(sql`
      with places as (
        select p->>'kind' as kind, p->>'name' as name, p->>'detail' as detail,
               translate(lower(p->>'name'), ${ACCENTED}, ${PLAIN}) as folded,
               ST_SetSRID(ST_GeomFromGeoJSON(p->'geometry'), 4326) as geom
        from jsonb_array_elements(${placesJson()}::jsonb) as p
      )
      select kind, name, detail,
             ST_X(pt) as lng, ST_Y(pt) as lat,
             greatest(word_similarity(${term}, folded), similarity(${term}, folded)) as score
      from places,
           lateral (select case when GeometryType(geom) = 'LINESTRING' then ST_LineInterpolatePoint(geom, 0.5) else geom end as pt) c
      where folded like ${pattern} or ${term} <% folded
      order by (folded like ${pattern}) desc, score desc, name
      limit ${limit}`),
  );
  return rows.map((r) => ({
    kind: r.kind,
    label: houseNumber && r.kind === "street" ? `${r.name} ${houseNumber}` : r.name,
    detail: r.detail,
    lng: Number(r.lng),
    lat: Number(r.lat),
  }));
}

/* ------------------------------------- the map ------------------------------------- */

export type TCityMap = {
  zones: { id: string; name: string; coordinates: [number, number][][] }[];
  streets: { id: string; name: string; coordinates: [number, number][] }[];
  center: [number, number];
};

/** Where we deliver (active zones, from the database) over the city's streets. */
export async function cityMap(db: TDbOrTx): Promise<TCityMap> {
  const zones = rowsOf<{ id: string; name: string; geojson: string }>(
    await db.execute(sql`select id, name, ST_AsGeoJSON(boundary, 6) as geojson from service_zones where active order by name`),
  ).map((z) => ({ id: z.id, name: z.name, coordinates: (JSON.parse(z.geojson) as { coordinates: [number, number][][] }).coordinates }));
  const city = loadCity();
  return {
    zones,
    streets: city.streets.map((s) => ({ id: s.properties.key, name: s.properties.name, coordinates: s.geometry.coordinates })),
    // Praça do Rossio: the middle of the demo city's zones.
    center: [-9.1393, 38.7139],
  };
}
