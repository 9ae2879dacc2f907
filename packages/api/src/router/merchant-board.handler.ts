// The kitchen board's read model: every order the kitchen still has to act on (whatever day it
// was placed) plus today's finished ones, each with what the cook needs on the ticket — items,
// options, notes, allergens, the customer's first name — when it auto-cancels if nobody accepts,
// and, once a courier is on it, who they are, how far away and how soon they arrive.
import { sql } from "drizzle-orm";
import { z } from "zod";

import { activeConfig, ZDispatchConfig } from "@lastmile/core/config";
import { ARRIVAL_KIND } from "@lastmile/core/couriers";
import { notFound } from "@lastmile/core/errors";
import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TVehicle } from "@lastmile/db/schema";
import { activeGeoConfig, travelTimeS } from "@lastmile/geo";

import { ZOrderStatus } from "../schemas";

export const ZBoardItem = z.object({
  name: z.string(),
  quantity: z.number().int(),
  modifiers: z.array(z.object({ groupName: z.string(), name: z.string() })),
  notes: z.string().nullable(),
  allergens: z.array(z.string()),
});

export const ZBoardCourier = z.object({
  firstName: z.string(),
  vehicle: z.string(),
  /** Straight-line metres to where the courier is heading next (the kitchen, then the customer). */
  distanceM: z.number().int().nullable(),
  /** Seconds until the courier reaches the kitchen (before pick-up) or the customer (after). */
  etaS: z.number().int().nullable(),
  heading: z.enum(["kitchen", "customer"]),
  /** When the server accepted the courier's "Arrived" inside the kitchen's geofence, until pick-up. */
  arrivedAt: z.date().nullable(),
});

export const ZBoardOrder = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: ZOrderStatus,
  version: z.number().int(),
  totalCents: z.number().int(),
  subtotalCents: z.number().int(),
  currency: z.string(),
  customerFirstName: z.string(),
  instructions: z.string().nullable(),
  prepTimeMin: z.number().int().nullable(),
  placedAt: z.date(),
  acceptedAt: z.date().nullable(),
  preparingAt: z.date().nullable(),
  readyAt: z.date().nullable(),
  pickedUpAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  cancellationReason: z.string().nullable(),
  /** PENDING only: when the order cancels itself if nobody accepts it (counted from its release if scheduled). */
  acceptBy: z.date().nullable(),
  /** A scheduled order's delivery slot; null for an order for now. */
  scheduledFor: z.date().nullable(),
  /** When a scheduled order comes to the kitchen (and starts ringing). */
  releaseAt: z.date().nullable(),
  /** Scheduled and not yet released: listed under "Scheduled", cannot be accepted yet. */
  awaitingRelease: z.boolean(),
  items: z.array(ZBoardItem),
  courier: ZBoardCourier.nullable(),
});
export type TBoardOrder = z.infer<typeof ZBoardOrder>;

export const ZKitchenBoard = z.object({
  merchant: z.object({
    id: z.uuid(),
    name: z.string(),
    timezone: z.string(),
    availability: z.enum(["open", "busy", "paused"]),
    pausedUntil: z.date().nullable(),
    defaultPrepTimeMin: z.number().int(),
    busyExtraPrepMin: z.number().int(),
    autoAccept: z.boolean(),
  }),
  acceptTimeoutMin: z.number().int(),
  orders: z.array(ZBoardOrder),
  /** When the board was read, so the client counts down from the server's clock. */
  at: z.date(),
});
export type TKitchenBoard = z.infer<typeof ZKitchenBoard>;

type TRow = {
  id: string;
  number: number;
  status: TBoardOrder["status"];
  version: number;
  total_cents: number;
  subtotal_cents: number;
  currency: string;
  customer_first_name: string;
  instructions: string | null;
  prep_time_min: number | null;
  placed_at: string | Date;
  scheduled_for: string | Date | null;
  release_at: string | Date | null;
  released_at: string | Date | null;
  accepted_at: string | Date | null;
  preparing_at: string | Date | null;
  ready_at: string | Date | null;
  picked_up_at: string | Date | null;
  finished_at: string | Date | null;
  cancellation_reason: string | null;
  items: { name: string; quantity: number; modifiers: { groupName: string; name: string }[] | null; notes: string | null; allergens: string[] | null }[] | null;
  courier_name: string | null;
  vehicle: TVehicle | null;
  courier_distance_m: number | string | null;
  courier_arrived_at: string | Date | null;
};

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

/** The board for one merchant; `merchantId` is the caller's own, checked by the procedure. */
export async function kitchenBoard(db: TDbOrTx, merchantId: string): Promise<TKitchenBoard> {
  const [merchant] = rowsOf<{
    id: string;
    name: string;
    timezone: string;
    availability: "open" | "busy" | "paused";
    paused_until: string | Date | null;
    default_prep_time_min: number;
    busy_extra_prep_min: number;
    auto_accept: boolean;
    now: string | Date;
  }>(
    await db.execute(sql`
      select id, name, timezone, availability, paused_until, default_prep_time_min,
             busy_extra_prep_min, auto_accept, now() as now
      from merchants where id = ${merchantId}`),
  );
  if (!merchant) throw notFound("That restaurant");
  const [dispatch, geo] = await Promise.all([activeConfig(db, "dispatch", ZDispatchConfig), activeGeoConfig(db)]);
  const timeoutMin = dispatch.value.merchantAcceptTimeoutMin;

  // Live orders from any day (a late-night order still waiting at 00:05 must not vanish), and
  // today's finished ones in the merchant's timezone. The courier's distance is measured to the
  // kitchen until pick-up, then to the drop-off.
  const rows = rowsOf<TRow>(
    await db.execute(sql`
      select o.id, o.number, o.status, o.version, o.total_cents, o.subtotal_cents, o.currency,
             split_part(cu.name, ' ', 1) as customer_first_name, o.instructions, o.prep_time_min,
             o.placed_at, o.scheduled_for, o.release_at, o.released_at, o.accepted_at, o.preparing_at, o.ready_at, o.picked_up_at,
             coalesce(o.delivered_at, o.cancelled_at) as finished_at, o.cancellation_reason,
             (select json_agg(json_build_object(
                       'name', oi.name, 'quantity', oi.quantity, 'notes', oi.notes,
                       'modifiers', (select json_agg(json_build_object('groupName', m->>'groupName', 'name', m->>'name'))
                                     from jsonb_array_elements(oi.modifiers) m),
                       'allergens', coalesce(mi.allergens, '{}'::text[]))
                     order by oi.id)
                from order_items oi left join menu_items mi on mi.id = oi.menu_item_id
               where oi.order_id = o.id) as items,
             split_part(cou.name, ' ', 1) as courier_name, c.vehicle,
             case when c.current_location is null then null
                  when o.status = 'PICKED_UP' then ST_Distance(c.current_location, o.dropoff_location)
                  else ST_Distance(c.current_location, m.location) end as courier_distance_m,
             (select min(e.at) from order_events e
               where e.order_id = o.id and e.metadata->>'kind' = ${ARRIVAL_KIND.pickup}) as courier_arrived_at
      from orders o
      join merchants m on m.id = o.merchant_id
      join users cu on cu.id = o.customer_id
      left join couriers c on c.id = o.courier_id
      left join users cou on cou.id = c.user_id
      where o.merchant_id = ${merchantId}
        and (o.status in ('PENDING', 'ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP', 'PICKED_UP')
             or o.placed_at >= (date_trunc('day', now() at time zone m.timezone) at time zone m.timezone))
      order by o.placed_at asc, o.number asc`),
  );

  return {
    merchant: {
      id: merchant.id,
      name: merchant.name,
      timezone: merchant.timezone,
      availability: merchant.availability,
      pausedUntil: date(merchant.paused_until),
      defaultPrepTimeMin: Number(merchant.default_prep_time_min),
      busyExtraPrepMin: Number(merchant.busy_extra_prep_min),
      autoAccept: merchant.auto_accept,
    },
    acceptTimeoutMin: timeoutMin,
    at: new Date(merchant.now),
    orders: rows.map((r) => {
      const placedAt = new Date(r.placed_at);
      const distance = r.courier_distance_m === null ? null : Math.round(Number(r.courier_distance_m));
      const headingTo = r.status === "PICKED_UP" ? "customer" : "kitchen";
      const live = ["ACCEPTED", "PREPARING", "READY_FOR_PICKUP", "PICKED_UP"].includes(r.status);
      const awaitingRelease = r.status === "PENDING" && r.scheduled_for !== null && r.released_at === null;
      const clockFrom = date(r.released_at) ?? placedAt;
      return {
        id: r.id,
        number: Number(r.number),
        status: r.status,
        version: Number(r.version),
        totalCents: Number(r.total_cents),
        subtotalCents: Number(r.subtotal_cents),
        currency: r.currency,
        customerFirstName: r.customer_first_name,
        instructions: r.instructions,
        prepTimeMin: r.prep_time_min === null ? null : Number(r.prep_time_min),
        placedAt,
        acceptedAt: date(r.accepted_at),
        preparingAt: date(r.preparing_at),
        readyAt: date(r.ready_at),
        pickedUpAt: date(r.picked_up_at),
        finishedAt: date(r.finished_at),
        cancellationReason: r.cancellation_reason,
        acceptBy: r.status === "PENDING" && !awaitingRelease ? new Date(clockFrom.getTime() + timeoutMin * 60_000) : null,
        scheduledFor: date(r.scheduled_for),
        releaseAt: date(r.release_at),
        awaitingRelease,
        items: (r.items ?? []).map((i) => ({
          name: i.name,
          quantity: Number(i.quantity),
          modifiers: i.modifiers ?? [],
          notes: i.notes,
          allergens: i.allergens ?? [],
        })),
        courier:
          live && r.courier_name !== null && r.vehicle !== null
            ? {
                firstName: r.courier_name,
                vehicle: r.vehicle,
                distanceM: distance,
                etaS: distance === null ? null : travelTimeS(geo, distance, r.vehicle),
                heading: headingTo,
                arrivedAt: headingTo === "kitchen" ? date(r.courier_arrived_at) : null,
              }
            : null,
      };
    }),
  };
}
