import { redirect } from "next/navigation";

import { AppShell, PageTitle } from "@lastmile/ui/shell";
import { BarChart } from "@lastmile/ui/bar-chart";
import { Stat } from "@lastmile/ui/stat";
import { formatMoney } from "@lastmile/ui/format";

import { getQueryClient, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const qc = getQueryClient();
  if (!(await qc.fetchQuery(trpc.me.session.queryOptions()))) redirect("/sign-in");
  const o = await qc.fetchQuery(trpc.admin.overview.queryOptions());
  return (
    <AppShell portal="admin" aside="Lisboa">
      <PageTitle title="Platform overview" subtitle="Live counts across the city." />
      <section aria-labelledby="orders-h" className="mb-8">
        <h2
          id="orders-h"
          className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600"
        >
          Orders
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label="Today" value={o.ordersToday.toLocaleString("en")} />
          <Stat label="In progress" value={o.ordersActive.toLocaleString("en")} />
          <Stat label="Delivered value today" value={formatMoney(o.gmvTodayCents)} />
          <Stat label="All time" value={o.ordersTotal.toLocaleString("en")} />
        </dl>
      </section>
      <section aria-labelledby="trend-h" className="mb-8">
        <h2
          id="trend-h"
          className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600"
        >
          Last 14 days
        </h2>
        <BarChart
          title="Orders per day"
          valueLabel="Orders"
          partLabel="Cancelled"
          bars={o.ordersByDay.map((d) => ({
            label: d.day.slice(5).replace("-", "/"),
            value: d.orders,
            part: d.cancelled,
          }))}
        />
      </section>
      <section aria-labelledby="supply-h" className="mb-8">
        <h2
          id="supply-h"
          className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-600"
        >
          Merchants and couriers
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Stat
            label="Merchants live"
            value={o.merchantsVerified}
            hint={`${o.merchantsPending} awaiting verification`}
          />
          <Stat
            label="Couriers on duty"
            value={o.couriersOnDuty}
            hint={`of ${o.couriersApproved} approved`}
          />
          <Stat label="Courier applications" value={o.couriersPending} hint="waiting for review" />
          <Stat label="Customers" value={o.customers.toLocaleString("en")} />
        </dl>
      </section>
    </AppShell>
  );
}
