import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { requireMerchant } from "~/auth/merchant";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { TeamManager } from "./_components/team-manager";

export const metadata: Metadata = { title: "Team" };
export const dynamic = "force-dynamic";

export default async function TeamPage() {
  const m = await requireMerchant();
  // Who is on the team is the owner's business; staff are sent back to the board.
  if (!m.isOwner) redirect("/");
  await getQueryClient().prefetchQuery(trpc.team.members.queryOptions({ merchantId: m.merchantId }));
  return (
    <HydrateClient>
      <TeamManager merchantId={m.merchantId} />
    </HydrateClient>
  );
}
