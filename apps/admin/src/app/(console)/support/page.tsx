// Support: couriers' problem reports and customers' refund requests, oldest first, each with its
// order and what to do about it. Support sees every area, an ops manager their own.
import type { Metadata } from "next";

import { PageTitle } from "@lastmile/ui/shell";

import { requireStaff } from "~/auth/staff";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { SupportQueue } from "./_components/support-queue";

export const metadata: Metadata = { title: "Support" };
export const dynamic = "force-dynamic";

export default async function SupportPage() {
  const s = await requireStaff();
  await getQueryClient().prefetchQuery(trpc.admin.supportQueue.queryOptions({}));
  return (
    <HydrateClient>
      <PageTitle
        title="Support"
        subtitle="Problems couriers report on the road first, then customers' refund requests, each oldest first. Each is decided once."
      />
      {/* Support cannot follow the zones' live feeds (they carry courier positions): it polls and refetches on focus. */}
      <SupportQueue zoneIds={s.canDispatch ? s.scope.zones.map((z) => z.id) : []} />
    </HydrateClient>
  );
}
