import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { requireMerchant } from "~/auth/merchant";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { StoreSettings } from "./_components/store-settings";

export const metadata: Metadata = { title: "Store" };
export const dynamic = "force-dynamic";

export default async function StorePage() {
  const m = await requireMerchant();
  // The store's settings are the owner's: staff run the kitchen from the board and the menu.
  if (!m.isOwner) redirect("/");
  await getQueryClient().prefetchQuery(trpc.menu.store.queryOptions({ merchantId: m.merchantId }));
  return (
    <HydrateClient>
      <StoreSettings merchantId={m.merchantId} />
    </HydrateClient>
  );
}
