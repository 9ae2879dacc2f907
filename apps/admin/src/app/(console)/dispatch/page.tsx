import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { PageTitle } from "@lastmile/ui/shell";

import { requireStaff } from "~/auth/staff";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { DispatchBoard } from "./_components/dispatch-board";

export const metadata: Metadata = { title: "Dispatch" };
export const dynamic = "force-dynamic";

export default async function DispatchPage() {
  const s = await requireStaff();
  if (!s.canDispatch) redirect("/");
  await getQueryClient().prefetchQuery(trpc.admin.waitingOrders.queryOptions());
  return (
    <HydrateClient>
      <PageTitle title="Dispatch" subtitle="Orders waiting for a courier. Offer one by hand to a courier nearby (or assign it outright), run dispatch again, or cancel with a refund." />
      <DispatchBoard zoneIds={s.scope.zones.map((z) => z.id)} />
    </HydrateClient>
  );
}
