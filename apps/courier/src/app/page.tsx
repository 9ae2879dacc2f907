import { redirect } from "next/navigation";

import { AppShell, PageTitle } from "@lastmile/ui/shell";
import { Badge } from "@lastmile/ui/badge";
import { Stat } from "@lastmile/ui/stat";
import { formatAgo, formatMoney } from "@lastmile/ui/format";

import { getQueryClient, trpc } from "~/trpc/server";

export const dynamic = "force-dynamic";

const VEHICLE_LABEL: Record<string, string> = {
  foot: "On foot",
  bicycle: "Bicycle",
  ebike: "E-bike",
  scooter: "Scooter",
  motorbike: "Motorbike",
  car: "Car",
};

const STATUS: Record<string, { label: string; tone: "brand" | "info" | "neutral" }> = {
  online: { label: "On duty", tone: "brand" },
  busy: { label: "On a delivery", tone: "info" },
  offline: { label: "Off duty", tone: "neutral" },
};

export default async function CourierHomePage() {
  const qc = getQueryClient();
  const session = await qc.fetchQuery(trpc.me.session.queryOptions());
  if (!session) redirect("/sign-in");
  const [me, earnings] = await Promise.all([qc.fetchQuery(trpc.courier.me.queryOptions()), qc.fetchQuery(trpc.courier.earnings.queryOptions())]);
  if (!me) redirect("/sign-in");
  const status = STATUS[me.status] ?? { label: me.status, tone: "neutral" as const };
  return (
    <AppShell portal="courier" aside={session.name.split(" ")[0]}>
      <PageTitle
        title={`Hello, ${session.name.split(" ")[0]}`}
        subtitle={
          <span className="inline-flex items-center gap-2">
            <Badge tone={status.tone}>{status.label}</Badge>
            {VEHICLE_LABEL[me.vehicle] ?? me.vehicle} · {me.zoneName ?? "no home zone"}
          </span>
        }
      />
      <dl className="grid grid-cols-2 gap-3">
        <Stat label="Earned today" value={formatMoney(earnings.todayCents)} hint={`${earnings.deliveriesToday} deliveries`} />
        <Stat label="This week" value={formatMoney(earnings.weekCents)} />
        <Stat label="Deliveries" value={me.deliveriesCompleted} hint="all time" />
        <Stat label="Rating" value={me.ratingCount ? `★ ${(me.ratingSum / me.ratingCount).toFixed(1)}` : "New"} hint={me.ratingCount ? `${me.ratingCount} ratings` : undefined} />
      </dl>
      <p className="mt-4 text-sm text-slate-600">{me.lastSeenAt ? `Last position sent ${formatAgo(me.lastSeenAt)}.` : "No position sent yet."}</p>
    </AppShell>
  );
}
