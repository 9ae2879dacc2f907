import type { Metadata } from "next";

import { requireMerchant } from "~/auth/merchant";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { MenuEditor } from "./_components/menu-editor";

export const metadata: Metadata = { title: "Menu" };
export const dynamic = "force-dynamic";

export default async function MenuPage() {
  const m = await requireMerchant();
  await getQueryClient().prefetchQuery(trpc.menu.get.queryOptions({ merchantId: m.merchantId }));
  return (
    <HydrateClient>
      <MenuEditor merchantId={m.merchantId} />
    </HydrateClient>
  );
}
