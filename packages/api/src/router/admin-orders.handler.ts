// One order as operations staff see it — header, the order_events timeline, dispatch offers,
// payment and refunds, the ledger with its sum, the audit entries — and the list of recent
// orders to find one by its number, id, restaurant or customer. Every read takes the caller's
// area scope: an ops manager never learns that another area's order exists.
import { sql } from "drizzle-orm";
import { z } from "zod";

import { notFound } from "@lastmile/core/errors";
import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { orderStatusEnum } from "@lastmile/db/schema";

export const ZOrderStatus = z.enum(orderStatusEnum.enumValues);

const ZUuid = z.uuid({ error: "orderId must be the order's id (a UUID)" });
export const ZOrderDetailInput = z.object({ orderId: ZUuid });

const ZPerson = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  email: z.string().nullable(),
});

export const ZOrderDetail = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: ZOrderStatus,
  currency: z.string(),
  placedAt: z.date(),
  merchant: z.object({ id: z.uuid(), name: z.string() }),
  customer: ZPerson,
  courier: ZPerson.nullable(),
  zone: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** The IANA zone of the order's area (its service zone's), to show its times on the city's clock; null without a zone. */
  timezone: z.string().nullable(),
  dropoffAddress: z.string(),
  items: z.array(
    z.object({
      name: z.string(),
      quantity: z.number().int(),
      modifiers: z.array(z.string()),
      lineTotalCents: z.number().int(),
    }),
  ),
  /** The quote the customer accepted, line by line, then what the courier earns. */
  amounts: z.object({
    subtotalCents: z.number().int(),
    deliveryFeeCents: z.number().int(),
    serviceFeeCents: z.number().int(),
    smallOrderFeeCents: z.number().int(),
    taxCents: z.number().int(),
    tipCents: z.number().int(),
    discountCents: z.number().int(),
    totalCents: z.number().int(),
    courierFeeCents: z.number().int(),
  }),
  timeline: z.array(
    z.object({
      id: z.uuid(),
      at: z.date(),
      fromStatus: ZOrderStatus.nullable(),
      toStatus: ZOrderStatus,
      actorRole: z.string(),
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
      /** Steps that are not moves (dispatch rounds, PIN attempts) name their kind. */
      kind: z.string().nullable(),
    }),
  ),
  offers: z.array(
    z.object({
      id: z.uuid(),
      round: z.number().int(),
      courierName: z.string().nullable(),
      status: z.string(),
      distanceM: z.number().int(),
      feeCents: z.number().int(),
      offeredAt: z.date(),
      expiresAt: z.date(),
      respondedAt: z.date().nullable(),
      endReason: z.string().nullable(),
    }),
  ),
  payment: z
    .object({
      provider: z.string(),
      status: z.string(),
      authorizedCents: z.number().int(),
      capturedCents: z.number().int(),
      refundedCents: z.number().int(),
      failureReason: z.string().nullable(),
      createdAt: z.date(),
    })
    .nullable(),
  refunds: z.array(
    z.object({
      id: z.uuid(),
      amountCents: z.number().int(),
      reason: z.string(),
      status: z.string(),
      createdAt: z.date(),
      createdByName: z.string().nullable(),
    }),
  ),
  ledger: z.object({
    entries: z.array(
      z.object({
        id: z.uuid(),
        at: z.date(),
        transactionId: z.uuid(),
        account: z.string(),
        amountCents: z.number().int(),
        description: z.string(),
      }),
    ),
    /** Debits positive, credits negative: a balanced order sums to zero. */
    sumCents: z.number().int(),
  }),
  audit: z.array(
    z.object({
      id: z.uuid(),
      at: z.date(),
      action: z.string(),
      actorRole: z.string(),
      actorName: z.string().nullable(),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});
export type TOrderDetail = z.infer<typeof ZOrderDetail>;

export const ZOrderSearchInput = z.object({
  /** An order number (#100123 or 100123), an order id, or part of the restaurant's or customer's name or email. */
  query: z.string().trim().max(100, "Search with at most 100 characters").optional(),
  status: ZOrderStatus.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TOrderSearchInput = z.infer<typeof ZOrderSearchInput>;

export const ZOrderListRow = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: ZOrderStatus,
  placedAt: z.date(),
  merchantName: z.string(),
  customerName: z.string().nullable(),
  zoneName: z.string().nullable(),
  /** The IANA zone of the order's area, as in ZOrderDetail. */
  timezone: z.string().nullable(),
  totalCents: z.number().int(),
  currency: z.string(),
});

/** `areaIds` null: everywhere (admins, support); otherwise orders in zones beneath those areas. */
const inScope = (areaIds: string[] | null) =>
  areaIds === null
    ? sql``
    : areaIds.length === 0
      ? sql`and false`
      : sql`and o.zone_id in (
          with recursive down as (
            select id from areas where id in (${sql.join(
              areaIds.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})
            union all select a.id from areas a join down on a.parent_id = down.id)
          select z.id from service_zones z where z.area_id in (select id from down))`;

const date = (v: string | Date) => new Date(v);
const dateOrNull = (v: string | Date | null) => (v === null ? null : new Date(v));

export async function orderDetail(
  db: TDbOrTx,
  areaIds: string[] | null,
  orderId: string,
): Promise<TOrderDetail> {
  type TOrderRow = {
    id: string;
    number: number;
    status: TOrderDetail["status"];
    currency: string;
    placed_at: string | Date;
    merchant_id: string;
    merchant_name: string;
    customer_id: string;
    customer_name: string | null;
    customer_email: string | null;
    courier_id: string | null;
    courier_name: string | null;
    courier_email: string | null;
    zone_id: string | null;
    zone_name: string | null;
    timezone: string | null;
    dropoff_address: string;
    subtotal_cents: number;
    delivery_fee_cents: number;
    service_fee_cents: number;
    small_order_fee_cents: number;
    tax_cents: number;
    tip_cents: number;
    discount_cents: number;
    total_cents: number;
    courier_fee_cents: number;
  };
  const [o] = rowsOf<TOrderRow>(
    await db.execute(sql`
      select o.id, o.number, o.status, o.currency, o.placed_at, m.id as merchant_id, m.name as merchant_name,
             cu.id as customer_id, cu.name as customer_name, cu.email as customer_email,
             c.id as courier_id, coalesce(u.name, 'Courier') as courier_name, u.email as courier_email,
             z.id as zone_id, z.name as zone_name, a.timezone, o.dropoff_address,
             o.subtotal_cents, o.delivery_fee_cents, o.service_fee_cents, o.small_order_fee_cents, o.tax_cents,
             o.tip_cents, o.discount_cents, o.total_cents, o.courier_fee_cents
      from orders o
      join merchants m on m.id = o.merchant_id
      join users cu on cu.id = o.customer_id
      left join couriers c on c.id = o.courier_id
      left join users u on u.id = c.user_id
      left join service_zones z on z.id = o.zone_id
      left join areas a on a.id = z.area_id
      where o.id = ${orderId}::uuid ${inScope(areaIds)}`),
  );
  // Outside the caller's area is, as far as they can tell, no order at all.
  if (!o) throw notFound("That order");

  const [items, timeline, offers, payments, refunds, ledger, audit] = await Promise.all([
    db.execute(
      sql`select name, quantity, modifiers, line_total_cents from order_items where order_id = ${orderId}::uuid order by id`,
    ),
    db.execute(sql`
      select e.id, e.at, e.from_status, e.to_status, e.actor_role, u.name as actor_name, e.reason, e.metadata->>'kind' as kind
      from order_events e left join users u on u.id = e.actor_id
      where e.order_id = ${orderId}::uuid order by e.at, e.id`),
    db.execute(sql`
      select d.id, d.round, u.name as courier_name, d.status, d.distance_m, d.fee_cents, d.created_at, d.expires_at, d.responded_at, d.end_reason
      from delivery_offers d join couriers c on c.id = d.courier_id left join users u on u.id = c.user_id
      where d.order_id = ${orderId}::uuid order by d.created_at, d.id`),
    db.execute(sql`
      select provider, status, amount_authorized_cents, amount_captured_cents, amount_refunded_cents, failure_reason, created_at
      from payments where order_id = ${orderId}::uuid`),
    db.execute(sql`
      select r.id, r.amount_cents, r.reason, r.status, r.created_at, u.name as created_by_name
      from refunds r left join users u on u.id = r.created_by
      where r.order_id = ${orderId}::uuid order by r.created_at, r.id`),
    db.execute(sql`
      select id, created_at, transaction_id, account, amount_cents, description
      from ledger_entries where order_id = ${orderId}::uuid order by created_at, transaction_id, amount_cents desc, id`),
    db.execute(sql`
      select a.id, a.at, a.action, a.actor_role, u.name as actor_name, a.before, a.after
      from audit_log a left join users u on u.id = a.actor_id
      where a.entity_type = 'order' and a.entity_id = ${orderId} order by a.at, a.id`),
  ]);

  const ledgerEntries = rowsOf<{
    id: string;
    created_at: string | Date;
    transaction_id: string;
    account: string;
    amount_cents: number;
    description: string;
  }>(ledger).map((l) => ({
    id: l.id,
    at: date(l.created_at),
    transactionId: l.transaction_id,
    account: l.account,
    amountCents: Number(l.amount_cents),
    description: l.description,
  }));
  const [payment] = rowsOf<{
    provider: string;
    status: string;
    amount_authorized_cents: number;
    amount_captured_cents: number;
    amount_refunded_cents: number;
    failure_reason: string | null;
    created_at: string | Date;
  }>(payments);

  return {
    id: o.id,
    number: Number(o.number),
    status: o.status,
    currency: o.currency,
    placedAt: date(o.placed_at),
    merchant: { id: o.merchant_id, name: o.merchant_name },
    customer: { id: o.customer_id, name: o.customer_name, email: o.customer_email },
    courier: o.courier_id
      ? { id: o.courier_id, name: o.courier_name, email: o.courier_email }
      : null,
    zone: o.zone_id && o.zone_name ? { id: o.zone_id, name: o.zone_name } : null,
    timezone: o.timezone,
    dropoffAddress: o.dropoff_address,
    items: rowsOf<{
      name: string;
      quantity: number;
      modifiers: { name: string }[] | null;
      line_total_cents: number;
    }>(items).map((i) => ({
      name: i.name,
      quantity: Number(i.quantity),
      modifiers: (i.modifiers ?? []).map((m) => m.name),
      lineTotalCents: Number(i.line_total_cents),
    })),
    amounts: {
      subtotalCents: Number(o.subtotal_cents),
      deliveryFeeCents: Number(o.delivery_fee_cents),
      serviceFeeCents: Number(o.service_fee_cents),
      smallOrderFeeCents: Number(o.small_order_fee_cents),
      taxCents: Number(o.tax_cents),
      tipCents: Number(o.tip_cents),
      discountCents: Number(o.discount_cents),
      totalCents: Number(o.total_cents),
      courierFeeCents: Number(o.courier_fee_cents),
    },
    timeline: rowsOf<{
      id: string;
      at: string | Date;
      from_status: TOrderDetail["status"] | null;
      to_status: TOrderDetail["status"];
      actor_role: string;
      actor_name: string | null;
      reason: string | null;
      kind: string | null;
    }>(timeline).map((e) => ({
      id: e.id,
      at: date(e.at),
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actorRole: e.actor_role,
      actorName: e.actor_name,
      reason: e.reason,
      kind: e.kind,
    })),
    offers: rowsOf<{
      id: string;
      round: number;
      courier_name: string | null;
      status: string;
      distance_m: number;
      fee_cents: number;
      created_at: string | Date;
      expires_at: string | Date;
      responded_at: string | Date | null;
      end_reason: string | null;
    }>(offers).map((d) => ({
      id: d.id,
      round: Number(d.round),
      courierName: d.courier_name,
      status: d.status,
      distanceM: Number(d.distance_m),
      feeCents: Number(d.fee_cents),
      offeredAt: date(d.created_at),
      expiresAt: date(d.expires_at),
      respondedAt: dateOrNull(d.responded_at),
      endReason: d.end_reason,
    })),
    payment: payment
      ? {
          provider: payment.provider,
          status: payment.status,
          authorizedCents: Number(payment.amount_authorized_cents),
          capturedCents: Number(payment.amount_captured_cents),
          refundedCents: Number(payment.amount_refunded_cents),
          failureReason: payment.failure_reason,
          createdAt: date(payment.created_at),
        }
      : null,
    refunds: rowsOf<{
      id: string;
      amount_cents: number;
      reason: string;
      status: string;
      created_at: string | Date;
      created_by_name: string | null;
    }>(refunds).map((r) => ({
      id: r.id,
      amountCents: Number(r.amount_cents),
      reason: r.reason,
      status: r.status,
      createdAt: date(r.created_at),
      createdByName: r.created_by_name,
    })),
    ledger: {
      entries: ledgerEntries,
      sumCents: ledgerEntries.reduce((s, l) => s + l.amountCents, 0),
    },
    audit: rowsOf<{
      id: string;
      at: string | Date;
      action: string;
      actor_role: string;
      actor_name: string | null;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>(audit).map((a) => ({
      id: a.id,
      at: date(a.at),
      action: a.action,
      actorRole: a.actor_role,
      actorName: a.actor_name,
      before: a.before,
      after: a.after,
    })),
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Recent orders, newest first, narrowed by status and by what a person types into the search box. */
export async function searchOrders(
  db: TDbOrTx,
  areaIds: string[] | null,
  input: TOrderSearchInput,
): Promise<z.infer<typeof ZOrderListRow>[]> {
  const q = input.query?.replace(/^#/, "").trim() ?? "";
  const like = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const match =
    q === ""
      ? sql``
      : /^\d{1,9}$/.test(q)
        ? sql`and o.number = ${Number(q)}`
        : UUID_RE.test(q)
          ? sql`and o.id = ${q.toLowerCase()}::uuid`
          : sql`and (m.name ilike ${like} or cu.name ilike ${like} or cu.email ilike ${like})`;
  const rows = rowsOf<{
    id: string;
    number: number;
    status: TOrderDetail["status"];
    placed_at: string | Date;
    merchant_name: string;
    customer_name: string | null;
    zone_name: string | null;
    timezone: string | null;
    total_cents: number;
    currency: string;
  }>(
    await db.execute(sql`
      select o.id, o.number, o.status, o.placed_at, m.name as merchant_name, cu.name as customer_name, z.name as zone_name, a.timezone, o.total_cents, o.currency
      from orders o
      join merchants m on m.id = o.merchant_id
      join users cu on cu.id = o.customer_id
      left join service_zones z on z.id = o.zone_id
      left join areas a on a.id = z.area_id
      where true ${match} ${input.status ? sql`and o.status = ${input.status}::order_status` : sql``} ${inScope(areaIds)}
      order by o.placed_at desc, o.id limit ${input.limit}`),
  );
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    status: r.status,
    placedAt: date(r.placed_at),
    merchantName: r.merchant_name,
    customerName: r.customer_name,
    zoneName: r.zone_name,
    timezone: r.timezone,
    totalCents: Number(r.total_cents),
    currency: r.currency,
  }));
}
