// The live ops map: its first paint (zones with demand, couriers on duty, orders in flight as
// pickup → drop-off) and a courier's trail for one order; realtime `courier.location` events on
// the ops channels move the couriers between refetches. Spread into the admin router.
import type { TRPCRouterRecord } from "@trpc/server";
import { sql } from "drizzle-orm";
import { z } from "zod";

import { areasCoverZone } from "@lastmile/core/areas";
import { notFound } from "@lastmile/core/errors";
import { rowsOf } from "@lastmile/db/client";

import { opsProcedure } from "../trpc";
import { areaScopeOf } from "./admin-dashboard";
import { COURIER_FRESH_S, zonesInScope } from "./admin-dashboard.handler";

const ZLngLat = z.tuple([z.number(), z.number()]);

export const adminLiveRouter = {
  /**
   * The live ops map's first paint (realtime `courier.location` events move couriers after it):
   * zones in scope with their current demand, couriers on duty standing in them (or based there),
   * and the orders in flight as pickup → drop-off.
   */
  liveMap: opsProcedure("courier:read:area")
    .output(
      z.object({
        at: z.date(),
        zones: z.array(z.object({ id: z.uuid(), name: z.string(), active: z.boolean(), rings: z.array(z.array(ZLngLat)), openOrders: z.number().int(), couriers: z.number().int() })),
        couriers: z.array(z.object({ id: z.uuid(), name: z.string(), vehicle: z.string(), status: z.enum(["online", "busy"]), at: ZLngLat, lastSeenAt: z.date().nullable(), zoneId: z.uuid().nullable(), activeOrders: z.number().int() })),
        orders: z.array(
          z.object({ id: z.uuid(), number: z.number().int(), status: z.string(), merchantName: z.string(), pickup: ZLngLat, dropoff: ZLngLat, dropoffAddress: z.string(), courierId: z.uuid().nullable(), zoneId: z.uuid().nullable(), placedAt: z.date(), timezone: z.string() }),
        ),
      }),
    )
    .query(async ({ ctx }) => {
      const zones = await zonesInScope(ctx.db, areaScopeOf(ctx.actor));
      if (zones.length === 0) return { at: new Date(), zones: [], couriers: [], orders: [] };
      const ids = sql.join(zones.map((z) => sql`${z.id}::uuid`), sql`, `);
      const [zoneRows, courierRows, orderRows] = await Promise.all([
        ctx.db.execute(sql`
          select z.id, z.name, z.active, ST_AsGeoJSON(z.boundary)::json->'coordinates' as rings,
                 (select count(*) from orders o where o.zone_id = z.id and o.status in ('PENDING', 'ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP', 'PICKED_UP'))::int as open_orders,
                 (select count(*) from couriers c where c.status <> 'offline' and c.current_location is not null and c.last_seen_at >= now() - make_interval(secs => ${COURIER_FRESH_S}::int) and ST_Covers(z.boundary, c.current_location::geometry))::int as couriers
          from service_zones z where z.id in (${ids}) order by z.name`),
        ctx.db.execute(sql`
          select c.id, u.name, c.vehicle, c.status, ST_X(c.current_location::geometry) as lng, ST_Y(c.current_location::geometry) as lat, c.last_seen_at, c.active_orders,
                 (select z.id from service_zones z where z.id in (${ids}) and ST_Covers(z.boundary, c.current_location::geometry) limit 1) as zone_id
          from couriers c join users u on u.id = c.user_id
          where c.status <> 'offline' and c.current_location is not null
            and (c.home_zone_id in (${ids}) or exists (select 1 from service_zones z where z.id in (${ids}) and ST_Covers(z.boundary, c.current_location::geometry)))
          order by u.name limit 500`),
        ctx.db.execute(sql`
          select o.id, o.number, o.status, m.name as merchant_name, ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat,
                 ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat, o.dropoff_address, o.courier_id, o.zone_id, o.placed_at, a.timezone
          from orders o join merchants m on m.id = o.merchant_id
          join service_zones z on z.id = o.zone_id join areas a on a.id = z.area_id
          where o.zone_id in (${ids}) and o.status in ('PENDING', 'ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP', 'PICKED_UP')
          order by o.placed_at limit 500`),
      ]);
      type TRow = Record<string, unknown>;
      const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
      return {
        at: new Date(),
        zones: rowsOf<TRow>(zoneRows).map((z) => ({ id: String(z.id), name: String(z.name), active: Boolean(z.active), rings: z.rings as [number, number][][], openOrders: Number(z.open_orders), couriers: Number(z.couriers) })),
        couriers: rowsOf<TRow>(courierRows).map((c) => ({
          id: String(c.id),
          name: String(c.name),
          vehicle: String(c.vehicle),
          status: c.status === "busy" ? ("busy" as const) : ("online" as const),
          at: [Number(c.lng), Number(c.lat)] as [number, number],
          lastSeenAt: date(c.last_seen_at),
          zoneId: (c.zone_id as string | null) ?? null,
          activeOrders: Number(c.active_orders),
        })),
        orders: rowsOf<TRow>(orderRows).map((o) => ({
          id: String(o.id),
          number: Number(o.number),
          status: String(o.status),
          merchantName: String(o.merchant_name),
          pickup: [Number(o.m_lng), Number(o.m_lat)] as [number, number],
          dropoff: [Number(o.d_lng), Number(o.d_lat)] as [number, number],
          dropoffAddress: String(o.dropoff_address),
          courierId: (o.courier_id as string | null) ?? null,
          zoneId: (o.zone_id as string | null) ?? null,
          placedAt: new Date(o.placed_at as string),
          timezone: String(o.timezone),
        })),
      };
    }),

  /** A courier's positions while carrying an order, oldest first, to replay the ride. */
  courierTrail: opsProcedure("courier:read:area")
    .input(z.object({ orderId: z.uuid({ error: "orderId must be the order's id (a UUID)" }) }))
    .output(z.array(z.object({ at: ZLngLat, recordedAt: z.date() })))
    .query(async ({ ctx, input }) => {
      const [o] = rowsOf<{ zone_id: string | null }>(await ctx.db.execute(sql`select zone_id from orders where id = ${input.orderId}`));
      if (!o || (ctx.actor.role === "ops_manager" && !(await areasCoverZone(ctx.db, ctx.actor.areaIds, o.zone_id)))) throw notFound("That order");
      const rows = rowsOf<{ lng: number; lat: number; recorded_at: string | Date }>(
        await ctx.db.execute(sql`select ST_X(location::geometry) as lng, ST_Y(location::geometry) as lat, recorded_at from courier_locations where order_id = ${input.orderId} order by recorded_at limit 2000`),
      );
      return rows.map((r) => ({ at: [Number(r.lng), Number(r.lat)] as [number, number], recordedAt: new Date(r.recorded_at) }));
    }),

} satisfies TRPCRouterRecord;
