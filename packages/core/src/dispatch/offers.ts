// What a courier's screen shows: their open offers, with where to pick up and drop off.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

export type TOpenOffer = {
  offerId: string;
  orderId: string;
  orderNumber: number;
  round: number;
  expiresAt: Date;
  pickup: { lng: number; lat: number; name: string };
  dropoff: { lng: number; lat: number };
  distanceM: number;
  feeCents: number;
  currency: string;
};

/** The courier's pending, unexpired offers, soonest deadline first. */
export async function listOpenOffers(db: TDbOrTx, courierId: string, now: Date = new Date()): Promise<TOpenOffer[]> {
  const rows = rowsOf<{
    id: string;
    order_id: string;
    number: number;
    round: number;
    expires_at: string | Date;
    m_lng: number;
    m_lat: number;
    m_name: string;
    d_lng: number;
    d_lat: number;
    distance_m: number;
    fee_cents: number;
    currency: string;
  }>(
    await db.execute(sql`
      select d.id, d.order_id, o.number, d.round, d.expires_at, d.distance_m, d.fee_cents, o.currency,
             ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat, m.name as m_name,
             ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat
      from delivery_offers d
      join orders o on o.id = d.order_id
      join merchants m on m.id = o.merchant_id
      where d.courier_id = ${courierId} and d.status = 'pending' and d.expires_at > ${now.toISOString()}::timestamptz
      order by d.expires_at, d.id`),
  );
  return rows.map((r) => ({
    offerId: r.id,
    orderId: r.order_id,
    orderNumber: Number(r.number),
    round: Number(r.round),
    expiresAt: new Date(r.expires_at),
    pickup: { lng: Number(r.m_lng), lat: Number(r.m_lat), name: r.m_name },
    dropoff: { lng: Number(r.d_lng), lat: Number(r.d_lat) },
    distanceM: Number(r.distance_m),
    feeCents: Number(r.fee_cents),
    currency: r.currency,
  }));
}
