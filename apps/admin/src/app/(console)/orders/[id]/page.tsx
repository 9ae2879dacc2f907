// One order, everything the platform recorded about it: who ordered what from whom, the full
// timeline from order_events (each move with when, who, from → to and why, and the dispatch
// steps between moves), the couriers it was offered to, the payment and any refunds, the ledger
// lines with their sum — zero when the money balances — and the staff actions in the audit log.
// Support, admins and the area's ops managers read it; anyone else finds no such order.
import type { ReactNode } from "react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { Badge } from "@lastmile/ui/badge";
import { formatDistance, formatMoney } from "@lastmile/ui/format";
import { PageTitle } from "@lastmile/ui/shell";
import { Th } from "@lastmile/ui/table";

import { requireStaff } from "~/auth/staff";
import { getQueryClient, trpc } from "~/trpc/server";

import { STATUS_LABEL, STATUS_TONE, orderTime } from "../_components/status";

export const metadata: Metadata = { title: "Order" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ROLE: Record<string, string> = {
  system: "the system",
  customer: "customer",
  merchant_owner: "restaurant owner",
  merchant_staff: "kitchen staff",
  courier: "courier",
  support: "support",
  ops_manager: "ops manager",
  admin: "admin",
  super_admin: "super admin",
};
const ACCOUNT: Record<string, string> = {
  customer_payments: "Customer payments",
  merchant_payable: "Owed to the restaurant",
  courier_payable: "Owed to the courier",
  platform_revenue: "Platform revenue",
  tax_payable: "Tax payable",
  refunds: "Refunds",
  payouts: "Payouts",
};

/** `dispatch.offered` → "Dispatch offered": steps that are not moves say what they were. */
const kindLabel = (kind: string) => {
  const words = kind.replace(/[._]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function Section({
  id,
  title,
  children,
  aside,
}: {
  id: string;
  title: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <section
      aria-labelledby={id}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold text-slate-900">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

const empty = (text: string) => <p className="text-sm text-slate-600">{text}</p>;
const th = "px-2 py-1.5 font-semibold";
const td = "px-2 py-1.5 align-top";

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  let o;
  try {
    o = await getQueryClient().fetchQuery(
      trpc.admin.order.queryOptions({ orderId: id.toLowerCase() }),
    );
  } catch (error) {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  }
  const money = (cents: number) => formatMoney(cents, o.currency);
  const a = o.amounts;
  const quote: [string, number][] = (
    [
      ["Subtotal", a.subtotalCents],
      ["Delivery fee", a.deliveryFeeCents],
      ["Service fee", a.serviceFeeCents],
      ["Small-order fee", a.smallOrderFeeCents],
      ["Tax", a.taxCents],
      ["Tip", a.tipCents],
      ["Discount", -a.discountCents],
    ] as [string, number][]
  ).filter(([label, v]) => v !== 0 || label === "Subtotal");
  const balanced = o.ledger.sumCents === 0;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link
          href="/orders"
          className="font-medium text-brand-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
        >
          ← Orders
        </Link>
      </nav>
      <PageTitle
        title={`Order #${o.number}`}
        subtitle={<span className="font-mono text-sm">{o.id}</span>}
      />

      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-4">
          <Section
            id="summary-h"
            title="Summary"
            aside={<Badge tone={STATUS_TONE[o.status]}>{STATUS_LABEL[o.status]}</Badge>}
          >
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" aria-label="Order summary">
              {(
                [
                  ["Status", STATUS_LABEL[o.status]],
                  ["Placed", orderTime(o.placedAt, o.timezone)],
                  ["Restaurant", o.merchant.name],
                  [
                    "Customer",
                    o.customer.name
                      ? `${o.customer.name}${o.customer.email ? ` (${o.customer.email})` : ""}`
                      : (o.customer.email ?? "—"),
                  ],
                  ["Courier", o.courier ? (o.courier.name ?? "Courier") : "None yet"],
                  ["Zone", o.zone?.name ?? "Outside every zone"],
                  ["Deliver to", o.dropoffAddress],
                  ["Total", money(a.totalCents)],
                ] as const
              ).map(([k, v]) => (
                <div key={k}>
                  <dt className="text-slate-600">{k}</dt>
                  <dd className="font-medium text-slate-900">{v}</dd>
                </div>
              ))}
            </dl>
          </Section>

          <Section id="timeline-h" title="Timeline">
            {o.timeline.length === 0 ? (
              empty("Nothing recorded.")
            ) : (
              <ol aria-label="Timeline" className="space-y-2">
                {o.timeline.map((e) => {
                  const move = e.fromStatus !== e.toStatus;
                  return (
                    <li
                      key={e.id}
                      className={`rounded-lg border-l-4 px-3 py-2 text-sm ${move ? "border-brand-600 bg-brand-50/40" : "border-slate-300 bg-slate-50"}`}
                    >
                      <p className="flex flex-wrap items-baseline justify-between gap-2">
                        <span className="font-semibold text-slate-900">
                          {move
                            ? `${e.fromStatus ? STATUS_LABEL[e.fromStatus] : "New order"} → ${STATUS_LABEL[e.toStatus]}`
                            : e.kind
                              ? kindLabel(e.kind)
                              : `Still ${STATUS_LABEL[e.toStatus].toLowerCase()}`}
                        </span>
                        <time
                          dateTime={e.at.toISOString()}
                          className="text-xs text-slate-600 tabular-nums"
                        >
                          {orderTime(e.at, o.timezone)}
                        </time>
                      </p>
                      <p className="text-slate-700">
                        by{" "}
                        {e.actorName
                          ? `${e.actorName}, ${ROLE[e.actorRole] ?? e.actorRole}`
                          : (ROLE[e.actorRole] ?? e.actorRole)}
                        {e.reason ? <span className="text-slate-600"> · {e.reason}</span> : null}
                      </p>
                    </li>
                  );
                })}
              </ol>
            )}
          </Section>

          <Section id="offers-h" title="Dispatch offers">
            {o.offers.length === 0 ? (
              empty("Not offered to any courier.")
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <thead className="text-xs text-slate-600 uppercase">
                    <tr>
                      <Th className={th}>Round</Th>
                      <Th className={th}>Courier</Th>
                      <Th className={th}>Offered</Th>
                      <Th className={th}>Whole trip</Th>
                      <Th className={`${th} text-right`}>Fee</Th>
                      <Th className={th}>Outcome</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {o.offers.map((d) => (
                      <tr key={d.id}>
                        <td className={td}>{d.round}</td>
                        <td className={td}>{d.courierName ?? "Courier"}</td>
                        <td className={`${td} whitespace-nowrap`}>{orderTime(d.offeredAt, o.timezone)}</td>
                        <td className={td}>{formatDistance(d.distanceM)}</td>
                        <td className={`${td} text-right tabular-nums`}>{money(d.feeCents)}</td>
                        <td className={td}>
                          {d.status}
                          {d.respondedAt ? ` at ${orderTime(d.respondedAt, o.timezone)}` : ""}
                          {d.endReason ? (
                            <span className="block text-xs text-slate-600">{d.endReason}</span>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Section>

          <Section id="audit-h" title="Audit entries">
            {o.audit.length === 0 ? (
              empty("No staff action on this order.")
            ) : (
              <ol aria-label="Audit entries" className="space-y-2">
                {o.audit.map((x) => (
                  <li key={x.id} className="rounded-lg bg-slate-50 px-3 py-2 text-sm">
                    <p className="flex flex-wrap items-baseline justify-between gap-2">
                      <span className="font-mono font-semibold text-slate-900">{x.action}</span>
                      <time dateTime={x.at.toISOString()} className="text-xs text-slate-600">
                        {orderTime(x.at, o.timezone)}
                      </time>
                    </p>
                    <p className="text-slate-700">
                      by {x.actorName ?? "the system"} as {ROLE[x.actorRole] ?? x.actorRole}
                    </p>
                    {x.after ? (
                      <p className="mt-1 font-mono text-xs break-all text-slate-700">
                        {JSON.stringify(x.after)}
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </Section>
        </div>

        <div className="space-y-4">
          <Section id="items-h" title="Items and totals">
            <ul className="space-y-1 text-sm">
              {o.items.map((it, i) => (
                <li key={i} className="flex justify-between gap-3">
                  <span>
                    <span className="font-medium">{it.quantity}×</span> {it.name}
                    {it.modifiers.length ? (
                      <span className="block text-xs text-slate-600">
                        {it.modifiers.join(", ")}
                      </span>
                    ) : null}
                  </span>
                  <span className="shrink-0 tabular-nums">{money(it.lineTotalCents)}</span>
                </li>
              ))}
            </ul>
            <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm">
              {quote.map(([label, v]) => (
                <div key={label} className="flex justify-between gap-3">
                  <dt className="text-slate-700">{label}</dt>
                  <dd className="tabular-nums">{money(v)}</dd>
                </div>
              ))}
              <div className="flex justify-between gap-3 border-t border-slate-200 pt-2 font-semibold">
                <dt>Total</dt>
                <dd className="tabular-nums">{money(a.totalCents)}</dd>
              </div>
              <div className="flex justify-between gap-3 text-slate-600">
                <dt>Courier earns (before tip)</dt>
                <dd className="tabular-nums">{money(a.courierFeeCents)}</dd>
              </div>
            </dl>
          </Section>

          <Section id="payment-h" title="Payment and refunds">
            {o.payment ? (
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">Provider</dt>
                <dd>{o.payment.provider}</dd>
                <dt className="text-slate-600">Status</dt>
                <dd>{o.payment.status.replaceAll("_", " ")}</dd>
                <dt className="text-slate-600">Authorised</dt>
                <dd className="tabular-nums">{money(o.payment.authorizedCents)}</dd>
                <dt className="text-slate-600">Captured</dt>
                <dd className="tabular-nums">{money(o.payment.capturedCents)}</dd>
                <dt className="text-slate-600">Refunded</dt>
                <dd className="tabular-nums">{money(o.payment.refundedCents)}</dd>
                {o.payment.failureReason ? (
                  <>
                    <dt className="text-slate-600">Failure</dt>
                    <dd>{o.payment.failureReason}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              empty("No payment recorded.")
            )}
            {o.refunds.length ? (
              <ul
                aria-label="Refunds"
                className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm"
              >
                {o.refunds.map((r) => (
                  <li key={r.id}>
                    <span className="font-medium tabular-nums">{money(r.amountCents)}</span>{" "}
                    {r.status} · {r.reason}
                    <span className="block text-xs text-slate-600">
                      {orderTime(r.createdAt, o.timezone)}
                      {r.createdByName ? ` by ${r.createdByName}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>

          <Section
            id="ledger-h"
            title="Ledger"
            aside={
              <p
                className={`text-sm font-semibold ${balanced ? "text-brand-800" : "text-rose-800"}`}
                data-testid="ledger-verdict"
              >
                {balanced
                  ? "Ledger balanced"
                  : `Ledger out of balance by ${money(o.ledger.sumCents)}`}
              </p>
            }
          >
            {o.ledger.entries.length === 0 ? (
              empty("No money has moved yet: the payment is captured on delivery.")
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">
                    Ledger entries for this order: debits positive, credits negative
                  </caption>
                  <thead className="text-xs text-slate-600 uppercase">
                    <tr>
                      <Th className={th}>Account</Th>
                      <Th className={th}>Description</Th>
                      <Th className={`${th} text-right`}>Amount</Th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {o.ledger.entries.map((l) => (
                      <tr key={l.id}>
                        <td className={td}>{ACCOUNT[l.account] ?? l.account}</td>
                        <td className={`${td} text-slate-700`}>{l.description}</td>
                        <td className={`${td} text-right tabular-nums`}>{money(l.amountCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot className="border-t-2 border-slate-300 font-semibold">
                    <tr>
                      <th scope="row" colSpan={2} className={td}>
                        Sum
                      </th>
                      <td className={`${td} text-right tabular-nums`}>
                        {money(o.ledger.sumCents)}
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}
