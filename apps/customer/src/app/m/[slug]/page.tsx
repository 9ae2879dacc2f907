import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Badge } from "@lastmile/ui/badge";
import { formatMoney } from "@lastmile/ui/format";

import { getSession } from "~/auth/server";
import { currentDropoff } from "~/lib/dropoff-server";
import { describeOpening } from "~/lib/opening";
import { getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";

import { SiteShell } from "../../_components/site-shell";
import { CartPanel } from "./_components/cart-panel";
import { ItemCard } from "./_components/item-card";

export const dynamic = "force-dynamic";

type TProps = { params: Promise<{ slug: string }> };

async function loadMenu(slug: string) {
  const { dropoff } = await currentDropoff();
  try {
    return await getQueryClient().fetchQuery(
      trpc.catalog.menu.queryOptions({ slug, dropoff: { lng: dropoff.lng, lat: dropoff.lat } }),
    );
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: TProps): Promise<Metadata> {
  const menu = await loadMenu((await params).slug);
  return { title: menu.merchant.name, description: menu.merchant.description };
}

export default async function MenuPage({ params }: TProps) {
  const { slug } = await params;
  const [menu, session, { dropoff }] = await Promise.all([loadMenu(slug), getSession(), currentDropoff()]);
  const { merchant: m, delivery } = menu;
  if (session) await prefetch(trpc.cart.get.queryOptions());
  // Orders go through while the drop-off is in reach; a closed kitchen takes them for a later slot.
  const orderable = delivery !== null;
  const blocked = !delivery ? `${m.name} does not deliver to ${dropoff.label}.` : null;
  const laterOnly = delivery && !delivery.openNow ? `${m.name} is closed right now. ${describeOpening(delivery.nextOpensAt, m.timezone)} — order now and pick a delivery time at checkout.` : null;
  const categories = menu.categories.filter((c) => c.items.length > 0);

  return (
    <SiteShell>
      <HydrateClient>
        <nav aria-label="Breadcrumb" className="mb-3 text-sm">
          <Link href="/" className="font-medium text-brand-800 hover:underline">
            ← All restaurants
          </Link>
        </nav>
        <header className="mb-6">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">{m.name}</h1>
          <p className="mt-1 max-w-2xl text-slate-600">{m.description}</p>
          <div className="mt-3 flex flex-wrap gap-1.5">
            {m.cuisines.map((c) => (
              <Badge key={c}>{c}</Badge>
            ))}
          </div>
          <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700">
            <div className="flex gap-1">
              <dt className="text-slate-500">Rating</dt>
              <dd>{m.rating !== null ? `★ ${m.rating.toFixed(1)} (${m.ratingCount})` : "New"}</dd>
            </div>
            {delivery ? (
              <>
                <div className="flex gap-1">
                  <dt className="text-slate-500">Delivery</dt>
                  <dd>
                    {delivery.etaMin} min · {formatMoney(delivery.deliveryFeeCents)}
                    {delivery.freeDeliveryOverCents !== null ? ` · free over ${formatMoney(delivery.freeDeliveryOverCents).replace(/\.00$/, "")}` : ""}
                  </dd>
                </div>
              </>
            ) : null}
            <div className="flex gap-1">
              <dt className="text-slate-500">Address</dt>
              <dd>{m.address}</dd>
            </div>
          </dl>
          {blocked ? (
            <p role="status" className="mt-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm font-medium text-amber-900">
              {blocked}{" "}
              <Link href="/address" className="underline">
                Change address
              </Link>
            </p>
          ) : null}
          {laterOnly ? (
            <p role="status" className="mt-4 rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm font-medium text-sky-950">
              {laterOnly}
            </p>
          ) : null}
        </header>

        {categories.length > 1 ? (
          <nav aria-label="Menu sections" className="sticky top-[57px] z-[5] -mx-4 mb-4 overflow-x-auto border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur">
            <ul className="flex gap-2 whitespace-nowrap">
              {categories.map((c) => (
                <li key={c.id}>
                  <a href={`#cat-${c.id}`} className="inline-block rounded-full bg-white px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-brand-50 hover:text-brand-900">
                    {c.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}

        <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="space-y-8">
            {categories.map((c) => (
              <section key={c.id} id={`cat-${c.id}`} aria-labelledby={`cat-${c.id}-h`} className="scroll-mt-28">
                <h2 id={`cat-${c.id}-h`} className="mb-3 text-xl font-semibold text-slate-900">
                  {c.name}
                </h2>
                <ul className="grid gap-3 sm:grid-cols-2">
                  {c.items.map((item) => (
                    <li key={item.id}>
                      <ItemCard item={item} merchantName={m.name} slug={m.slug} signedIn={session !== null} orderable={orderable} blockedReason={blocked} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
          <aside aria-label="Your order" className="lg:sticky lg:top-24 lg:self-start">
            <CartPanel signedIn={session !== null} merchantId={m.id} slug={m.slug} />
          </aside>
        </div>
      </HydrateClient>
    </SiteShell>
  );
}
