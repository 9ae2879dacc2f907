// Orders: the most recent first, narrowed by status and by a search box that takes an order's
// number (#100123), its id, or part of the restaurant's or customer's name. A number or id that
// matches one order opens it straight away. A GET form, so a filtered list can be shared.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { Badge } from "@lastmile/ui/badge";
import { formatMoney } from "@lastmile/ui/format";
import { PageTitle } from "@lastmile/ui/shell";
import { Th } from "@lastmile/ui/table";

import { requireStaff } from "~/auth/staff";
import { getQueryClient, trpc } from "~/trpc/server";

import type { TOrderStatus } from "./_components/status";
import { ORDER_STATUSES, STATUS_LABEL, STATUS_TONE, orderTime } from "./_components/status";

export const metadata: Metadata = { title: "Orders" };
export const dynamic = "force-dynamic";

const field =
  "mt-1 block min-h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm text-slate-900 focus:outline-2 focus:outline-brand-700";
const EXACT = /^#?\d{1,9}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; status?: string }>;
}) {
  const s = await requireStaff();
  const sp = await searchParams;
  const q = sp.q?.trim().slice(0, 100) ?? "";
  const status = ORDER_STATUSES.find((x) => x === sp.status);
  const rows = await getQueryClient().fetchQuery(
    trpc.admin.orders.queryOptions({ query: q || undefined, status, limit: 50 }),
  );
  const [only] = rows;
  if (EXACT.test(q) && rows.length === 1 && only) redirect(`/orders/${only.id}`);
  return (
    <>
      <PageTitle
        title="Orders"
        subtitle={`${s.scope.limited ? "Orders in your area" : "Every order"}, newest first. Open one for its timeline, money and audit trail.`}
      />
      <form
        method="get"
        role="search"
        aria-label="Find orders"
        className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-[2fr_1fr_auto]"
      >
        <label className="text-sm font-medium text-slate-700">
          Find an order
          <input
            name="q"
            type="search"
            defaultValue={q}
            placeholder="#100123, order id, restaurant or customer"
            className={field}
          />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Status
          <select name="status" defaultValue={status ?? ""} className={field}>
            <option value="">Any status</option>
            {ORDER_STATUSES.map((x) => (
              <option key={x} value={x}>
                {STATUS_LABEL[x]}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-2">
          <button
            type="submit"
            className="min-h-10 rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
          >
            Search
          </button>
          <Link
            href="/orders"
            className="inline-flex min-h-10 items-center rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100"
          >
            Clear
          </Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {q || status ? "No orders match." : "No orders yet."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Orders, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-600 uppercase">
              <tr>
                <Th className="px-3 py-2">Order</Th>
                <Th className="px-3 py-2">Placed</Th>
                <Th className="px-3 py-2">Restaurant</Th>
                <Th className="px-3 py-2">Customer</Th>
                <Th className="px-3 py-2">Zone</Th>
                <Th className="px-3 py-2">Status</Th>
                <Th className="px-3 py-2 text-right">Total</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((o) => (
                <tr key={o.id}>
                  <td className="px-3 py-2 font-semibold">
                    <Link
                      href={`/orders/${o.id}`}
                      className="text-brand-800 underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                    >
                      #{o.number}
                    </Link>
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-700">
                    {orderTime(o.placedAt, o.timezone)}
                  </td>
                  <td className="px-3 py-2 text-slate-900">{o.merchantName}</td>
                  <td className="px-3 py-2 text-slate-700">{o.customerName ?? "—"}</td>
                  <td className="px-3 py-2 text-slate-700">{o.zoneName ?? "—"}</td>
                  <td className="px-3 py-2">
                    <Badge tone={STATUS_TONE[o.status as TOrderStatus]}>
                      {STATUS_LABEL[o.status as TOrderStatus]}
                    </Badge>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {formatMoney(o.totalCents, o.currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
