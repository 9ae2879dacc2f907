import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { env } from "~/env";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { SiteShell } from "../../_components/site-shell";
import { OrderTracker } from "./_components/order-tracker";

export const metadata: Metadata = { title: "Your order" };
export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export default async function OrderPage({ params }: TProps) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const qc = getQueryClient();
  // Both on the server, in parallel: the page arrives with the timeline and the map filled in.
  let city;
  try {
    [city] = await Promise.all([
      qc.fetchQuery(trpc.catalog.cityMap.queryOptions()),
      qc.fetchQuery(trpc.orders.get.queryOptions({ orderId: id })),
      qc.fetchQuery(trpc.tracking.order.queryOptions({ orderId: id })),
    ]);
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  return (
    <SiteShell>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/orders" className="font-medium text-brand-800 hover:underline">
          ← Your orders
        </Link>
      </nav>
      <HydrateClient>
        <OrderTracker orderId={id} city={city} mapboxToken={env.NEXT_PUBLIC_MAPBOX_TOKEN} />
      </HydrateClient>
    </SiteShell>
  );
}
