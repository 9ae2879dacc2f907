// What a courier needs on the road: the orders they carry (where to go, what to collect, how
// many PIN attempts are left), the deliveries they were paid for, and a way to tell ops about a
// problem at the door. Spread into the courier router (courier.deliveries, courier.history,
// courier.arrivedAtPickup, courier.arrivedAtDropoff, courier.reportProblem).
import type { TRPCRouterRecord } from "@trpc/server";
import { asc, inArray, sql } from "drizzle-orm";
import { z } from "zod";

import { activeConfig, ZDispatchConfig } from "@lastmile/core/config";
import {
  ARRIVAL_KIND,
  COURIER_PROBLEMS,
  reportCourierArrival,
  reportCourierProblem,
} from "@lastmile/core/couriers";
import { rowsOf } from "@lastmile/db/client";
import { orderItems } from "@lastmile/db/schema";

import { ZLngLat } from "../schemas";
import { courierProcedure } from "../trpc";

const ZPlace = z.object({ lng: z.number(), lat: z.number(), address: z.string() });

export const ZCourierDelivery = z.object({
  orderId: z.uuid(),
  number: z.number().int(),
  status: z.string(),
  version: z.number().int(),
  merchant: ZPlace.extend({ name: z.string(), phone: z.string().nullable() }),
  dropoff: ZPlace.extend({ instructions: z.string().nullable(), customerName: z.string() }),
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      quantity: z.number().int(),
      options: z.array(z.string()),
      notes: z.string().nullable(),
    }),
  ),
  feeCents: z.number().int(),
  tipCents: z.number().int(),
  currency: z.string(),
  pinAttemptsLeft: z.number().int(),
  /** When the kitchen expects the food ready (accepted + prep time), if it has accepted. */
  readyBy: z.date().nullable(),
  /** When the server accepted "Arrived" at the restaurant / at the door (inside the geofence). */
  arrivedAtPickupAt: z.date().nullable(),
  arrivedAtDropoffAt: z.date().nullable(),
  pickedUpAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  cancellationReason: z.string().nullable(),
  /** The IANA zone of the order's area (its merchant's without a zone): show its times on that clock. */
  timezone: z.string(),
});
export type TCourierDelivery = z.infer<typeof ZCourierDelivery>;

const ZDeliveries = z.object({
  /** Orders the courier carries now, the one on board first. */
  active: z.array(ZCourierDelivery),
  /** Orders taken away from the courier in the last hour (cancelled by support or the customer). */
  recentlyCancelled: z.array(ZCourierDelivery),
  geofence: z.object({
    pickupM: z.number().int(),
    dropoffM: z.number().int(),
    maxPinAttempts: z.number().int(),
  }),
});

const ZArrivalInput = z.object({
  orderId: z.uuid({ error: "orderId must be the order's id (a UUID)" }),
  location: ZLngLat.optional(),
  /** The phone's clock when "Arrived" was pressed (a replayed offline queue sends it later). */
  arrivedAt: z.coerce.date({ error: "arrivedAt must be a time (ISO 8601 or a Date)" }).optional(),
});
const ZArrivalOutput = z.object({
  orderId: z.uuid(),
  orderNumber: z.number().int(),
  place: z.enum(["pickup", "dropoff"]),
  distanceM: z.number().int(),
  at: z.date(),
  alreadyRecorded: z.boolean(),
});

type TRow = {
  id: string;
  number: number;
  status: string;
  version: number;
  m_name: string;
  m_phone: string | null;
  m_address: string;
  m_lng: number;
  m_lat: number;
  dropoff_address: string;
  d_lng: number;
  d_lat: number;
  instructions: string | null;
  customer_name: string;
  courier_fee_cents: number;
  tip_cents: number;
  currency: string;
  pin_attempts: number;
  ready_by: string | Date | null;
  arrived_pickup_at: string | Date | null;
  arrived_dropoff_at: string | Date | null;
  picked_up_at: string | Date | null;
  cancelled_at: string | Date | null;
  cancellation_reason: string | null;
  timezone: string;
};

const date = (v: string | Date | null) => (v === null ? null : new Date(v));

export const courierDeliveryRouter = {
  deliveries: courierProcedure.output(ZDeliveries).query(async ({ ctx }) => {
    const { value: cfg } = await activeConfig(ctx.db, "dispatch", ZDispatchConfig);
    const rows = rowsOf<TRow>(
      await ctx.db.execute(sql`
        select o.id, o.number, o.status, o.version, m.name as m_name, m.phone as m_phone, m.address as m_address,
               ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat,
               o.dropoff_address, ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat,
               o.instructions, split_part(u.name, ' ', 1) as customer_name, o.courier_fee_cents, o.tip_cents, o.currency, o.pin_attempts,
               o.accepted_at + make_interval(mins => coalesce(o.prep_time_min, 0)) as ready_by, o.picked_up_at,
               (select min(e.at) from order_events e where e.order_id = o.id and e.metadata->>'kind' = ${ARRIVAL_KIND.pickup}) as arrived_pickup_at,
               (select min(e.at) from order_events e where e.order_id = o.id and e.metadata->>'kind' = ${ARRIVAL_KIND.dropoff}) as arrived_dropoff_at, o.cancelled_at, o.cancellation_reason,
               coalesce(a.timezone, m.timezone) as timezone
        from orders o
        join merchants m on m.id = o.merchant_id
        join users u on u.id = o.customer_id
        left join service_zones z on z.id = o.zone_id
        left join areas a on a.id = z.area_id
        where o.courier_id = ${ctx.courierId}::uuid
          and (o.status in ('ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP', 'PICKED_UP')
               or (o.status = 'CANCELLED' and o.cancelled_at > now() - interval '1 hour'))
        order by o.picked_up_at nulls last, o.accepted_at, o.placed_at`),
    );
    const items = rows.length
      ? await ctx.db
          .select()
          .from(orderItems)
          .where(
            inArray(
              orderItems.orderId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(asc(orderItems.name))
      : [];
    const shaped = rows.map((r) => ({
      orderId: r.id,
      number: Number(r.number),
      status: r.status,
      version: Number(r.version),
      merchant: {
        name: r.m_name,
        phone: r.m_phone,
        address: r.m_address,
        lng: Number(r.m_lng),
        lat: Number(r.m_lat),
      },
      dropoff: {
        address: r.dropoff_address,
        lng: Number(r.d_lng),
        lat: Number(r.d_lat),
        instructions: r.instructions,
        customerName: r.customer_name,
      },
      items: items
        .filter((i) => i.orderId === r.id)
        .map((i) => ({
          id: i.id,
          name: i.name,
          quantity: i.quantity,
          options: i.modifiers.map((m) => m.name),
          notes: i.notes,
        })),
      feeCents: Number(r.courier_fee_cents),
      tipCents: Number(r.tip_cents),
      currency: r.currency,
      pinAttemptsLeft: Math.max(0, cfg.maxPinAttempts - Number(r.pin_attempts)),
      readyBy: date(r.ready_by),
      arrivedAtPickupAt: date(r.arrived_pickup_at),
      arrivedAtDropoffAt: date(r.arrived_dropoff_at),
      pickedUpAt: date(r.picked_up_at),
      cancelledAt: date(r.cancelled_at),
      cancellationReason: r.cancellation_reason,
      timezone: r.timezone,
    }));
    return {
      active: shaped.filter((d) => d.status !== "CANCELLED"),
      recentlyCancelled: shaped.filter((d) => d.status === "CANCELLED"),
      geofence: {
        pickupM: cfg.pickupGeofenceM,
        dropoffM: cfg.dropoffGeofenceM,
        maxPinAttempts: cfg.maxPinAttempts,
      },
    };
  }),

  /** Delivered orders, newest first, each with the fee and the whole tip (what the ledger pays). */
  history: courierProcedure
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(100).default(30),
          before: z.coerce.date().optional(),
        })
        .default({ limit: 30 }),
    )
    .query(async ({ ctx, input }) => {
      const rows = rowsOf<{
        id: string;
        number: number;
        merchant_name: string;
        delivered_at: string | Date;
        courier_fee_cents: number;
        tip_cents: number;
        currency: string;
        distance_m: number | null;
      }>(
        await ctx.db.execute(sql`
          select o.id, o.number, m.name as merchant_name, o.delivered_at, o.courier_fee_cents, o.tip_cents, o.currency, o.distance_m
          from orders o join merchants m on m.id = o.merchant_id
          where o.courier_id = ${ctx.courierId}::uuid and o.delivered_at is not null
            ${input.before ? sql`and o.delivered_at < ${input.before.toISOString()}::timestamptz` : sql``}
          order by o.delivered_at desc
          limit ${input.limit + 1}`),
      );
      const page = rows.slice(0, input.limit).map((r) => ({
        orderId: r.id,
        number: Number(r.number),
        merchantName: r.merchant_name,
        deliveredAt: new Date(r.delivered_at),
        feeCents: Number(r.courier_fee_cents),
        tipCents: Number(r.tip_cents),
        currency: r.currency,
        distanceM: r.distance_m === null ? null : Number(r.distance_m),
      }));
      return {
        deliveries: page,
        nextBefore: rows.length > input.limit ? (page[page.length - 1]?.deliveredAt ?? null) : null,
      };
    }),

  /**
   * "I'm at the restaurant": accepted only inside the pickup geofence (PostGIS, from the position
   * sent or the last reported one, as pick-up does); recorded once on the order's timeline.
   */
  arrivedAtPickup: courierProcedure
    .input(ZArrivalInput)
    .output(ZArrivalOutput)
    .mutation(({ ctx, input }) =>
      reportCourierArrival(ctx.db, ctx.events, {
        courierId: ctx.courierId,
        userId: ctx.user.id,
        orderId: input.orderId,
        place: "pickup",
        location: input.location,
        arrivedAt: input.arrivedAt,
      }),
    ),

  /** "I'm at the door": the same, inside the drop-off geofence, once the food is on board. */
  arrivedAtDropoff: courierProcedure
    .input(ZArrivalInput)
    .output(ZArrivalOutput)
    .mutation(({ ctx, input }) =>
      reportCourierArrival(ctx.db, ctx.events, {
        courierId: ctx.courierId,
        userId: ctx.user.id,
        orderId: input.orderId,
        place: "dropoff",
        location: input.location,
        arrivedAt: input.arrivedAt,
      }),
    ),

  /** Tell ops about a problem with an order the courier carries; it lands on the order's timeline. */
  reportProblem: courierProcedure
    .input(
      z.object({
        orderId: z.uuid({ error: "orderId must be the order's id (a UUID)" }),
        problem: z.enum(
          Object.keys(COURIER_PROBLEMS) as [
            keyof typeof COURIER_PROBLEMS,
            ...(keyof typeof COURIER_PROBLEMS)[],
          ],
          { error: `Choose one of: ${Object.keys(COURIER_PROBLEMS).join(", ")}` },
        ),
        note: z.string().trim().max(300, "Keep the note under 300 characters").optional(),
        location: ZLngLat.optional(),
        reportedAt: z.coerce.date().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      reportCourierProblem(ctx.db, ctx.events, {
        ...input,
        courierId: ctx.courierId,
        userId: ctx.user.id,
      }),
    ),
} satisfies TRPCRouterRecord;
