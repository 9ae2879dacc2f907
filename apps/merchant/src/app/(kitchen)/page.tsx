import type { Metadata } from "next";

import { requireMerchant } from "~/auth/merchant";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { KitchenBoard } from "./_components/board/kitchen-board";

export const metadata: Metadata = { title: "Orders" };
export const dynamic = "force-dynamic";

export default async function KitchenBoardPage() {
  const m = await requireMerchant();
  // Awaited, not streamed: the first paint of the tablet already shows the orders.
  await getQueryClient().prefetchQuery(trpc.merchant.board.queryOptions({ merchantId: m.merchantId }));
  return (
    <HydrateClient>
      <KitchenBoard merchantId={m.merchantId} canChangeStore={m.isOwner} />
    </HydrateClient>
  );
}
