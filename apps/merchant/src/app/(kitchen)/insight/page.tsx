// How the restaurant is doing: a server-rendered page of charts (no client JavaScript needed),
// for the period chosen in the address (?days=7|30|90) so it can be bookmarked on the tablet.
import type { Metadata } from "next";
import Link from "next/link";

import { BarChart } from "@lastmile/ui/bar-chart";
import { formatMoney } from "@lastmile/ui/format";
import { LineChart } from "@lastmile/ui/line-chart";
import { RankedBars } from "@lastmile/ui/ranked-bars";
import { Stat } from "@lastmile/ui/stat";

import { requireMerchant } from "~/auth/merchant";
import { getQueryClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Insight" };
export const dynamic = "force-dynamic";

const PERIODS = [7, 30, 90] as const;

const minutes = (s: number | null) => (s === null ? "—" : `${(s / 60).toFixed(s < 600 ? 1 : 0)} min`);
const dayLabel = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

export default async function InsightPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const m = await requireMerchant();
  const asked = Number((await searchParams).days);
  const days = PERIODS.find((p) => p === asked) ?? 30;
  const qc = getQueryClient();
  const [insight, earnings] = await Promise.all([
    qc.fetchQuery(trpc.insight.overview.queryOptions({ merchantId: m.merchantId, days })),
    // The ledger is the owner's business; staff see how the kitchen does, not the money owed.
    m.isOwner ? qc.fetchQuery(trpc.insight.earnings.queryOptions({ merchantId: m.merchantId, days })) : null,
  ]);
  const money = (c: number) => formatMoney(c, insight.currency);
  const orders = insight.perDay.reduce((s, d) => s + d.orders, 0);
  const cancelled = insight.perDay.reduce((s, d) => s + d.cancelled, 0);
  const sales = insight.perDay.reduce((s, d) => s + d.salesCents, 0);
  const svc = insight.service;

  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Insight</h1>
        <nav aria-label="Period" className="ml-auto flex gap-1 rounded-xl bg-white p-1 shadow-sm">
          {PERIODS.map((p) => (
            <Link
              key={p}
              href={`/insight?days=${p}`}
              aria-current={p === days ? "page" : undefined}
              className={`inline-flex min-h-11 items-center rounded-lg px-4 text-base font-medium ${p === days ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {p} days
            </Link>
          ))}
        </nav>
      </div>

      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-5">
        <Stat label="Orders" value={orders} hint={`${cancelled} cancelled`} />
        <Stat label="Sales delivered" value={money(sales)} hint="Food and drink, before commission" />
        <Stat label="Time to accept" value={minutes(svc.avgAcceptS)} hint={`9 in 10 within ${minutes(svc.p90AcceptS)}`} />
        <Stat
          label="Time to cook"
          value={minutes(svc.avgPrepS)}
          hint={`Promised ${minutes(svc.avgPromisedPrepS)} · ${svc.cooked ? Math.round((svc.late / svc.cooked) * 100) : 0}% late`}
        />
        <Stat
          label="Rating"
          value={insight.ratings.average === null ? "—" : `${insight.ratings.average.toFixed(1)} ★`}
          hint={`${insight.ratings.count} reviews`}
        />
      </dl>

      <LineChart
        title={`Sales delivered per day, last ${days} days`}
        points={insight.perDay.map((d) => ({ label: dayLabel(d.day), value: d.salesCents }))}
        format={money}
      />
      {/* Full width each: the bars' labels stay legible from arm's length on a tablet. */}
      <div className="grid gap-5">
        <BarChart
          title="Orders per day"
          valueLabel="Orders"
          partLabel="Cancelled"
          bars={insight.perDay.map((d) => ({ label: dayLabel(d.day), value: d.orders, part: d.cancelled }))}
        />
        <BarChart
          title={`Orders by hour of the day (${insight.timezone.replace("_", " ")})`}
          valueLabel="Orders"
          bars={insight.perHour.map((h) => ({ label: `${String(h.hour).padStart(2, "0")}h`, value: h.orders }))}
        />
      </div>

      <div className="grid gap-5 lg:grid-cols-3">
        <RankedBars
          title="Best sellers"
          bars={insight.topItems.map((i) => ({ label: i.name, value: i.quantity, detail: money(i.salesCents) }))}
          format={(v) => `${v} sold`}
          empty="No delivered orders in this period."
        />
        <RankedBars
          title="Cancellations by reason"
          tone="danger"
          bars={insight.cancellations.map((c) => ({ label: c.reason, value: c.orders }))}
          format={(v) => `${v} ${v === 1 ? "order" : "orders"}`}
          empty="No cancellations. Well done."
        />
        <RankedBars
          title="Ratings"
          tone="warn"
          bars={insight.ratings.byStars.map((r) => ({ label: `${"★".repeat(r.stars)}${"☆".repeat(5 - r.stars)}`, value: r.reviews }))}
          format={(v) => `${v} ${v === 1 ? "review" : "reviews"}`}
        />
      </div>

      <section aria-labelledby="reviews-h" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="reviews-h" className="mb-3 text-sm font-medium text-slate-700">
          What customers wrote
        </h2>
        {insight.reviews.length ? (
          <ul className="grid gap-3 md:grid-cols-2">
            {insight.reviews.map((r) => (
              <li key={r.id} className="rounded-lg bg-slate-50 p-3">
                <p className="text-base text-slate-900">“{r.comment}”</p>
                <p className="mt-1 text-sm text-slate-600">
                  <span aria-label={`${r.rating} out of 5 stars`}>
                    {"★".repeat(r.rating)}
                    {"☆".repeat(5 - r.rating)}
                  </span>{" "}
                  · {r.author} · order #{r.orderNumber} ·{" "}
                  {new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: insight.timezone }).format(r.at)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-base text-slate-600">No written reviews in this period.</p>
        )}
      </section>

      {earnings ? (
        <section aria-labelledby="earnings-h" className="space-y-3">
          <h2 id="earnings-h" className="text-xl font-semibold">
            Earnings
          </h2>
          <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <Stat label="Sales settled" value={formatMoney(earnings.salesCents, earnings.currency)} hint={`Last ${days} days`} />
            <Stat label="Commission" value={formatMoney(earnings.commissionCents, earnings.currency)} />
            <Stat label="Your earnings" value={formatMoney(earnings.earnedCents, earnings.currency)} hint="Your share, from the ledger" />
            <Stat label="Owed to you" value={formatMoney(earnings.balanceCents, earnings.currency)} hint="All time, less payouts" />
            <Stat label="Payouts pending" value={formatMoney(earnings.pendingPayoutCents, earnings.currency)} hint="Settled, on its way to your bank" />
            <Stat label="Paid out" value={formatMoney(earnings.paidOutCents, earnings.currency)} hint="All time" />
          </dl>
          <LineChart
            title={`Your earnings per day, last ${days} days`}
            points={earnings.perDay.map((d) => ({ label: dayLabel(d.day), value: d.earnedCents }))}
            format={(c) => formatMoney(c, earnings.currency)}
          />
          <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <h3 className="mb-2 text-sm font-medium text-slate-700">Payouts</h3>
            {earnings.payouts.length ? (
              <ul className="divide-y divide-slate-200">
                {earnings.payouts.map((p) => (
                  <li key={p.id} className="flex flex-wrap justify-between gap-2 py-2 text-base">
                    <span>
                      {new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: insight.timezone }).formatRange(p.periodStart, p.periodEnd)}
                    </span>
                    <span className="tabular-nums font-medium">{formatMoney(p.amountCents, p.currency)}</span>
                    <span className={p.status === "paid" ? "text-brand-700" : p.status === "failed" ? "text-rose-700" : "text-slate-600"}>
                      {p.status === "paid" && p.paidAt
                        ? `Paid ${new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: insight.timezone }).format(p.paidAt)}${p.paidReference ? ` · ref. ${p.paidReference}` : ""}`
                        : p.status === "pending"
                          ? "Pending"
                          : "Failed"}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-base text-slate-600">No payouts yet: what you are owed is paid out at the end of each period.</p>
            )}
          </div>
        </section>
      ) : null}
    </div>
  );
}
