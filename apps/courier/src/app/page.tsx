import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { formatMoney } from "@lastmile/ui/format";

import { env } from "~/env";
import { getQueryClient, HydrateClient, prefetch, trpc } from "~/trpc/server";

import { CourierApp } from "./_components/courier-app";
import { CourierShell } from "./_components/courier-shell";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Shift" };

export default async function ShiftPage() {
  const qc = getQueryClient();
  const session = await qc.fetchQuery(trpc.me.session.queryOptions());
  if (!session) redirect("/sign-in");
  const [me, earnings] = await Promise.all([
    qc.fetchQuery(trpc.courier.me.queryOptions()),
    qc.fetchQuery(trpc.courier.earnings.queryOptions()),
  ]);
  if (!me) redirect("/sign-in");
  // Awaited: the app reads these with useQuery, so they must be in the server's render too.
  await Promise.all([
    prefetch(trpc.courier.deliveries.queryOptions()),
    prefetch(trpc.catalog.cityMap.queryOptions()),
    me.status !== "offline" ? prefetch(trpc.courier.offers.queryOptions()) : null,
  ]);
  const first = session.name.split(" ")[0] ?? session.name;
  return (
    <CourierShell current="shift" name={first}>
      <h1 className="mb-3 text-2xl font-extrabold tracking-tight text-slate-950">Hello, {first}</h1>
      <p className="mb-4 text-base text-slate-800">
        Today: <b className="tabular-nums">{formatMoney(earnings.todayCents)}</b> from{" "}
        {earnings.deliveriesToday} {earnings.deliveriesToday === 1 ? "delivery" : "deliveries"}.
      </p>
      <HydrateClient>
        <CourierApp courierId={me.id} mapboxToken={env.NEXT_PUBLIC_MAPBOX_TOKEN} />
      </HydrateClient>
    </CourierShell>
  );
}
