import { AppShell, PageTitle } from "@lastmile/ui/shell";
import { Badge } from "@lastmile/ui/badge";
import { EmptyState } from "@lastmile/ui/empty-state";
import { formatAgo } from "@lastmile/ui/format";

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

export default async function CouriersOnDutyPage() {
  const couriers = await getQueryClient().fetchQuery(
    trpc.courier.onDuty.queryOptions({ limit: 300 }),
  );
  const now = new Date();
  const byZone = new Map<string, typeof couriers>();
  for (const c of couriers) {
    const zone = c.zoneName ?? "No home zone";
    byZone.set(zone, [...(byZone.get(zone) ?? []), c]);
  }
  const busy = couriers.filter((c) => c.status === "busy").length;
  return (
    <AppShell portal="courier">
      <PageTitle
        title="Couriers on duty"
        subtitle={`${couriers.length} on duty now · ${busy} on a delivery`}
      />
      {couriers.length === 0 ? (
        <EmptyState title="Nobody is on duty right now" />
      ) : (
        <div className="space-y-6">
          {[...byZone.entries()].map(([zone, list]) => (
            <section key={zone} aria-labelledby={`zone-${zone}`}>
              <h2 id={`zone-${zone}`} className="mb-2 text-lg font-semibold text-slate-900">
                {zone} <span className="text-base font-normal text-slate-600">· {list.length}</span>
              </h2>
              <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
                {list.map((c) => (
                  <li
                    key={c.id}
                    className="flex min-h-14 items-center justify-between gap-3 px-4 py-3"
                  >
                    <div>
                      <p className="text-base font-medium text-slate-900">{c.firstName}</p>
                      <p className="text-sm text-slate-600">
                        {VEHICLE_LABEL[c.vehicle] ?? c.vehicle}
                      </p>
                    </div>
                    <div className="text-right">
                      <Badge tone={c.status === "busy" ? "info" : "brand"}>
                        {c.status === "busy" ? "delivering" : "available"}
                      </Badge>
                      {c.lastSeenAt ? (
                        <p className="mt-1 text-xs text-slate-600">
                          seen {formatAgo(c.lastSeenAt, now)}
                        </p>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </AppShell>
  );
}
