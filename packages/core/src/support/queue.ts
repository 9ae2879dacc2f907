// Support's queue: what customers and couriers reported and nobody has decided yet, oldest first,
// each with what support needs to decide without opening five screens — the order's items and
// money, what was reported, and the customer's history with us.
//
// There is no separate "request" table: a customer's refund request is the order's dispute (an
// order is DISPUTED until support refunds or declines it), and a courier's problem report is its
// `courier.problem` timeline event until a `support.problem.resolved` event answers it.
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TOrderStatus } from "@lastmile/db/schema";

export type TSupportCaseKind = "refund_request" | "courier_problem";

export type TSupportCase = {
  kind: TSupportCaseKind;
  /** The refund request's order id, or the problem report's timeline event id. */
  caseId: string;
  reportedAt: Date;
  reportedBy: { name: string | null; role: "customer" | "courier" };
  /** What was reported, as the reporter put it. */
  report: string;
  /** A courier's free-text note and where they stood, when they gave them. */
  note: string | null;
  location: { lng: number; lat: number } | null;
  order: {
    id: string;
    number: number;
    status: TOrderStatus;
    merchantName: string;
    zoneId: string | null;
    zoneName: string | null;
    /** The IANA zone of the order's area, to show its times on the city's clock; null without a zone. */
    timezone: string | null;
    dropoffAddress: string;
    placedAt: Date;
    deliveredAt: Date | null;
    currency: string;
    subtotalCents: number;
    deliveryFeeCents: number;
    serviceFeeCents: number;
    smallOrderFeeCents: number;
    taxCents: number;
    tipCents: number;
    discountCents: number;
    totalCents: number;
    items: {
      name: string;
      quantity: number;
      unitPriceCents: number;
      lineTotalCents: number;
      modifiers: string[];
      notes: string | null;
    }[];
  };
  payment: {
    status: string;
    capturedCents: number;
    refundedCents: number;
    refundableCents: number;
  } | null;
  customer: {
    id: string;
    name: string | null;
    email: string;
    orders: number;
    earlierReports: number;
    earlierRefunds: number;
    earlierRefundedCents: number;
  };
};

type TRow = {
  kind: TSupportCaseKind;
  case_id: string;
  reported_at: string | Date;
  reporter_name: string | null;
  report: string | null;
  metadata: Record<string, unknown> | null;
  order_id: string;
  number: number;
  status: TOrderStatus;
  merchant_name: string;
  zone_id: string | null;
  zone_name: string | null;
  timezone: string | null;
  dropoff_address: string;
  placed_at: string | Date;
  delivered_at: string | Date | null;
  currency: string;
  subtotal_cents: number;
  delivery_fee_cents: number;
  service_fee_cents: number;
  small_order_fee_cents: number;
  tax_cents: number;
  tip_cents: number;
  discount_cents: number;
  total_cents: number;
  payment_status: string | null;
  captured_cents: number | null;
  refunded_cents: number | null;
  customer_id: string;
  customer_name: string | null;
  customer_email: string;
  customer_orders: number;
  earlier_reports: number;
  earlier_refunds: number;
  earlier_refunded_cents: number;
};

/** Orders in the zones beneath `areaIds` (null: everywhere). */
function inScope(areaIds: string[] | null): SQL {
  if (areaIds === null) return sql`true`;
  if (areaIds.length === 0) return sql`false`;
  return sql`o.zone_id in (
    with recursive below as (
      select id from areas where id in (${sql.join(
        areaIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      union all
      select a.id from areas a join below b on a.parent_id = b.id
    )
    select z.id from service_zones z where z.area_id in (select id from below))`;
}

const ORDER_COLUMNS = sql`
  o.id as order_id, o.number, o.status, m.name as merchant_name, o.zone_id, z.name as zone_name, a.timezone,
  o.dropoff_address, o.placed_at, o.delivered_at, o.currency, o.subtotal_cents, o.delivery_fee_cents,
  o.service_fee_cents, o.small_order_fee_cents, o.tax_cents, o.tip_cents, o.discount_cents, o.total_cents,
  p.status::text as payment_status, p.amount_captured_cents as captured_cents, p.amount_refunded_cents as refunded_cents,
  cu.id as customer_id, cu.name as customer_name, cu.email as customer_email,
  (select count(*)::int from orders x where x.customer_id = o.customer_id) as customer_orders,
  (select count(*)::int from orders x where x.customer_id = o.customer_id and x.id <> o.id and x.disputed_at is not null) as earlier_reports,
  (select count(*)::int from refunds r join orders x on x.id = r.order_id where x.customer_id = o.customer_id and x.id <> o.id) as earlier_refunds,
  (select coalesce(sum(r.amount_cents), 0)::int from refunds r join orders x on x.id = r.order_id where x.customer_id = o.customer_id and x.id <> o.id) as earlier_refunded_cents`;

const ORDER_JOINS = sql`
  join merchants m on m.id = o.merchant_id
  join users cu on cu.id = o.customer_id
  left join service_zones z on z.id = o.zone_id
  left join areas a on a.id = z.area_id
  left join payments p on p.order_id = o.id`;

export async function openSupportCases(
  db: TDbOrTx,
  params: { areaIds: string[] | null; limit: number },
): Promise<TSupportCase[]> {
  const scope = inScope(params.areaIds);
  const refundRequests = rowsOf<TRow>(
    await db.execute(sql`
      select 'refund_request' as kind, o.id as case_id, o.disputed_at as reported_at, cu.name as reporter_name,
             d.reason as report, null::jsonb as metadata, ${ORDER_COLUMNS}
      from orders o ${ORDER_JOINS}
      left join lateral (
        select e.reason from order_events e where e.order_id = o.id and e.to_status = 'DISPUTED' order by e.at desc limit 1
      ) d on true
      where o.status = 'DISPUTED' and ${scope}
      order by o.disputed_at asc
      limit ${params.limit}`),
  );
  const problemReports = rowsOf<TRow>(
    await db.execute(sql`
      select 'courier_problem' as kind, e.id as case_id, e.at as reported_at, ru.name as reporter_name,
             e.reason as report, e.metadata, ${ORDER_COLUMNS}
      from order_events e
      join orders o on o.id = e.order_id ${ORDER_JOINS}
      left join users ru on ru.id = e.actor_id
      where e.metadata->>'kind' = 'courier.problem' and ${scope}
        and not exists (
          select 1 from order_events r
          where r.order_id = e.order_id and r.metadata->>'kind' = 'support.problem.resolved' and r.metadata->>'resolves' = e.id::text)
      order by e.at asc
      limit ${params.limit}`),
  );
  const rows = [...refundRequests, ...problemReports]
    .sort((a, b) => new Date(a.reported_at).getTime() - new Date(b.reported_at).getTime())
    .slice(0, params.limit);
  const items = await itemsOf(db, [...new Set(rows.map((r) => r.order_id))]);
  return rows.map((r) => toCase(r, items.get(r.order_id) ?? []));
}

async function itemsOf(db: TDbOrTx, orderIds: string[]) {
  const byOrder = new Map<string, TSupportCase["order"]["items"]>();
  if (orderIds.length === 0) return byOrder;
  const rows = rowsOf<{
    order_id: string;
    name: string;
    quantity: number;
    unit_price_cents: number;
    line_total_cents: number;
    modifiers: { name: string }[] | null;
    notes: string | null;
  }>(
    await db.execute(sql`
      select order_id, name, quantity, unit_price_cents, line_total_cents, modifiers, notes from order_items
      where order_id in (${sql.join(
        orderIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      order by name`),
  );
  for (const r of rows) {
    const list = byOrder.get(r.order_id) ?? [];
    list.push({
      name: r.name,
      quantity: Number(r.quantity),
      unitPriceCents: Number(r.unit_price_cents),
      lineTotalCents: Number(r.line_total_cents),
      modifiers: (r.modifiers ?? []).map((m) => m.name),
      notes: r.notes,
    });
    byOrder.set(r.order_id, list);
  }
  return byOrder;
}

function toCase(r: TRow, items: TSupportCase["order"]["items"]): TSupportCase {
  const meta = r.metadata ?? {};
  const location = meta.location as { lng: number; lat: number } | null | undefined;
  const captured = Number(r.captured_cents ?? 0);
  const refunded = Number(r.refunded_cents ?? 0);
  return {
    kind: r.kind,
    caseId: r.case_id,
    reportedAt: new Date(r.reported_at),
    reportedBy: {
      name: r.reporter_name,
      role: r.kind === "refund_request" ? "customer" : "courier",
    },
    report: r.report ?? "",
    note: typeof meta.note === "string" ? meta.note : null,
    location: location ?? null,
    order: {
      id: r.order_id,
      number: Number(r.number),
      status: r.status,
      merchantName: r.merchant_name,
      zoneId: r.zone_id,
      zoneName: r.zone_name,
      timezone: r.timezone,
      dropoffAddress: r.dropoff_address,
      placedAt: new Date(r.placed_at),
      deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
      currency: r.currency,
      subtotalCents: Number(r.subtotal_cents),
      deliveryFeeCents: Number(r.delivery_fee_cents),
      serviceFeeCents: Number(r.service_fee_cents),
      smallOrderFeeCents: Number(r.small_order_fee_cents),
      taxCents: Number(r.tax_cents),
      tipCents: Number(r.tip_cents),
      discountCents: Number(r.discount_cents),
      totalCents: Number(r.total_cents),
      items,
    },
    payment: r.payment_status
      ? {
          status: r.payment_status,
          capturedCents: captured,
          refundedCents: refunded,
          refundableCents: captured - refunded,
        }
      : null,
    customer: {
      id: r.customer_id,
      name: r.customer_name,
      email: r.customer_email,
      orders: Number(r.customer_orders),
      earlierReports: Number(r.earlier_reports),
      earlierRefunds: Number(r.earlier_refunds),
      earlierRefundedCents: Number(r.earlier_refunded_cents),
    },
  };
}
