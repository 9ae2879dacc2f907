import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { EmptyState } from "@lastmile/ui/empty-state";
import { dateFormat, formatClock, formatDistance, formatMoney } from "@lastmile/ui/format";
import { Stat } from "@lastmile/ui/stat";

import { getQueryClient, trpc } from "~/trpc/server";

import { CourierShell } from "../_components/courier-shell";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Earnings" };

// Dates on the courier's city's clock (`earnings.timezone`, their home zone's area): the same
// day "Today" and "This week" count in, whatever the server's clock says.
const dayLabel = (d: Date, timeZone: string) =>
  dateFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone }).format(d);
const shortDay = (d: Date, timeZone: string) =>
  dateFormat("en-GB", { day: "numeric", month: "short", timeZone }).format(d);

export default async function EarningsPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string }>;
}) {
  const { before } = await searchParams;
  const qc = getQueryClient();
  const session = await qc.fetchQuery(trpc.me.session.queryOptions());
  if (!session) redirect("/sign-in");
  const beforeDate = before && !Number.isNaN(Date.parse(before)) ? new Date(before) : undefined;
  const [earnings, history] = await Promise.all([
    qc.fetchQuery(trpc.courier.earnings.queryOptions()),
    qc.fetchQuery(trpc.courier.history.queryOptions({ limit: 30, before: beforeDate })),
  ]);
  const first = session.name.split(" ")[0] ?? session.name;
  const tz = earnings.timezone;

  // Deliveries grouped by the local day they were handed over.
  const days = new Map<string, typeof history.deliveries>();
  for (const d of history.deliveries) {
    const key = dayLabel(new Date(d.deliveredAt), tz);
    days.set(key, [...(days.get(key) ?? []), d]);
  }

  return (
    <CourierShell current="earnings" name={first}>
      <h1 className="mb-3 text-2xl font-extrabold tracking-tight text-slate-950">Earnings</h1>
      <dl className="grid grid-cols-2 gap-3">
        <Stat
          label="Today"
          value={formatMoney(earnings.todayCents)}
          hint={`${earnings.deliveriesToday} ${earnings.deliveriesToday === 1 ? "delivery" : "deliveries"}`}
        />
        <Stat label="This week" value={formatMoney(earnings.weekCents)} hint="since Monday" />
      </dl>
      <p className="mt-3 text-base text-slate-800">
        Each delivery pays its fee, and you keep the whole tip.
      </p>
      <section
        aria-labelledby="pay-h"
        className="mt-4 rounded-2xl border border-slate-300 bg-white p-3"
      >
        <h2 id="pay-h" className="text-lg font-bold text-slate-950">
          Your pay
        </h2>
        <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
          <div>
            <dt className="text-slate-700">Not yet paid out</dt>
            <dd className="text-base font-bold tabular-nums text-slate-950">
              {formatMoney(earnings.owedCents)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Payout pending</dt>
            <dd className="text-base font-bold tabular-nums text-slate-950">
              {formatMoney(earnings.pendingPayoutCents)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-700">Paid out</dt>
            <dd className="text-base font-bold tabular-nums text-slate-950">
              {formatMoney(earnings.paidOutCents)}
            </dd>
          </div>
        </dl>
        {earnings.payouts.length ? (
          <ul className="mt-3 divide-y divide-slate-200 text-sm" aria-label="Payouts">
            {earnings.payouts.map((p) => (
              <li key={p.id} className="flex justify-between gap-2 py-2">
                <span>Up to {shortDay(p.periodEnd, tz)}</span>
                <span className="font-bold tabular-nums">
                  {formatMoney(p.amountCents, p.currency)}
                </span>
                <span
                  className={
                    p.status === "paid"
                      ? "font-medium text-brand-800"
                      : p.status === "failed"
                        ? "font-medium text-rose-800"
                        : "text-slate-700"
                  }
                >
                  {p.status === "paid" && p.paidAt
                    ? `Paid ${shortDay(p.paidAt, tz)}`
                    : p.status === "pending"
                      ? "Pending"
                      : "Failed"}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <h2 className="mt-6 mb-2 text-xl font-bold text-slate-950">Deliveries</h2>
      {history.deliveries.length === 0 ? (
        <EmptyState title="No deliveries yet">Your paid deliveries will be listed here.</EmptyState>
      ) : (
        [...days].map(([day, list]) => (
          <section key={day} aria-label={day} className="mb-4">
            <h3 className="mb-2 text-base font-bold text-slate-800">
              {day} ·{" "}
              {formatMoney(
                list.reduce((s, d) => s + d.feeCents + d.tipCents, 0),
                list[0]?.currency,
              )}
            </h3>
            <ul className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-300 bg-white">
              {list.map((d) => (
                <li key={d.orderId} className="flex items-center justify-between gap-3 p-3">
                  <div>
                    <p className="text-base font-bold text-slate-950">
                      #{d.number} · {d.merchantName}
                    </p>
                    <p className="text-sm text-slate-700">
                      {formatClock(new Date(d.deliveredAt), tz)}
                      {d.distanceM ? ` · ${formatDistance(d.distanceM)}` : ""} · fee{" "}
                      {formatMoney(d.feeCents, d.currency)}
                      {d.tipCents > 0
                        ? ` + tip ${formatMoney(d.tipCents, d.currency)}`
                        : " · no tip"}
                    </p>
                  </div>
                  <p className="text-lg font-extrabold tabular-nums text-slate-950">
                    {formatMoney(d.feeCents + d.tipCents, d.currency)}
                  </p>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      {history.nextBefore ? (
        <a
          href={`/earnings?before=${encodeURIComponent(new Date(history.nextBefore).toISOString())}`}
          className="flex min-h-14 items-center justify-center rounded-xl bg-white text-lg font-bold text-slate-900 ring-2 ring-slate-900"
        >
          Older deliveries
        </a>
      ) : null}
    </CourierShell>
  );
}
