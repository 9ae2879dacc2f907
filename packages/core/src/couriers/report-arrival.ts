// "I'm here": the courier says they reached the restaurant (or the customer's door). Not a state
// change — the order stays where the kitchen or the hand-over puts it — but a fact the others
// act on: the kitchen board shows "Courier is here", the customer's timeline "Courier arrived at
// the restaurant". The server believes it only inside the geofence, measured by PostGIS from the
// same position the pick-up and delivery checks use, and records it once on the order's timeline.
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TOrderStatus } from "@lastmile/db/schema";

import { activeConfig, ZDispatchConfig } from "../config";
import { conflict, invalid, notFound } from "../errors";
import type { TEventPublisher } from "../events";
import { courierPosition, distanceTo } from "../orders/geofence";
import type { TLngLat } from "../orders/geofence";

export type TArrivalPlace = "pickup" | "dropoff";

/** The timeline kind of each arrival (order_events.metadata.kind). */
export const ARRIVAL_KIND = {
  pickup: "courier.arrived_pickup",
  dropoff: "courier.arrived_dropoff",
} as const satisfies Record<TArrivalPlace, string>;

/** Where each arrival still makes sense: at the restaurant before pick-up, at the door after. */
const ARRIVABLE: Record<TArrivalPlace, TOrderStatus[]> = {
  pickup: ["ACCEPTED", "PREPARING", "READY_FOR_PICKUP"],
  dropoff: ["PICKED_UP"],
};

const STATE_WORDS: Partial<Record<TOrderStatus, string>> = {
  PICKED_UP: "already picked up",
  DELIVERED: "delivered",
  CANCELLED: "cancelled",
  REFUNDED: "refunded",
  DISPUTED: "under dispute",
};

export type TReportArrivalInput = {
  courierId: string;
  userId: string;
  orderId: string;
  place: TArrivalPlace;
  /** Where the phone is; defaults to the courier's last reported position (as pick-up does). */
  location?: TLngLat;
  /** When the courier pressed "Arrived" on the phone (an offline queue may replay it later). */
  arrivedAt?: Date;
};

export type TReportArrivalResult = {
  orderId: string;
  orderNumber: number;
  place: TArrivalPlace;
  distanceM: number;
  at: Date;
  /** True when this arrival was already on record (a replay, a double tap): nothing new was written. */
  alreadyRecorded: boolean;
};

export async function reportCourierArrival(
  db: TDb,
  events: TEventPublisher,
  input: TReportArrivalInput,
): Promise<TReportArrivalResult> {
  const [o] = rowsOf<{
    id: string;
    number: number;
    status: TOrderStatus;
    courier_id: string | null;
    merchant_id: string;
    merchant_name: string;
    dropoff_address: string;
  }>(
    await db.execute(sql`
      select o.id, o.number, o.status, o.courier_id, o.merchant_id, m.name as merchant_name, o.dropoff_address
      from orders o join merchants m on m.id = o.merchant_id where o.id = ${input.orderId}::uuid`),
  );
  // Someone else's order is, as far as this courier can tell, not there at all.
  if (!o || o.courier_id !== input.courierId) throw notFound("That order");
  const number = Number(o.number);
  if (!ARRIVABLE[input.place].includes(o.status)) {
    const where = input.place === "pickup" ? "at the restaurant" : "at the drop-off";
    throw conflict(
      `Order #${number} is ${STATE_WORDS[o.status] ?? o.status.toLowerCase().replace(/_/g, " ")}; arriving ${where} no longer applies.`,
      { status: o.status },
    );
  }

  const { value: cfg } = await activeConfig(db, "dispatch", ZDispatchConfig);
  const here = await courierPosition(db, input.courierId, input.location);
  if (!here)
    throw invalid(
      "location",
      "We need your current location to confirm you have arrived; turn on location sharing.",
    );
  const fenceM = input.place === "pickup" ? cfg.pickupGeofenceM : cfg.dropoffGeofenceM;
  const distanceM = await distanceTo(
    db,
    here,
    input.place === "pickup"
      ? sql`(select location from merchants where id = ${o.merchant_id}::uuid)`
      : sql`(select dropoff_location from orders where id = ${o.id}::uuid)`,
  );
  const placeName =
    input.place === "pickup" ? o.merchant_name : `the drop-off (${o.dropoff_address})`;
  if (distanceM > fenceM)
    throw invalid(
      "location",
      `You are ${distanceM} m from ${placeName}; arrive within ${fenceM} m.`,
    );

  const kind = ARRIVAL_KIND[input.place];
  // One arrival per order and place: the order row is locked while we look, so a double tap and
  // a replayed queue entry racing each other write one event between them.
  const recorded = await db.transaction(async (tx) => {
    await tx.execute(sql`select id from orders where id = ${o.id}::uuid for update`);
    const [before] = rowsOf<{ at: string | Date }>(
      await tx.execute(
        sql`select at from order_events where order_id = ${o.id}::uuid and metadata->>'kind' = ${kind} order by at limit 1`,
      ),
    );
    if (before) return { at: new Date(before.at), fresh: false };
    const [row] = rowsOf<{ at: string | Date }>(
      await tx.execute(sql`
        insert into order_events (order_id, from_status, to_status, actor_id, actor_role, reason, metadata)
        values (${o.id}::uuid, ${o.status}::order_status, ${o.status}::order_status, ${input.userId}::uuid, 'courier',
                ${input.place === "pickup" ? "Courier arrived at the restaurant" : "Courier arrived at the drop-off"},
                ${JSON.stringify({ kind, distanceM, location: here, arrivedAt: input.arrivedAt?.toISOString() ?? null })}::jsonb)
        returning at`),
    );
    return { at: new Date(row?.at ?? Date.now()), fresh: true };
  });

  if (recorded.fresh) {
    const data = { orderId: o.id, place: input.place, at: recorded.at.toISOString() };
    // Realtime is a hint (the timeline is the record): a failed publish must not fail the arrival.
    try {
      await events.publish([
        { channel: `private-order-${o.id}`, name: "order.courier_arrived", data },
        ...(input.place === "pickup"
          ? [{ channel: `private-merchant-${o.merchant_id}`, name: "order.courier_arrived", data }]
          : []),
      ]);
    } catch (error) {
      console.error(`courier arrival for order ${o.id} failed to publish:`, error);
    }
  }
  return {
    orderId: o.id,
    orderNumber: number,
    place: input.place,
    distanceM,
    at: recorded.at,
    alreadyRecorded: !recorded.fresh,
  };
}
