import type { Metadata } from "next";
import Link from "next/link";

import { Badge } from "@lastmile/ui/badge";
import { EmptyState } from "@lastmile/ui/empty-state";
import { dateFormat, formatMoney } from "@lastmile/ui/format";
import { PageTitle } from "@lastmile/ui/shell";

import { getQueryClient, trpc } from "~/trpc/server";

import { SiteShell } from "../_components/site-shell";

export const metadata: Metadata = { title: "Your orders" };
export const dynamic = "force-dynamic";

const STATUS: Record<string, { label: string; tone: "neutral" | "brand" | "warn" | "danger" | "info" }> = {
  PENDING: { label: "Waiting for the restaurant", tone: "info" },
  ACCEPTED: { label: "Accepted", tone: "info" },
  PREPARING: { label: "Being prepared", tone: "info" },
  READY_FOR_PICKUP: { label: "Ready for pick-up", tone: "info" },
  PICKED_UP: { label: "On the way", tone: "brand" },
  DELIVERED: { label: "Delivered", tone: "neutral" },
  CANCELLED: { label: "Cancelled", tone: "danger" },
  REFUNDED: { label: "Refunded", tone: "warn" },
  DISPUTED: { label: "Problem reported", tone: "warn" },
};

/** When an order was placed, on its city's clock (`timezone`, its area's, from orders.mine). */
const when = (d: Date, timeZone: string) =>
  dateFormat("en-GB", { timeZone, day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(d);

export default async function OrdersPage() {
  const orders = await getQueryClient().fetchQuery(trpc.orders.mine.queryOptions({ limit: 50 }));
  return (
    <SiteShell>
      <PageTitle title="Your orders" subtitle="Open an order to track it, see its receipt, rate it or report a problem." />
      {orders.length === 0 ? (
        <EmptyState title="No orders yet">
          <Link href="/" className="font-medium text-brand-800 underline">
            Find a restaurant
          </Link>{" "}
          near you.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Orders">
          {orders.map((o) => {
            const s = STATUS[o.status] ?? { label: o.status, tone: "neutral" as const };
            return (
              <li key={o.id}>
                <Link href={`/orders/${o.id}`} className="flex flex-wrap items-center justify-between gap-3 p-4 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-700">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{o.merchantName}</p>
                    <p className="text-sm text-slate-600">
                      #{o.number} · {when(new Date(o.placedAt), o.timezone)}
                    </p>
                  </div>
                  <div className="flex items-center gap-3">
                    <Badge tone={s.tone}>{s.label}</Badge>
                    <span className="font-medium tabular-nums">{formatMoney(o.totalCents, o.currency)}</span>
                  </div>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </SiteShell>
  );
}
