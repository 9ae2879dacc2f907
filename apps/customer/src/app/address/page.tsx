import type { Metadata } from "next";

import { PageTitle } from "@lastmile/ui/shell";

import { getSession } from "~/auth/server";
import { env } from "~/env";
import { currentDropoff } from "~/lib/dropoff-server";
import { getQueryClient, trpc } from "~/trpc/server";

import { SiteShell } from "../_components/site-shell";
import { AddressPicker } from "./_components/address-picker";

export const metadata: Metadata = { title: "Where should we deliver?" };
export const dynamic = "force-dynamic";

export default async function AddressPage() {
  const session = await getSession();
  const qc = getQueryClient();
  const [city, saved, { dropoff, chosen }] = await Promise.all([
    qc.fetchQuery(trpc.catalog.cityMap.queryOptions()),
    session ? qc.fetchQuery(trpc.me.addresses.queryOptions()) : Promise.resolve([]),
    currentDropoff(),
  ]);
  return (
    <SiteShell>
      <PageTitle
        title="Where should we deliver?"
        subtitle="Pick a saved address, search for a street or place, use your location, or tap the map."
      />
      <AddressPicker
        city={city}
        current={chosen ? dropoff : null}
        saved={saved.map((a) => ({
          addressId: a.id,
          name: a.label,
          label: [a.line1, a.line2].filter(Boolean).join(", "),
          detail: [a.postcode, a.city].filter(Boolean).join(" "),
          lng: a.location.coordinates[0],
          lat: a.location.coordinates[1],
        }))}
        mapboxToken={env.NEXT_PUBLIC_MAPBOX_TOKEN}
      />
    </SiteShell>
  );
}
