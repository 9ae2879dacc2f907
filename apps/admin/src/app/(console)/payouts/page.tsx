// Payouts: what the platform owes restaurants and couriers paid by bank transfer (no Stripe
// connected account), settled by the worker into payouts. Pending ones first; an administrator
// marks one paid with the transfer's reference once the money has gone (audited).
import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { Badge } from "@lastmile/ui/badge";
import { formatMoney } from "@lastmile/ui/format";
import { PageTitle } from "@lastmile/ui/shell";
import { Th } from "@lastmile/ui/table";

import { requireStaff } from "~/auth/staff";
import { formatDate } from "~/lib/time";
import { getQueryClient, trpc } from "~/trpc/server";

import { MarkPaidForm } from "./_components/mark-paid-form";

export const metadata: Metadata = { title: "Payouts" };
export const dynamic = "force-dynamic";

const TONE = { pending: "info", paid: "brand", failed: "danger" } as const;

export default async function PayoutsPage() {
  const s = await requireStaff();
  if (!s.isAdmin) redirect("/");
  const all = await getQueryClient().fetchQuery(trpc.admin.payouts.queryOptions({}));
  const pending = all.filter((p) => p.status === "pending");
  const rest = all.filter((p) => p.status !== "pending");
  const total = (list: typeof all) => list.reduce((sum, p) => sum + p.amountCents, 0);

  return (
    <>
      <PageTitle title="Payouts" subtitle="What restaurants and couriers without a connected account are paid by bank transfer." />
      <section aria-labelledby="pending-h" className="mb-8">
        <h2 id="pending-h" className="mb-2 text-lg font-semibold text-slate-900">
          To pay · {formatMoney(total(pending))}
        </h2>
        {pending.length === 0 ? <p className="rounded-xl border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">Nothing waiting to be paid.</p> : null}
        <ul className="space-y-2" aria-label="Payouts to pay">
          {pending.map((p) => (
            <li key={p.id} className="flex flex-wrap items-end justify-between gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
              <div>
                <p className="font-medium text-slate-900">
                  {p.payeeName} <span className="text-sm font-normal text-slate-600">({p.payeeType})</span>
                </p>
                <p className="text-sm text-slate-600">Earned up to {formatDate(p.periodEnd)}</p>
                <p className="mt-1 text-xl font-semibold tabular-nums">{formatMoney(p.amountCents, p.currency)}</p>
              </div>
              <MarkPaidForm payoutId={p.id} payeeName={p.payeeName} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="history-h">
        <h2 id="history-h" className="mb-2 text-lg font-semibold text-slate-900">
          Paid
        </h2>
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-sm">
            <thead className="bg-slate-50 text-left text-slate-700">
              <tr>
                <Th className="px-3 py-2 font-medium">Payee</Th>
                <Th className="px-3 py-2 text-right font-medium">Amount</Th>
                <Th className="px-3 py-2 font-medium">Status</Th>
                <Th className="px-3 py-2 font-medium">Paid</Th>
                <Th className="px-3 py-2 font-medium">Reference</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rest.map((p) => (
                <tr key={p.id}>
                  <td className="px-3 py-2">
                    {p.payeeName} <span className="text-slate-600">({p.payeeType})</span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatMoney(p.amountCents, p.currency)}</td>
                  <td className="px-3 py-2">
                    <Badge tone={TONE[p.status]}>{p.status}</Badge>
                  </td>
                  <td className="px-3 py-2">{p.paidAt ? formatDate(p.paidAt) : "—"}</td>
                  <td className="px-3 py-2 font-mono text-xs">{p.paidReference ?? "—"}</td>
                </tr>
              ))}
              {rest.length === 0 ? (
                <tr>
                  <td colSpan={5} className="px-3 py-4 text-center text-slate-600">
                    No payouts paid yet.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
