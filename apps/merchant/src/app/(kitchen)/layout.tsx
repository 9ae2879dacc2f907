// Every page of the kitchen portal sits in the restaurant's frame.
import type { ReactNode } from "react";

import { requireMerchant } from "~/auth/merchant";

import { MerchantShell } from "./_components/merchant-shell";

export default async function KitchenLayout({ children }: { children: ReactNode }) {
  const m = await requireMerchant();
  return (
    <MerchantShell restaurant={m.name} isOwner={m.isOwner}>
      {children}
    </MerchantShell>
  );
}
