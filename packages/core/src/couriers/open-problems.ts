// What couriers have told ops and nobody has closed yet: for each order still on the road, the
// latest problem its courier reported (the live map and the dispatch board flag these). An order
// that moved on — delivered, cancelled — no longer needs the flag; the timeline keeps the record.
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

export type TOpenCourierProblem = {
  orderId: string;
  orderNumber: number;
  status: string;
  zoneId: string | null;
  merchantName: string;
  courierId: string | null;
  courierName: string | null;
  problem: string;
  /** The problem in words, with the courier's note. */
  reason: string;
  reportedAt: Date;
  /** How many reports the courier made on this order (a second one usually means "still stuck"). */
  reports: number;
  /** The IANA zone of the order's area, to show the report's time on the city's clock; null without a zone. */
  timezone: string | null;
};

/** `areaIds` null: every zone (admins); otherwise only zones beneath those areas. */
export async function openCourierProblems(
  db: TDb,
  opts: { areaIds: string[] | null; limit?: number },
): Promise<TOpenCourierProblem[]> {
  if (opts.areaIds && opts.areaIds.length === 0) return [];
  const scope = opts.areaIds
    ? sql`and o.zone_id in (
        with recursive down as (
          select id from areas where id in (${sql.join(
            opts.areaIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
          union all select a.id from areas a join down on a.parent_id = down.id)
        select z.id from service_zones z where z.area_id in (select id from down))`
    : sql``;
  const rows = rowsOf<{
    id: string;
    number: number;
    status: string;
    zone_id: string | null;
    merchant_name: string;
    courier_id: string | null;
    courier_name: string | null;
    problem: string;
    reason: string | null;
    at: string | Date;
    reports: number;
    timezone: string | null;
  }>(
    await db.execute(sql`
      select o.id, o.number, o.status, o.zone_id, m.name as merchant_name, o.courier_id, u.name as courier_name,
             p.metadata->>'problem' as problem, p.reason, p.at, p.reports, a.timezone
      from orders o
      join merchants m on m.id = o.merchant_id
      left join service_zones z on z.id = o.zone_id
      left join areas a on a.id = z.area_id
      left join couriers c on c.id = o.courier_id
      left join users u on u.id = c.user_id
      join lateral (
        select e.metadata, e.reason, e.at, count(*) over ()::int as reports
        from order_events e
        where e.order_id = o.id and e.metadata->>'kind' = 'courier.problem'
        order by e.at desc limit 1) p on true
      where o.status in ('ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP', 'PICKED_UP') ${scope}
      order by p.at desc
      limit ${opts.limit ?? 100}`),
  );
  return rows.map((r) => ({
    orderId: r.id,
    orderNumber: Number(r.number),
    status: r.status,
    zoneId: r.zone_id,
    merchantName: r.merchant_name,
    courierId: r.courier_id,
    courierName: r.courier_name,
    problem: r.problem,
    reason: r.reason ?? r.problem,
    reportedAt: new Date(r.at),
    reports: Number(r.reports),
    timezone: r.timezone,
  }));
}
