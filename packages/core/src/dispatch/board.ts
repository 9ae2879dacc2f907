// The ops view of dispatch: orders waiting for a courier, how far dispatch got with each, and
// the orders it gave up on. Ops managers see the zones beneath their areas; admins everything.
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { orderEvents } from "@lastmile/db/schema";
import type { TOrderStatus } from "@lastmile/db/schema";

import { areasCoverZone } from "../areas";
import { writeAudit } from "../audit";
import { notFound } from "../errors";
import type { TEventPublisher } from "../events";
import type { TActor } from "../orders/actor";
import { runDispatchRound } from "./round";

export type TDispatchBoardRow = {
  orderId: string;
  orderNumber: number;
  status: string;
  merchantName: string;
  zoneId: string | null;
  acceptedAt: Date | null;
  round: number;
  flaggedAt: Date | null;
  flagReason: string | null;
  openOffers: number;
  lastStep: string | null;
};

/** `areaIds` null: every zone (admins); otherwise only zones beneath those areas. */
export async function dispatchBoard(db: TDb, opts: { areaIds: string[] | null; limit?: number }): Promise<TDispatchBoardRow[]> {
  if (opts.areaIds && opts.areaIds.length === 0) return [];
  const scope = opts.areaIds
    ? sql`and o.zone_id in (
        with recursive down as (
          select id from areas where id in (${sql.join(opts.areaIds.map((id) => sql`${id}::uuid`), sql`, `)})
          union all select a.id from areas a join down on a.parent_id = down.id)
        select z.id from service_zones z where z.area_id in (select id from down))`
    : sql``;
  const rows = rowsOf<{
    id: string;
    number: number;
    status: string;
    merchant_name: string;
    zone_id: string | null;
    accepted_at: string | Date | null;
    dispatch_round: number;
    dispatch_flagged_at: string | Date | null;
    dispatch_flag_reason: string | null;
    open_offers: number;
    last_step: string | null;
  }>(
    await db.execute(sql`
      select o.id, o.number, o.status, m.name as merchant_name, o.zone_id, o.accepted_at, o.dispatch_round,
             o.dispatch_flagged_at, o.dispatch_flag_reason,
             (select count(*) from delivery_offers d where d.order_id = o.id and d.status = 'pending')::int as open_offers,
             (select e.reason from order_events e where e.order_id = o.id and e.metadata->>'kind' like 'dispatch.%' order by e.at desc, (e.metadata->>'round')::int desc nulls last limit 1) as last_step
      from orders o join merchants m on m.id = o.merchant_id
      where o.courier_id is null and o.status in ('ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP') ${scope}
      -- Flagged orders first (they need a person), then the longest waiting.
      order by (o.dispatch_flagged_at is null), o.accepted_at nulls last
      limit ${opts.limit ?? 100}`),
  );
  const date = (v: string | Date | null) => (v ? new Date(v) : null);
  return rows.map((r) => ({
    orderId: r.id,
    orderNumber: Number(r.number),
    status: r.status,
    merchantName: r.merchant_name,
    zoneId: r.zone_id,
    acceptedAt: date(r.accepted_at),
    round: Number(r.dispatch_round),
    flaggedAt: date(r.dispatch_flagged_at),
    flagReason: r.dispatch_flag_reason,
    openOffers: Number(r.open_offers),
    lastStep: r.last_step,
  }));
}

/**
 * Ops asking dispatch to try a flagged (or stuck) order again now: the flag is cleared and a
 * round runs at once. Recorded in the timeline and the audit log.
 */
export async function redispatchOrder(db: TDb, events: TEventPublisher, input: { orderId: string; actor: TActor; now?: Date }) {
  const [o] = rowsOf<{ id: string; status: TOrderStatus; zone_id: string | null; flagged: boolean }>(
    await db.execute(sql`select id, status, zone_id, dispatch_flagged_at is not null as flagged from orders where id = ${input.orderId}`),
  );
  if (!o || (input.actor.role === "ops_manager" && !(await areasCoverZone(db, input.actor.areaIds, o.zone_id)))) throw notFound("That order");
  await db.transaction(async (tx) => {
    await tx.execute(sql`update orders set dispatch_flagged_at = null, dispatch_flag_reason = null where id = ${o.id}`);
    await tx.insert(orderEvents).values({
      orderId: o.id,
      fromStatus: o.status,
      toStatus: o.status,
      actorId: input.actor.userId,
      actorRole: input.actor.role,
      reason: "dispatch restarted by ops",
      metadata: { kind: "dispatch.restarted", wasFlagged: o.flagged },
    });
    await writeAudit(tx, { userId: input.actor.userId, role: input.actor.role, ip: input.actor.ip }, { action: "order.redispatch", entityType: "order", entityId: o.id, before: { flagged: o.flagged }, after: { flagged: false } });
  });
  return runDispatchRound(db, events, o.id, input.now ?? new Date());
}
