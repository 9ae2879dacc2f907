import { AppShell, PageTitle } from "@lastmile/ui/shell";
import { EmptyState } from "@lastmile/ui/empty-state";

import { trpc, getQueryClient } from "~/trpc/server";

import { DEMO_ADDRESS } from "./demo-address";
import { MerchantCard } from "./_components/merchant-card";

// Availability changes by the minute; never serve a stale list.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const merchants = await getQueryClient().fetchQuery(
    trpc.catalog.merchantsNear.queryOptions({
      lng: DEMO_ADDRESS.lng,
      lat: DEMO_ADDRESS.lat,
      limit: 24,
    }),
  );
  return (
    <AppShell
      portal="customer"
      aside={
        <span>
          Delivering to <strong className="text-slate-900">{DEMO_ADDRESS.label}</strong>
        </span>
      }
    >
      <PageTitle
        title="Restaurants that deliver to you"
        subtitle={`${merchants.length} places within reach of ${DEMO_ADDRESS.label}, nearest first.`}
      />
      {merchants.length === 0 ? (
        <EmptyState title="Nobody delivers here yet">
          Try an address inside one of our service zones.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Restaurants">
          {merchants.map((m) => (
            <li key={m.id}>
              <MerchantCard merchant={m} />
            </li>
          ))}
        </ul>
      )}
    </AppShell>
  );
}
