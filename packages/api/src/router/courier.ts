// The courier's day: going on and off duty, reporting where they are, picking up and
// delivering, and what they earned.
import type { TRPCRouterRecord } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";

import { conflict } from "@lastmile/core/errors";
import { applyTransition } from "@lastmile/core/orders";
import { rowsOf } from "@lastmile/db/client";
import { courierLocations, couriers, serviceZones } from "@lastmile/db/schema";

import { ZLngLat } from "../schemas";
import { courierProcedure } from "../trpc";

const ZVehicle = z.enum(["foot", "bicycle", "ebike", "scooter", "motorbike", "car"]);
const ZPosition = ZLngLat.extend({
  headingDeg: z.number().min(0).max(359.999).nullable().optional(),
  speedMps: z.number().min(0).max(80).nullable().optional(),
  accuracyM: z.number().min(0).max(10_000).nullable().optional(),
  recordedAt: z.coerce.date(),
});

export const courierRouter = {
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

  /** A batch of positions (queued offline, replayed later): out-of-order points never move the courier backwards. */
  reportLocations: courierProcedure
    .input(z.object({ positions: z.array(ZPosition).min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const sorted = [...input.positions].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
      await ctx.db.insert(courierLocations).values(
        sorted.map((p) => ({ courierId: ctx.courierId, location: { type: "Point" as const, coordinates: [p.lng, p.lat] as [number, number] }, headingDeg: p.headingDeg ?? null, speedMps: p.speedMps ?? null, accuracyM: p.accuracyM ?? null, recordedAt: p.recordedAt })),
      );
      const last = sorted[sorted.length - 1] as z.infer<typeof ZPosition>;
      const moved = await ctx.db
        .update(couriers)
        .set({ currentLocation: { type: "Point", coordinates: [last.lng, last.lat] }, headingDeg: last.headingDeg ?? null, speedMps: last.speedMps ?? null, accuracyM: last.accuracyM ?? null, lastSeenAt: last.recordedAt })
        .where(and(eq(couriers.id, ctx.courierId), sql`(${couriers.lastSeenAt} is null or ${couriers.lastSeenAt} < ${last.recordedAt.toISOString()}::timestamptz)`))
        .returning({ id: couriers.id });
      return { accepted: sorted.length, moved: moved.length > 0 };
    }),

  pickUp: courierProcedure
    .input(z.object({ orderId: z.uuid(), location: ZLngLat.optional() }))
    .mutation(({ ctx, input }) => applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action: "pickUp", actor: ctx.actor, location: input.location })),

  deliver: courierProcedure
    .input(z.object({ orderId: z.uuid(), pin: z.string().regex(/^\d{4}$/, "The PIN is 4 digits"), location: ZLngLat.optional() }))
    .mutation(({ ctx, input }) => applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action: "deliver", actor: ctx.actor, location: input.location, pin: input.pin })),

  /** Earnings from the ledger: each delivery's fee plus the whole tip. */
  earnings: courierProcedure.query(async ({ ctx }) => {
    const [row] = rowsOf<{ today: number; week: number; deliveries_today: number }>(
      await ctx.db.execute(sql`
        select coalesce(-sum(amount_cents) filter (where created_at >= date_trunc('day', now() at time zone 'Europe/Lisbon') at time zone 'Europe/Lisbon'), 0)::int as today,
               coalesce(-sum(amount_cents) filter (where created_at >= date_trunc('week', now() at time zone 'Europe/Lisbon') at time zone 'Europe/Lisbon'), 0)::int as week,
               count(*) filter (where created_at >= date_trunc('day', now() at time zone 'Europe/Lisbon') at time zone 'Europe/Lisbon')::int as deliveries_today
        from ledger_entries where account = 'courier_payable' and owner_id = ${ctx.courierId}`),
    );
    return { todayCents: Number(row?.today ?? 0), weekCents: Number(row?.week ?? 0), deliveriesToday: Number(row?.deliveries_today ?? 0) };
  }),
} satisfies TRPCRouterRecord;
