// The console's reading procedures: what the caller may see (zones and areas in their scope),
// the dashboard's figures, and the couriers geo suggests for an order waiting on the dispatch
// board. Spread into the admin router; the queries live in admin-dashboard.handler.ts.
import type { TRPCRouterRecord } from "@trpc/server";
import { sql } from "drizzle-orm";
import { z } from "zod";

import { areasCoverZone } from "@lastmile/core/areas";
import { dispatchBoard } from "@lastmile/core/dispatch";
import { notFound } from "@lastmile/core/errors";
import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { activeGeoConfig, nearestAvailableCouriers } from "@lastmile/geo";

import { adminProcedure, opsProcedure } from "../trpc";
import { ZDispatchBoardRow } from "./admin-dispatch";
import { operationsDashboard, ZDashboard, ZDashboardInput, zonesInScope } from "./admin-dashboard.handler";

/** An ops manager reaches the areas they run; every other staff role reaches the whole platform. */
/** Food ready this long without a courier on the way makes an order late on the board. */
const LATE_AFTER_READY_MIN = 5;

export const areaScopeOf = (actor: { role: string; areaIds: string[] }) => (actor.role === "ops_manager" ? actor.areaIds : null);

const ZScope = z.object({
  role: z.string(),
  /** True when the caller sees only part of the platform (an ops manager). */
  limited: z.boolean(),
  areas: z.array(z.object({ id: z.uuid(), name: z.string(), level: z.string(), parentId: z.uuid().nullable(), timezone: z.string() })),
  zones: z.array(z.object({ id: z.uuid(), slug: z.string(), name: z.string(), active: z.boolean(), areaName: z.string() })),
});

async function areasInScope(db: TDbOrTx, areaIds: string[] | null) {
  if (areaIds && areaIds.length === 0) return [];
  const rows = rowsOf<{ id: string; name: string; level: string; parent_id: string | null; timezone: string }>(
    await db.execute(
      areaIds
        ? sql`with recursive down as (select * from areas where id in (${sql.join(areaIds.map((id) => sql`${id}::uuid`), sql`, `)})
                union all select a.* from areas a join down on a.parent_id = down.id)
              select distinct id, name, level, parent_id, timezone from down order by name`
        : sql`select id, name, level, parent_id, timezone from areas order by name`,
    ),
  );
  return rows.map((a) => ({ id: a.id, name: a.name, level: a.level, parentId: a.parent_id, timezone: a.timezone }));
}

export const adminDashboardRouter = {
  /** Who the console is for: the caller's role and the areas and zones they may see and act in. */
  scope: opsProcedure("order:read:area")
    .output(ZScope)
    .query(async ({ ctx }) => {
      const areaIds = areaScopeOf(ctx.actor);
      const [areas, zones] = await Promise.all([areasInScope(ctx.db, areaIds), zonesInScope(ctx.db, areaIds)]);
      return { role: ctx.role, limited: areaIds !== null, areas, zones };
    }),

  dashboard: opsProcedure("order:read:area")
    .input(ZDashboardInput)
    .output(ZDashboard)
    .query(async ({ ctx, input }) => {
      const areaIds = areaScopeOf(ctx.actor);
      const scope = areaIds === null ? null : (await zonesInScope(ctx.db, areaIds)).map((z) => z.id);
      return operationsDashboard(ctx.db, scope, input);
    }),

  /**
   * The dispatch board with what a person sorts and triages by: when the food is (or will be)
   * ready, how long the order has waited, and whether it is late — flagged or late ones first.
   */
  waitingOrders: opsProcedure("dispatch:read:area")
    .output(
      z.array(
        ZDispatchBoardRow.extend({
          placedAt: z.date(),
          readyAt: z.date().nullable(),
          /** Ready time if the kitchen said so, else acceptance plus the promised prep time. */
          readyBy: z.date().nullable(),
          late: z.boolean(),
          totalCents: z.number().int(),
          currency: z.string(),
          dropoffAddress: z.string(),
          zoneName: z.string().nullable(),
          /** The IANA zone of the order's area, to show its times on the city's clock; null without a zone. */
          timezone: z.string().nullable(),
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const board = await dispatchBoard(ctx.db, { areaIds: areaScopeOf(ctx.actor), limit: 200 });
      if (board.length === 0) return [];
      const extra = rowsOf<{ id: string; placed_at: string | Date; ready_at: string | Date | null; ready_by: string | Date | null; late: boolean; total_cents: number; currency: string; dropoff_address: string; zone_name: string | null; timezone: string | null }>(
        await ctx.db.execute(sql`
          select o.id, o.placed_at, o.ready_at, coalesce(o.ready_at, o.accepted_at + make_interval(mins => coalesce(o.prep_time_min, 15))) as ready_by,
                 coalesce(o.ready_at, o.accepted_at + make_interval(mins => coalesce(o.prep_time_min, 15))) < now() - interval '${sql.raw(String(LATE_AFTER_READY_MIN))} minutes' as late,
                 o.total_cents, o.currency, o.dropoff_address, z.name as zone_name, a.timezone
          from orders o left join service_zones z on z.id = o.zone_id left join areas a on a.id = z.area_id
          where o.id in (${sql.join(board.map((b) => sql`${b.orderId}::uuid`), sql`, `)})`),
      );
      const byId = new Map(extra.map((e) => [e.id, e]));
      const date = (v: string | Date | null) => (v === null ? null : new Date(v));
      const rows = board.map((b) => {
        const e = byId.get(b.orderId);
        return {
          ...b,
          placedAt: new Date(e?.placed_at ?? Date.now()),
          readyAt: date(e?.ready_at ?? null),
          readyBy: date(e?.ready_by ?? null),
          late: Boolean(e?.late),
          totalCents: Number(e?.total_cents ?? 0),
          currency: e?.currency ?? "EUR",
          dropoffAddress: e?.dropoff_address ?? "",
          zoneName: e?.zone_name ?? null,
          timezone: e?.timezone ?? null,
        };
      });
      // Flagged first, then late, then the food that is ready soonest.
      const rank = (r: (typeof rows)[number]) => (r.flaggedAt ? 0 : r.late ? 1 : 2);
      return rows.sort((a, b) => rank(a) - rank(b) || (a.readyBy?.getTime() ?? Infinity) - (b.readyBy?.getTime() ?? Infinity));
    }),

  /**
   * The couriers dispatch would consider for a waiting order, nearest to the restaurant first:
   * online, approved, with room for another order and a fresh position. Ops picks one to assign.
   */
  suggestCouriers: opsProcedure("dispatch:assign:area")
    .input(z.object({ orderId: z.uuid({ error: "orderId must be the order's id (a UUID)" }) }))
    .output(
      z.array(
        z.object({ id: z.uuid(), name: z.string(), vehicle: z.string(), distanceM: z.number(), etaS: z.number(), lastSeenAt: z.date(), activeOrders: z.number().int(), capacity: z.number().int() }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const [o] = rowsOf<{ zone_id: string | null; lng: number; lat: number }>(
        await ctx.db.execute(sql`
          select o.zone_id, ST_X(m.location::geometry) as lng, ST_Y(m.location::geometry) as lat
          from orders o join merchants m on m.id = o.merchant_id where o.id = ${input.orderId}`),
      );
      // Another area's order is, for an ops manager, not there.
      if (!o || (ctx.actor.role === "ops_manager" && !(await areasCoverZone(ctx.db, ctx.actor.areaIds, o.zone_id)))) throw notFound("That order");
      const config = await activeGeoConfig(ctx.db);
      const nearby = await nearestAvailableCouriers(ctx.db, { lng: Number(o.lng), lat: Number(o.lat) }, { config, maxDistanceM: 15_000, limit: 5 });
      if (nearby.length === 0) return [];
      const names = rowsOf<{ id: string; name: string }>(
        await ctx.db.execute(sql`select c.id, u.name from couriers c join users u on u.id = c.user_id where c.id in (${sql.join(nearby.map((c) => sql`${c.id}::uuid`), sql`, `)})`),
      );
      return nearby.map((c) => ({
        id: c.id,
        name: names.find((n) => n.id === c.id)?.name ?? "Courier",
        vehicle: c.vehicle,
        distanceM: Math.round(c.distanceM),
        etaS: Math.round(c.etaS),
        lastSeenAt: c.lastSeenAt,
        activeOrders: c.activeOrders,
        capacity: c.capacity,
      }));
    }),

  /** The audit log with the actor's name and email, filtered by what was done, to what, or by whom. */
  auditTrail: adminProcedure
    .input(
      z.object({
        action: z.string().trim().max(60).optional(),
        entityType: z.string().trim().max(40).optional(),
        entityId: z.string().trim().max(80).optional(),
        actor: z.string().trim().max(100).optional(),
        before: z.date().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(
      z.array(
        z.object({
          id: z.uuid(),
          at: z.date(),
          action: z.string(),
          entityType: z.string(),
          entityId: z.string().nullable(),
          actorRole: z.string(),
          actorName: z.string().nullable(),
          actorEmail: z.string().nullable(),
          ip: z.string().nullable(),
          userAgent: z.string().nullable(),
          before: z.record(z.string(), z.unknown()).nullable(),
          after: z.record(z.string(), z.unknown()).nullable(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const like = (v: string) => `%${v.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      const rows = rowsOf<{ id: string; at: string | Date; action: string; entity_type: string; entity_id: string | null; actor_role: string; name: string | null; email: string | null; ip: string | null; user_agent: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(
        await ctx.db.execute(sql`
          select a.id, a.at, a.action, a.entity_type, a.entity_id, a.actor_role, u.name, u.email, a.ip, a.user_agent, a.before, a.after
          from audit_log a left join users u on u.id = a.actor_id
          where true
            ${input.action ? sql`and a.action ilike ${like(input.action)}` : sql``}
            ${input.entityType ? sql`and a.entity_type = ${input.entityType}` : sql``}
            ${input.entityId ? sql`and a.entity_id = ${input.entityId}` : sql``}
            ${input.actor ? sql`and (u.email ilike ${like(input.actor)} or u.name ilike ${like(input.actor)})` : sql``}
            ${input.before ? sql`and a.at < ${input.before.toISOString()}::timestamptz` : sql``}
          order by a.at desc, a.id limit ${input.limit}`),
      );
      return rows.map((r) => ({ id: r.id, at: new Date(r.at), action: r.action, entityType: r.entity_type, entityId: r.entity_id, actorRole: r.actor_role, actorName: r.name, actorEmail: r.email, ip: r.ip, userAgent: r.user_agent, before: r.before, after: r.after }));
    }),
} satisfies TRPCRouterRecord;
