// The operations dashboard: how the city is doing over a chosen range and zone, drawn as charts
// (each with a spoken summary and a hidden table) from SQL aggregates. The filter is a plain GET
// form, so a range and zone can be bookmarked and shared.
import type { Metadata } from "next";

import { BarChart } from "@lastmile/ui/bar-chart";
import { formatMoney } from "@lastmile/ui/format";
import { LineChart } from "@lastmile/ui/line-chart";
import { RankedBars } from "@lastmile/ui/ranked-bars";
import { PageTitle } from "@lastmile/ui/shell";
import { Stat } from "@lastmile/ui/stat";

import { requireStaff } from "~/auth/staff";
import { getQueryClient, trpc } from "~/trpc/server";

import { formatDuration, formatPercent } from "./_components/duration";
import { SupplyDemand } from "./_components/supply-demand";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard" };

const RANGES = [
  { value: "today", label: "Today" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "90d", label: "Last 90 days" },
] as const;
type TRange = (typeof RANGES)[number]["value"];

const selectClass = "min-h-10 rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 focus:outline-2 focus:outline-brand-700";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ range?: string; zone?: string }> }) {
  const { scope } = await requireStaff();
  const sp = await searchParams;
  const range: TRange = RANGES.some((r) => r.value === sp.range) ? (sp.range as TRange) : "7d";
  const zone = scope.zones.find((z) => z.id === sp.zone) ?? null;
  const d = await getQueryClient().fetchQuery(trpc.admin.dashboard.queryOptions({ range, zoneId: zone?.id }));
  const t = d.totals;
  const rangeLabel = RANGES.find((r) => r.value === range)?.label ?? "";
  const short = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}`;
  // Which clock the days and hours are read on: the areas' own (each order on its area's).
  const city = (tz: string) => tz.split("/").at(-1)?.replaceAll("_", " ") ?? tz;
  const clock =
    d.timezones.length <= 1
      ? `Local time in ${city(d.timezones[0] ?? "UTC")} (${d.timezones[0] ?? "UTC"})`
      : `Each area's local time (${d.timezones.join(", ")})`;
  return (
    <>
      <PageTitle title="Dashboard" subtitle={`${zone ? zone.name : scope.limited ? "Every zone in your area" : "Every zone"} · ${rangeLabel.toLowerCase()}`} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm" aria-label="Filter the figures">
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Time range
          <select name="range" defaultValue={range} className={selectClass}>
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
          Zone
          <select name="zone" defaultValue={zone?.id ?? ""} className={selectClass}>
            <option value="">{scope.limited ? "All zones in my area" : "All zones"}</option>
            {scope.zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name} ({z.areaName})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="min-h-10 rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
          Show
        </button>
      </form>

      <section aria-labelledby="kpi-h" className="mb-8">
        <h2 id="kpi-h" className="sr-only">
          Key figures
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          <Stat label="Orders" value={t.orders.toLocaleString("en")} hint={`${t.cancelled.toLocaleString("en")} cancelled`} />
          <Stat label="GMV" value={formatMoney(t.gmvCents)} hint={`${t.delivered.toLocaleString("en")} delivered`} />
          <Stat label="Delivery time" value={formatDuration(t.avgDeliveryS)} hint={`p90 ${formatDuration(t.p90DeliveryS)}`} />
          <Stat label="On time" value={formatPercent(t.onTimeRate)} hint="within the quoted time + 10 min" />
          <Stat label="Acceptance time" value={formatDuration(t.avgAcceptS)} hint={`p90 ${formatDuration(t.p90AcceptS)}`} />
        </dl>
      </section>

      <section aria-labelledby="trend-h" className="mb-8 grid gap-4 lg:grid-cols-2">
        <h2 id="trend-h" className="sr-only">
          Trends
        </h2>
        <BarChart title="Orders per day" note={clock} valueLabel="Orders" partLabel="Cancelled" bars={d.perDay.map((p) => ({ label: short(p.day), value: p.orders, part: p.cancelled }))} />
        <LineChart title="GMV per day" note={clock} format={(v) => formatMoney(v)} points={d.perDay.map((p) => ({ label: short(p.day), value: p.gmvCents }))} />
        <BarChart title={range === "today" ? "Orders per hour today" : "Orders per hour of the day"} note={clock} valueLabel="Orders" bars={d.perHour.map((h) => ({ label: `${String(h.hour).padStart(2, "0")}h`, value: h.orders }))} />
        <LineChart
          title="Average delivery time per day (minutes)"
          note={clock}
          format={(v) => `${Math.round(v)} min`}
          points={d.perDay.map((p) => ({ label: short(p.day), value: p.avgDeliveryS === null ? 0 : Math.round(p.avgDeliveryS / 60) }))}
        />
      </section>

      <section aria-labelledby="why-h" className="mb-8 grid gap-4 lg:grid-cols-3">
        <h2 id="why-h" className="sr-only">
          Cancellations, acceptance and supply
        </h2>
        <RankedBars title="Cancellations by reason" tone="danger" empty="No cancellations in this range." bars={d.cancellations.map((c) => ({ label: c.reason, value: c.orders }))} />
        <RankedBars title="Time for restaurants to accept" tone="warn" bars={d.acceptance.map((a) => ({ label: a.bucket, value: a.orders }))} format={(v) => `${v.toLocaleString("en")} orders`} />
        <SupplyDemand zones={d.supply} />
      </section>
      <p className="text-xs text-slate-500">
        Past days come from the nightly rollups where they exist ({d.perDay.filter((p) => p.source === "rollup").length} of {d.perDay.length} days); today and days not rolled up yet are counted live.
      </p>
    </>
  );
}
