// Can this merchant take an order to this point right now? Verified, not paused, open at this
// moment in its own timezone (overnight slots included, closures excluded), and covering the
// drop-off with its radius or polygon inside an active zone. All answered by PostgreSQL/PostGIS.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

import { DomainError, notFound } from "../errors";

export type TReach = {
  merchantId: string;
  merchantName: string;
  currency: string;
  zoneId: string;
  zoneMultiplierBp: number;
  distanceM: number;
  prepTimeMin: number;
  autoAccept: boolean;
  timezone: string;
  /** Free delivery (merchant-funded) from this subtotal on; null: no such offer. */
  freeDeliveryOverCents: number | null;
  /** Open for an order right now (hours, closures, pause); a scheduled order does not need it. */
  openNow: boolean;
};

/** Minutes on the road for the customer's estimate: the route is ~35 % longer than the crow flies, at ~4.5 m/s. */
export const travelMin = (distanceM: number) => Math.round((distanceM * 1.35) / 4.5 / 60);

/** `for: "now"` refuses a restaurant that cannot cook at this moment; `"later"` (a scheduled order) only needs it to deliver here. */
export type TReachMode = "now" | "later";

export async function merchantReach(db: TDbOrTx, merchantId: string, dropoff: { lng: number; lat: number }, at: Date, mode: TReachMode = "now"): Promise<TReach> {
  const p = sql`ST_SetSRID(ST_MakePoint(${dropoff.lng}, ${dropoff.lat}), 4326)`;
  const iso = at.toISOString();
  const [m] = rowsOf<{
    id: string; name: string; currency: string; status: string; availability: string; paused_until: string | null;
    zone_id: string | null; zone_active: boolean | null; multiplier: number | null; distance_m: number; covers: boolean; open: boolean;
    closed_for: string | null; prep: number; auto_accept: boolean; timezone: string; free_delivery_over_cents: number | null;
  }>(
    await db.execute(sql`
      select m.id, m.name, m.currency, m.status, m.availability, m.paused_until, m.auto_accept, m.timezone, m.free_delivery_over_cents,
             m.default_prep_time_min + case when m.availability = 'busy' then m.busy_extra_prep_min else 0 end as prep,
             z.id as zone_id, z.active as zone_active, z.pricing_multiplier_bp as multiplier,
             round(ST_Distance(m.location, ${p}::geography))::int as distance_m,
             case when m.delivery_area is not null then ST_Covers(m.delivery_area, ${p})
                  else ST_DWithin(m.location, ${p}::geography, m.delivery_radius_m) end as covers,
             exists (
               select 1 from merchant_hours h,
                 lateral (select (${iso}::timestamptz at time zone m.timezone) as local) l
               where h.merchant_id = m.id and (
                 (h.closes_at > h.opens_at and h.weekday = extract(isodow from l.local)
                    and l.local::time >= h.opens_at and l.local::time < h.closes_at)
                 or (h.closes_at < h.opens_at and (
                    (h.weekday = extract(isodow from l.local) and l.local::time >= h.opens_at)
                    or (h.weekday = extract(isodow from l.local - interval '1 day') and l.local::time < h.closes_at))))
             ) as open,
             (select c.reason from merchant_closures c where c.merchant_id = m.id and ${iso}::timestamptz >= c.starts_at and ${iso}::timestamptz < c.ends_at limit 1) as closed_for
      from merchants m left join service_zones z on z.id = m.zone_id
      where m.id = ${merchantId}`),
  );
  if (!m || m.status !== "verified") throw notFound("That restaurant");
  const refuse = (message: string, reason: string) => new DomainError("Conflict", message, { details: { reason } });
  const paused = m.availability === "paused" && (!m.paused_until || new Date(m.paused_until) > at);
  if (mode === "now") {
    if (paused) throw refuse(`${m.name} has paused new orders for a moment. Try again shortly.`, "paused");
    if (m.closed_for !== null) throw refuse(`${m.name} is closed today (${m.closed_for || "closure"}).`, "closure");
    if (!m.open) throw refuse(`${m.name} is closed right now. You can schedule the order for when it is open.`, "closed");
  }
  if (!m.zone_id || !m.zone_active) throw refuse(`${m.name} is not delivering at the moment.`, "zone_inactive");
  if (!m.covers) throw refuse(`${m.name} does not deliver to that address (${(Number(m.distance_m) / 1000).toFixed(1)} km away).`, "out_of_range");
  return {
    merchantId: m.id,
    merchantName: m.name,
    currency: m.currency.trim(),
    zoneId: m.zone_id,
    zoneMultiplierBp: Number(m.multiplier ?? 10000),
    distanceM: Number(m.distance_m),
    prepTimeMin: Number(m.prep),
    autoAccept: m.auto_accept,
    timezone: m.timezone,
    freeDeliveryOverCents: m.free_delivery_over_cents === null ? null : Number(m.free_delivery_over_cents),
    openNow: m.open && m.closed_for === null && !paused,
  };
}

/** Open orders against available couriers in a zone right now, for surge. */
export async function zoneLoad(db: TDbOrTx, zoneId: string) {
  const [row] = rowsOf<{ open_orders: number; available: number }>(
    await db.execute(sql`
      select
        (select count(*) from orders where zone_id = ${zoneId} and status in ('PENDING','ACCEPTED','PREPARING','READY_FOR_PICKUP'))::int as open_orders,
        (select count(*) from couriers where home_zone_id = ${zoneId} and status = 'online' and active_orders < capacity)::int as available`),
  );
  return { openOrders: Number(row?.open_orders ?? 0), available: Number(row?.available ?? 0) };
}
