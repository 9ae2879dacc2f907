import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { PageTitle } from "@lastmile/ui/shell";

import { requireStaff } from "~/auth/staff";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { LiveMap } from "./_components/live-map";

export const metadata: Metadata = { title: "Live map" };
export const dynamic = "force-dynamic";

export default async function LiveMapPage() {
  const s = await requireStaff();
  if (!s.canDispatch) redirect("/");
  await getQueryClient().prefetchQuery(trpc.admin.liveMap.queryOptions());
  return (
    <HydrateClient>
      <PageTitle title="Live map" subtitle="Couriers on duty as they ride, orders in flight and each zone's demand." />
      <LiveMap zoneIds={s.scope.zones.map((z) => z.id)} />
    </HydrateClient>
  );
}
