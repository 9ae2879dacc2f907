import Link from "next/link";

import { EmptyState } from "@lastmile/ui/empty-state";
import { PageTitle } from "@lastmile/ui/shell";

import { env } from "~/env";
import { currentDropoff } from "~/lib/dropoff-server";
import { getQueryClient, trpc } from "~/trpc/server";

import { DiscoveryFilters } from "./_components/discovery-filters";
import { MerchantCard } from "./_components/merchant-card";
import { SiteShell } from "./_components/site-shell";
import { ZonesMap } from "./_components/zones-map";

// Availability changes by the minute; never serve a stale list.
export const dynamic = "force-dynamic";

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const int = (v: string | undefined, min: number, max: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

export default async function HomePage({ searchParams }: TProps) {
  const params = await searchParams;
  const { dropoff, chosen } = await currentDropoff();
  const qc = getQueryClient();
  const zone = await qc.fetchQuery(trpc.catalog.deliveryZone.queryOptions({ lng: dropoff.lng, lat: dropoff.lat }));

  if (!zone.found) {
    const city = await qc.fetchQuery(trpc.catalog.cityMap.queryOptions());
    return (
      <SiteShell>
        <PageTitle title="We don't deliver there yet" subtitle={`${dropoff.label} is outside the areas our couriers cover.`} />
        <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
          <div className="space-y-4 text-slate-700">
            <p>
              We deliver in {city.zones.length} neighbourhoods of Lisbon, shaded on the map. Choose an address inside one of
              them to see the restaurants that can reach it.
            </p>
            <ul className="list-inside list-disc text-sm">
              {city.zones.map((z) => (
                <li key={z.id}>{z.name}</li>
              ))}
            </ul>
            <Link
              href="/address"
              className="inline-flex rounded-lg bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-900"
            >
              Choose another address
            </Link>
          </div>
          <ZonesMap city={city} point={dropoff} mapboxToken={env.NEXT_PUBLIC_MAPBOX_TOKEN} className="h-96" />
        </div>
      </SiteShell>
    );
  }

  const filters = {
    search: one(params.q),
    cuisine: one(params.cuisine),
    maxPriceLevel: int(one(params.price), 1, 4),
    minRating: int(one(params.rating), 1, 5),
    openOnly: one(params.open) === "1",
    freeDelivery: one(params.free) === "1",
  };
  const base = { lng: dropoff.lng, lat: dropoff.lat, limit: 100 };
  const [all, page] = await Promise.all([
    qc.fetchQuery(trpc.catalog.merchantsDeliveringTo.queryOptions(base)),
    qc.fetchQuery(
      trpc.catalog.merchantsDeliveringTo.queryOptions({
        ...base,
        search: filters.search,
        cuisine: filters.cuisine,
        maxPriceLevel: filters.maxPriceLevel,
        minRating: filters.minRating,
        freeDelivery: filters.freeDelivery || undefined,
        includeClosed: !filters.openOnly,
      }),
    ),
  ]);
  const cuisines = [...new Set(all.items.flatMap((m) => m.cuisines))].sort();
  const open = page.items.filter((m) => m.openNow);
  const closed = page.items.filter((m) => !m.openNow);
  const filtered = Boolean(filters.search || filters.cuisine || filters.maxPriceLevel || filters.minRating || filters.openOnly || filters.freeDelivery);

  return (
    <SiteShell>
      <PageTitle
        title="Restaurants that deliver to you"
        subtitle={
          <>
            {all.items.filter((m) => m.openNow).length} open now near <strong className="text-slate-800">{dropoff.label}</strong>{" "}
            ({zone.zoneName}), quickest first.{" "}
            {chosen ? null : (
              <Link href="/address" className="font-medium text-brand-800 underline">
                Set your address
              </Link>
            )}
          </>
        }
      />
      <DiscoveryFilters cuisines={cuisines} values={filters} />
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? "Nothing matches" : "Nobody delivers here yet"}>
          {filtered ? (
            <>
              No restaurant that delivers here matches your search.{" "}
              <Link href="/" className="font-medium text-brand-800 underline">
                Clear the filters
              </Link>
            </>
          ) : (
            "Try an address closer to the centre of the zone."
          )}
        </EmptyState>
      ) : (
        <>
          {open.length > 0 ? (
            <section aria-labelledby="open-now">
              <h2 id="open-now" className="sr-only">
                Open now
              </h2>
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Restaurants open now">
                {open.map((m) => (
                  <li key={m.id}>
                    <MerchantCard merchant={m} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {closed.length > 0 ? (
            <section aria-labelledby="closed-now" className="mt-10">
              <h2 id="closed-now" className="mb-3 text-lg font-semibold text-slate-900">
                Closed right now
              </h2>
              <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Restaurants closed now">
                {closed.map((m) => (
                  <li key={m.id}>
                    <MerchantCard merchant={m} />
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </SiteShell>
  );
}
