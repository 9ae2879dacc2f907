// The courier's day: going on and off duty, reporting where they are, picking up and
// delivering, and what they earned.
import type { TRPCRouterRecord } from "@trpc/server";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";

import { conflict } from "@lastmile/core/errors";
import { MAX_POINTS_PER_REPORT, reportLocations } from "@lastmile/core/couriers";
import { applyTransition } from "@lastmile/core/orders";
import { rowsOf } from "@lastmile/db/client";
import { couriers, payouts, serviceZones } from "@lastmile/db/schema";

import { ZLngLat } from "../schemas";
import { courierProcedure } from "../trpc";
import { courierDeliveryRouter } from "./courier-delivery";
import { courierOffersRouter } from "./courier-offers";

const ZVehicle = z.enum(["foot", "bicycle", "ebike", "scooter", "motorbike", "car"]);
/**
 * One GPS fix as the phone took it. Coordinates only need to be numbers here: a fix off the
 * globe is refused on its own, with a reason, so one bad fix does not sink a replayed queue.
 */
const ZPosition = z.object({
  lng: z.number().finite().describe("Longitude, WGS84 degrees"),
  lat: z.number().finite().describe("Latitude, WGS84 degrees"),
  recordedAt: z.coerce.date({ error: "recordedAt must be the time the fix was taken (ISO 8601 or a Date)" }).describe("The phone's clock when the fix was taken"),
  headingDeg: z.number().min(0, "Heading is 0–360 degrees").lt(360, "Heading is 0–360 degrees").nullable().optional().describe("Direction of travel, degrees clockwise from north"),
  speedMps: z.number().min(0, "Speed cannot be negative").max(80, "Speed is at most 80 m/s").nullable().optional().describe("Ground speed the phone measured, m/s"),
  accuracyM: z.number().min(0, "Accuracy cannot be negative").max(10_000, "Accuracy is at most 10 km").nullable().optional().describe("Horizontal accuracy radius, metres"),
});
export const ZReportLocationsInput = z.object({
  positions: z.array(ZPosition).min(1, "Send at least one position").max(MAX_POINTS_PER_REPORT, `Send at most ${MAX_POINTS_PER_REPORT} positions per report`),
});

export const courierRouter = {
  ...courierOffersRouter,
  ...courierDeliveryRouter,
  me: courierProcedure.query(async ({ ctx }) => {
    const [c] = await ctx.db
      .select({ id: couriers.id, vehicle: couriers.vehicle, status: couriers.status, zoneName: serviceZones.name, lastSeenAt: couriers.lastSeenAt, activeOrders: couriers.activeOrders, deliveriesCompleted: couriers.deliveriesCompleted, ratingSum: couriers.ratingSum, ratingCount: couriers.ratingCount })
      .from(couriers)
      .leftJoin(serviceZones, eq(serviceZones.id, couriers.homeZoneId))
      .where(eq(couriers.id, ctx.courierId));
    return c ?? null;
  }),

  setDuty: courierProcedure
    .input(z.object({ onDuty: z.boolean(), vehicle: ZVehicle.optional() }))
    .mutation(async ({ ctx, input }) => {
      const [c] = await ctx.db
        .update(couriers)
        .set({ status: input.onDuty ? sql`case when ${couriers.activeOrders} > 0 then 'busy'::courier_status else 'online'::courier_status end` : "offline", ...(input.vehicle ? { vehicle: input.vehicle } : {}) })
        .where(and(eq(couriers.id, ctx.courierId), eq(couriers.applicationStatus, "approved"), input.onDuty ? sql`true` : eq(couriers.activeOrders, 0)))
        .returning({ status: couriers.status, vehicle: couriers.vehicle });
      if (!c) throw conflict(input.onDuty ? "Your courier account is not approved yet." : "Finish your current delivery before going off duty.");
      return c;
    }),

  /**
   * A batch of positions (queued offline, replayed later): each is kept or refused with a reason;
   * out-of-order points go to history but never move the courier backwards.
   */
  reportLocations: courierProcedure
    .input(ZReportLocationsInput)
    .mutation(({ ctx, input }) => reportLocations(ctx.db, ctx.events, { courierId: ctx.courierId, points: input.positions, now: new Date() })),

  pickUp: courierProcedure
    .input(z.object({ orderId: z.uuid(), location: ZLngLat.optional() }))
    .mutation(({ ctx, input }) => applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action: "pickUp", actor: ctx.actor, location: input.location })),

  deliver: courierProcedure
    .input(z.object({ orderId: z.uuid(), pin: z.string().regex(/^\d{4}$/, "The PIN is 4 digits"), location: ZLngLat.optional() }))
    .mutation(({ ctx, input }) => applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action: "deliver", actor: ctx.actor, location: input.location, pin: input.pin })),

  /**
   * Earnings from the ledger: each delivery's fee plus the whole tip (the credits to the courier's
   * payable account). What is still owed, and payouts pending or paid, from the same ledger.
   */
  earnings: courierProcedure.query(async ({ ctx }) => {
    const [row] = rowsOf<{ timezone: string; today: number; week: number; deliveries_today: number; owed: number }>(
      await ctx.db.execute(sql`
        -- "Today" and "this week" are the courier's city's, whatever the server's clock says.
        with tz as (
          select coalesce((select a.timezone from couriers c join service_zones z on z.id = c.home_zone_id join areas a on a.id = z.area_id
                           where c.id = ${ctx.courierId}), 'Europe/Lisbon') as name),
        mine as (
          select l.amount_cents, l.created_at,
                 -- A capture's transaction has the customer's payment in it; transfers, payouts and reversals do not.
                 exists (select 1 from ledger_entries c where c.transaction_id = l.transaction_id and c.account = 'customer_payments' and c.amount_cents > 0) as earned
          from ledger_entries l where l.account = 'courier_payable' and l.owner_id = ${ctx.courierId})
        select tz.name as timezone,
               coalesce(-sum(amount_cents) filter (where earned and created_at >= date_trunc('day', now() at time zone tz.name) at time zone tz.name), 0)::int as today,
               coalesce(-sum(amount_cents) filter (where earned and created_at >= date_trunc('week', now() at time zone tz.name) at time zone tz.name), 0)::int as week,
               count(*) filter (where earned and created_at >= date_trunc('day', now() at time zone tz.name) at time zone tz.name)::int as deliveries_today,
               coalesce(-sum(amount_cents), 0)::int as owed
        from tz left join mine on true
        group by tz.name`),
    );
    const list = await ctx.db
      .select({ id: payouts.id, amountCents: payouts.amountCents, currency: payouts.currency, status: payouts.status, periodEnd: payouts.periodEnd, paidAt: payouts.paidAt })
      .from(payouts)
      .where(and(eq(payouts.payeeType, "courier"), eq(payouts.payeeId, ctx.courierId)))
      .orderBy(desc(payouts.periodEnd))
      .limit(12);
    const sum = (status: string) => list.filter((p) => p.status === status).reduce((s, p) => s + p.amountCents, 0);
    return {
      /** The courier's city's IANA zone, the one "today" and "this week" are counted in: show their times in it too. */
      timezone: row?.timezone ?? "Europe/Lisbon",
      todayCents: Number(row?.today ?? 0),
      weekCents: Number(row?.week ?? 0),
      deliveriesToday: Number(row?.deliveries_today ?? 0),
      /** Earned and not yet in a payout. */
      owedCents: Number(row?.owed ?? 0),
      pendingPayoutCents: sum("pending"),
      paidOutCents: sum("paid"),
      payouts: list,
    };
  }),
} satisfies TRPCRouterRecord;
