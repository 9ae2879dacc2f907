"use client";
// One open case: what was reported and by whom, the order (items, money, payment) and the
// customer's history, with the decision that fits it.
import Link from "next/link";

import type { RouterOutputs } from "@lastmile/api";
import { Badge } from "@lastmile/ui/badge";
import { formatAgo, formatMoney } from "@lastmile/ui/format";

import { formatDateTime } from "~/lib/time";

import { ProblemResolution, RefundDecision } from "./decisions";

export type TSupportCase = RouterOutputs["admin"]["supportQueue"][number];

export function SupportCase({
  item: c,
  onDone,
}: {
  item: TSupportCase;
  onDone: (message: string) => void;
}) {
  const o = c.order;
  const money = (cents: number) => formatMoney(cents, o.currency);
  const lines: [string, number][] = (
    [
      ["Subtotal", o.subtotalCents],
      ["Delivery", o.deliveryFeeCents],
      ["Service", o.serviceFeeCents],
      ["Small order", o.smallOrderFeeCents],
      ["Tax", o.taxCents],
      ["Tip", o.tipCents],
      ["Discount", -o.discountCents],
    ] as [string, number][]
  ).filter(([, v]) => v !== 0);
  const headingId = `case-${c.caseId}`;
  return (
    <li
      aria-labelledby={headingId}
      className={`rounded-xl border bg-white shadow-sm ${c.kind === "refund_request" ? "border-amber-300" : "border-sky-300"}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 p-4">
        <div>
          <h2 id={headingId} className="font-semibold text-slate-900">
            <Badge tone={c.kind === "refund_request" ? "warn" : "info"}>
              {c.kind === "refund_request" ? "Refund request" : "Courier problem"}
            </Badge>{" "}
            <Link
              href={`/orders/${o.id}`}
              className="underline decoration-slate-300 underline-offset-2 hover:decoration-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
            >
              Order #{o.number}
            </Link>{" "}
            · {o.merchantName}
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            {o.zoneName ?? "No zone"} · to {o.dropoffAddress} ·{" "}
            {o.status.replaceAll("_", " ").toLowerCase()}
          </p>
        </div>
        <p className="text-sm text-slate-600">
          Reported <time dateTime={c.reportedAt.toISOString()}>{formatAgo(c.reportedAt)}</time> by{" "}
          {c.reportedBy.name ?? `the ${c.reportedBy.role}`} ({c.reportedBy.role})
        </p>
      </div>
      <div className="grid gap-4 p-4 lg:grid-cols-3">
        <section aria-label="What was reported" className="space-y-2">
          <blockquote className="rounded-lg bg-slate-50 p-3 text-slate-900">
            “{c.report}”
          </blockquote>
          {c.location ? (
            <p className="text-sm text-slate-600">
              Courier stood at {c.location.lat.toFixed(5)}, {c.location.lng.toFixed(5)}
            </p>
          ) : null}
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">Customer</dt>
            <dd className="text-slate-900">
              {c.customer.name ?? "—"} · {c.customer.email}
            </dd>
            <dt className="text-slate-600">History</dt>
            <dd className="text-slate-900">
              {c.customer.orders} order{c.customer.orders === 1 ? "" : "s"} ·{" "}
              {c.customer.earlierReports} earlier report{c.customer.earlierReports === 1 ? "" : "s"}{" "}
              · {c.customer.earlierRefunds} earlier refund
              {c.customer.earlierRefunds === 1 ? "" : "s"}
              {c.customer.earlierRefunds ? ` (${money(c.customer.earlierRefundedCents)})` : ""}
            </dd>
            <dt className="text-slate-600">Placed</dt>
            <dd className="text-slate-900">{formatDateTime(o.placedAt, o.timezone)}</dd>
            {o.deliveredAt ? (
              <>
                <dt className="text-slate-600">Delivered</dt>
                <dd className="text-slate-900">{formatDateTime(o.deliveredAt, o.timezone)}</dd>
              </>
            ) : null}
          </dl>
        </section>
        <section aria-label={`Order #${o.number}: items and money`} className="text-sm">
          <ul className="divide-y divide-slate-100">
            {o.items.map((it, i) => (
              <li key={i} className="flex justify-between gap-2 py-1">
                <span className="text-slate-900">
                  {it.quantity} × {it.name}
                  {it.modifiers.length ? (
                    <span className="text-slate-600"> ({it.modifiers.join(", ")})</span>
                  ) : null}
                  {it.notes ? <span className="block text-slate-600">“{it.notes}”</span> : null}
                </span>
                <span className="tabular-nums text-slate-900">{money(it.lineTotalCents)}</span>
              </li>
            ))}
          </ul>
          <dl className="mt-2 space-y-0.5 border-t border-slate-200 pt-2">
            {lines.map(([label, v]) => (
              <div key={label} className="flex justify-between text-slate-600">
                <dt>{label}</dt>
                <dd className="tabular-nums">{money(v)}</dd>
              </div>
            ))}
            <div className="flex justify-between font-semibold text-slate-900">
              <dt>Total</dt>
              <dd className="tabular-nums">{money(o.totalCents)}</dd>
            </div>
          </dl>
          {c.payment ? (
            <p className="mt-2 text-slate-600">
              Payment {c.payment.status.replaceAll("_", " ")}: {money(c.payment.capturedCents)}{" "}
              captured, {money(c.payment.refundedCents)} refunded
            </p>
          ) : (
            <p className="mt-2 text-slate-600">No payment recorded.</p>
          )}
        </section>
        <section aria-label="Decision">
          {c.kind === "refund_request" ? (
            <RefundDecision
              orderId={o.id}
              orderNumber={o.number}
              currency={o.currency}
              refundableCents={c.payment?.refundableCents ?? 0}
              onDone={onDone}
            />
          ) : (
            <ProblemResolution eventId={c.caseId} orderNumber={o.number} onDone={onDone} />
          )}
        </section>
      </div>
    </li>
  );
}
