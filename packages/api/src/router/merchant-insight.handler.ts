// How the restaurant is doing, for its own portal: orders and sales per day and per hour, what
// sells, how fast the kitchen accepts and cooks, what customers say, why orders were cancelled,
// and — for the owner — what the ledger says the restaurant has earned and been paid. Every query
// takes the merchant's id and groups by the merchant's own local day and hour.
import { sql } from "drizzle-orm";
import { z } from "zod";

import { notFound } from "@lastmile/core/errors";
import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

export const ZInsightInput = z.object({ days: z.number().int().min(1, "Look back at least one day").max(90, "Look back at most 90 days").default(30) });

const n = (v: unknown) => Number(v ?? 0);

async function timezoneOf(db: TDbOrTx, merchantId: string) {
  const [m] = rowsOf<{ timezone: string; currency: string }>(await db.execute(sql`select timezone, currency from merchants where id = ${merchantId}`));
  if (!m) throw notFound("That restaurant");
  return m;
}

export async function merchantInsight(db: TDbOrTx, merchantId: string, days: number) {
  const { timezone: tz, currency } = await timezoneOf(db, merchantId);
  // The window starts at local midnight `days - 1` days ago, so "30 days" is today and the 29 before.
  const since = sql`(((now() at time zone ${tz})::date - ${days - 1}::int)::timestamp at time zone ${tz})`;

  const [perDay, perHour, topItems, times, cancellations, ratings, reviews] = await Promise.all([
    db.execute(sql`
      with days as (
        select generate_series((now() at time zone ${tz})::date - ${days - 1}::int, (now() at time zone ${tz})::date, interval '1 day')::date as day
      )
      select to_char(d.day, 'YYYY-MM-DD') as day,
             count(o.id) as orders,
             count(o.id) filter (where o.status = 'CANCELLED') as cancelled,
             coalesce(sum(o.subtotal_cents) filter (where o.status in ('DELIVERED', 'REFUNDED', 'DISPUTED')), 0) as sales_cents
      from days d
      left join orders o on o.merchant_id = ${merchantId} and o.placed_at >= ${since}
                        and (o.placed_at at time zone ${tz})::date = d.day
      group by d.day order by d.day`),
    db.execute(sql`
      select h.hour, count(o.id) as orders,
             coalesce(sum(o.subtotal_cents) filter (where o.status in ('DELIVERED', 'REFUNDED', 'DISPUTED')), 0) as sales_cents
      from generate_series(0, 23) as h(hour)
      left join orders o on o.merchant_id = ${merchantId} and o.placed_at >= ${since}
                        and extract(hour from o.placed_at at time zone ${tz}) = h.hour
      group by h.hour order by h.hour`),
    db.execute(sql`
      select oi.name, sum(oi.quantity) as quantity, sum(oi.line_total_cents) as sales_cents
      from order_items oi join orders o on o.id = oi.order_id
      where o.merchant_id = ${merchantId} and o.placed_at >= ${since} and o.status in ('DELIVERED', 'REFUNDED', 'DISPUTED')
      group by oi.name order by quantity desc, sales_cents desc, oi.name limit 10`),
    db.execute(sql`
      select avg(extract(epoch from o.accepted_at - o.placed_at)) as accept_s,
             percentile_cont(0.9) within group (order by extract(epoch from o.accepted_at - o.placed_at)) as accept_p90_s,
             avg(extract(epoch from o.ready_at - o.accepted_at)) filter (where o.ready_at is not null) as prep_s,
             avg(o.prep_time_min * 60) filter (where o.ready_at is not null) as promised_prep_s,
             count(*) filter (where o.ready_at > o.accepted_at + make_interval(mins => o.prep_time_min)) as late,
             count(*) filter (where o.ready_at is not null) as cooked
      from orders o
      where o.merchant_id = ${merchantId} and o.placed_at >= ${since} and o.accepted_at is not null`),
    db.execute(sql`
      select coalesce(nullif(trim(o.cancellation_reason), ''), 'No reason given') as reason, count(*) as orders
      from orders o
      where o.merchant_id = ${merchantId} and o.placed_at >= ${since} and o.status = 'CANCELLED'
      group by 1 order by orders desc, reason limit 12`),
    db.execute(sql`
      select r.rating, count(*) as reviews from reviews r
      where r.merchant_id = ${merchantId} and r.target = 'merchant' and r.created_at >= ${since}
      group by r.rating`),
    db.execute(sql`
      select r.id, r.rating, r.comment, r.created_at, split_part(u.name, ' ', 1) as author, o.number
      from reviews r join users u on u.id = r.author_id join orders o on o.id = r.order_id
      where r.merchant_id = ${merchantId} and r.target = 'merchant' and r.created_at >= ${since}
        and r.comment is not null and trim(r.comment) <> ''
      order by r.created_at desc limit 12`),
  ]);

  const t = rowsOf<Record<string, unknown>>(times)[0] ?? {};
  const ratingRows = rowsOf<{ rating: number; reviews: number }>(ratings);
  const ratingCount = ratingRows.reduce((s, r) => s + n(r.reviews), 0);
  const nullable = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));
  return {
    days,
    timezone: tz,
    currency,
    perDay: rowsOf<Record<string, unknown>>(perDay).map((r) => ({ day: String(r.day), orders: n(r.orders), cancelled: n(r.cancelled), salesCents: n(r.sales_cents) })),
    perHour: rowsOf<Record<string, unknown>>(perHour).map((r) => ({ hour: n(r.hour), orders: n(r.orders), salesCents: n(r.sales_cents) })),
    topItems: rowsOf<Record<string, unknown>>(topItems).map((r) => ({ name: String(r.name), quantity: n(r.quantity), salesCents: n(r.sales_cents) })),
    service: {
      avgAcceptS: nullable(t.accept_s),
      p90AcceptS: nullable(t.accept_p90_s),
      avgPrepS: nullable(t.prep_s),
      avgPromisedPrepS: nullable(t.promised_prep_s),
      late: n(t.late),
      cooked: n(t.cooked),
    },
    cancellations: rowsOf<Record<string, unknown>>(cancellations).map((r) => ({ reason: String(r.reason), orders: n(r.orders) })),
    ratings: {
      count: ratingCount,
      average: ratingCount ? ratingRows.reduce((s, r) => s + n(r.rating) * n(r.reviews), 0) / ratingCount : null,
      byStars: [5, 4, 3, 2, 1].map((stars) => ({ stars, reviews: n(ratingRows.find((r) => n(r.rating) === stars)?.reviews) })),
    },
    reviews: rowsOf<Record<string, unknown>>(reviews).map((r) => ({
      id: String(r.id),
      rating: n(r.rating),
      comment: String(r.comment),
      at: new Date(r.created_at as string),
      author: String(r.author),
      orderNumber: n(r.number),
    })),
  };
}

/**
 * The restaurant's money as the ledger has it: its share of each captured order (credits to its
 * `merchant_payable` account, so negated here), the commission kept, the balance still owed to
 * it (the account's whole history: payouts, once settled through the ledger, reduce it) and its
 * payouts.
 */
export async function merchantEarnings(db: TDbOrTx, merchantId: string, days: number) {
  const { timezone: tz, currency } = await timezoneOf(db, merchantId);
  const since = sql`(((now() at time zone ${tz})::date - ${days - 1}::int)::timestamp at time zone ${tz})`;
  const [perDay, totals, payouts] = await Promise.all([
    db.execute(sql`
      with days as (
        select generate_series((now() at time zone ${tz})::date - ${days - 1}::int, (now() at time zone ${tz})::date, interval '1 day')::date as day
      )
      select to_char(d.day, 'YYYY-MM-DD') as day, coalesce(-sum(l.amount_cents), 0) as earned_cents
      from days d
      left join ledger_entries l on l.account = 'merchant_payable' and l.owner_id = ${merchantId}
                                and l.created_at >= ${since} and (l.created_at at time zone ${tz})::date = d.day
      group by d.day order by d.day`),
    db.execute(sql`
      select
        (select coalesce(-sum(amount_cents), 0) from ledger_entries
          where account = 'merchant_payable' and owner_id = ${merchantId} and created_at >= ${since}) as earned_cents,
        (select coalesce(sum(o.subtotal_cents), 0) from orders o
          where o.merchant_id = ${merchantId} and exists (
            select 1 from ledger_entries l where l.order_id = o.id and l.account = 'merchant_payable' and l.created_at >= ${since})) as sales_cents,
        (select coalesce(-sum(amount_cents), 0) from ledger_entries
          where account = 'merchant_payable' and owner_id = ${merchantId}) as balance_cents,
        (select coalesce(sum(amount_cents), 0) from payouts
          where payee_type = 'merchant' and payee_id = ${merchantId} and status = 'pending') as pending_payout_cents,
        (select coalesce(sum(amount_cents), 0) from payouts
          where payee_type = 'merchant' and payee_id = ${merchantId} and status = 'paid') as paid_out_cents`),
    db.execute(sql`
      select id, amount_cents, currency, status, period_start, period_end, paid_at, paid_reference
      from payouts where payee_type = 'merchant' and payee_id = ${merchantId}
      order by period_end desc limit 12`),
  ]);
  const t = rowsOf<Record<string, unknown>>(totals)[0] ?? {};
  const earned = n(t.earned_cents);
  const sales = n(t.sales_cents);
  return {
    days,
    currency,
    perDay: rowsOf<Record<string, unknown>>(perDay).map((r) => ({ day: String(r.day), earnedCents: n(r.earned_cents) })),
    earnedCents: earned,
    salesCents: sales,
    commissionCents: sales - earned,
    balanceCents: n(t.balance_cents),
    /** Settled into payouts the platform has yet to send, and payouts sent (all time). */
    pendingPayoutCents: n(t.pending_payout_cents),
    paidOutCents: n(t.paid_out_cents),
    payouts: rowsOf<Record<string, unknown>>(payouts).map((r) => ({
      id: String(r.id),
      amountCents: n(r.amount_cents),
      currency: String(r.currency),
      status: String(r.status) as "pending" | "paid" | "failed",
      periodStart: new Date(r.period_start as string),
      periodEnd: new Date(r.period_end as string),
      paidAt: r.paid_at ? new Date(r.paid_at as string) : null,
      paidReference: r.paid_reference ? String(r.paid_reference) : null,
    })),
  };
}
