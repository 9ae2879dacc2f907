// Zones: the area hierarchy (country → region → district → municipality) with the service zones
// of each municipality, and the zone map where administrators draw a new zone, redraw a boundary or
// switch a zone off.
import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { PageTitle } from "@lastmile/ui/shell";

import { requireStaff } from "~/auth/staff";
import { getQueryClient, trpc } from "~/trpc/server";

import type { TZone } from "./_components/zone-editor";
import { ZoneEditor } from "./_components/zone-editor";

export const metadata: Metadata = { title: "Zones" };
export const dynamic = "force-dynamic";

type TArea = { id: string; name: string; level: string; parentId: string | null };

function AreaTree({ areas, parentId, zones }: { areas: TArea[]; parentId: string | null; zones: (TZone & { areaId: string })[] }) {
  const here = areas.filter((a) => a.parentId === parentId || (parentId === null && !areas.some((p) => p.id === a.parentId)));
  if (here.length === 0) return null;
  return (
    <ul className={parentId ? "ml-4 border-l border-slate-200 pl-3" : ""}>
      {here.map((a) => {
        const own = zones.filter((z) => z.areaId === a.id);
        return (
          <li key={a.id} className="py-0.5">
            <span className="text-sm font-medium text-slate-900">{a.name}</span> <span className="text-xs text-slate-500">{a.level}</span>
            {own.length ? (
              <ul className="ml-4 border-l border-brand-200 pl-3">
                {own.map((z) => (
                  <li key={z.id} className="text-sm text-slate-700">
                    {z.name} {z.active ? null : <span className="text-xs font-semibold text-rose-800">off</span>}
                  </li>
                ))}
              </ul>
            ) : null}
            <AreaTree areas={areas} parentId={a.id} zones={zones} />
          </li>
        );
      })}
    </ul>
  );
}

export default async function ZonesPage() {
  const s = await requireStaff();
  // Support resolves customers' problems; zones are for operations (the API refuses support too).
  if (!s.canDispatch) redirect("/");
  const raw = await getQueryClient().fetchQuery(trpc.admin.zones.queryOptions());
  const areaName = (id: string) => s.scope.areas.find((a) => a.id === id)?.name ?? "";
  const zones = raw.map((z) => ({ id: z.id, name: z.name, slug: z.slug, active: z.active, areaId: z.areaId, areaName: areaName(z.areaId), rings: z.boundary.coordinates }));
  return (
    <>
      <PageTitle title="Zones" subtitle="Where delivery is offered. Boundaries are checked by PostGIS before they are saved." />
      <div className="grid gap-6 xl:grid-cols-[18rem_1fr]">
        <section aria-labelledby="tree-h" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="tree-h" className="mb-2 text-sm font-semibold text-slate-800">
            Areas and zones
          </h2>
          <AreaTree areas={s.scope.areas} parentId={null} zones={zones} />
        </section>
        <ZoneEditor zones={zones} areas={s.scope.areas.filter((a) => a.level === "municipality")} canEdit={s.isAdmin} />
      </div>
    </>
  );
}
