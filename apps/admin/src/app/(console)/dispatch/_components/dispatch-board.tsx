"use client";
// The dispatch board: orders waiting for a courier, flagged and late ones first (or by ready
// time), each with the couriers geo finds nearest to its restaurant — offer the order to one
// (they accept it on their phone) or, when they agreed by phone, assign it outright — plus
// restarting dispatch and cancelling with a refund. The board refetches when any zone in the
// caller's scope raises a dispatch alert, after a reconnect, and on a slow poll. Above it, the
// orders whose courier asked for help (courier.problem events).
import { useCallback, useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Badge } from "@lastmile/ui/badge";
import { formatAgo, formatClock, formatDistance, formatMoney } from "@lastmile/ui/format";

import { CONSOLE_TIMEZONE } from "~/lib/time";

import { CourierProblems } from "../../_components/courier-problems";
import { OpsFollower } from "../../_components/ops-follower";
import { messageOf } from "../../_components/trpc-errors";

const POLL_MS = 20_000;
const btn = "min-h-9 rounded-lg px-3 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-60";

type TSort = "priority" | "ready";

export function DispatchBoard({ zoneIds }: { zoneIds: string[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.admin.waitingOrders.queryOptions(undefined, { refetchInterval: POLL_MS });
  const board = useQuery(options);
  const refresh = useCallback(() => qc.invalidateQueries({ queryKey: options.queryKey }), [qc, options.queryKey]);
  const [sort, setSort] = useState<TSort>("priority");
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const rows = [...(board.data ?? [])];
  if (sort === "ready") rows.sort((a, b) => (a.readyBy?.getTime() ?? Infinity) - (b.readyBy?.getTime() ?? Infinity));

  return (
    <div>
      {zoneIds.map((id) => (
        <OpsFollower key={id} zoneId={id} events={["dispatch.alert"]} onEvent={() => void refresh()} onReconnect={() => void refresh()} />
      ))}
      <div className="mb-4">
        <CourierProblems zoneIds={zoneIds} />
      </div>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite">
          {board.isLoading ? "Loading…" : `${rows.length} order${rows.length === 1 ? "" : "s"} waiting for a courier`}
        </p>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value as TSort)} className="min-h-9 rounded-lg border border-slate-300 bg-white px-2 text-sm">
            <option value="priority">Flagged and late first</option>
            <option value="ready">Ready time</option>
          </select>
        </label>
      </div>
      {notice ? (
        <p role="status" className="mb-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
          {notice}
        </p>
      ) : null}
      {board.error ? (
        <p role="alert" className="mb-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {messageOf(board.error)}
        </p>
      ) : null}
      {rows.length === 0 && !board.isLoading ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">Every order has a courier. Nothing to do.</p>
      ) : (
        <ul className="space-y-2" aria-label="Orders waiting for a courier">
          {rows.map((o) => (
            <li key={o.orderId} className={`rounded-xl border bg-white shadow-sm ${o.flaggedAt ? "border-rose-300" : o.late ? "border-amber-300" : "border-slate-200"}`}>
              <div className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3">
                <div className="min-w-48 flex-1">
                  <p className="font-semibold text-slate-900">
                    <Link href={`/orders/${o.orderId}`} aria-label={`Order #${o.orderNumber}`} className="rounded underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
                      #{o.orderNumber}
                    </Link>{" "}
                    · {o.merchantName}
                  </p>
                  <p className="text-sm text-slate-600">
                    {o.zoneName ?? "No zone"} · to {o.dropoffAddress} · {formatMoney(o.totalCents, o.currency)}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  {o.flaggedAt ? <Badge tone="danger">Flagged {formatAgo(o.flaggedAt)}</Badge> : null}
                  {o.late ? <Badge tone="warn">Late</Badge> : null}
                  <Badge tone="neutral">{o.status.replaceAll("_", " ").toLowerCase()}</Badge>
                  <span className="tabular-nums text-slate-700">{o.readyAt ? `ready since ${formatClock(o.readyAt, o.timezone ?? CONSOLE_TIMEZONE)}` : o.readyBy ? `ready by ${formatClock(o.readyBy, o.timezone ?? CONSOLE_TIMEZONE)}` : "not accepted yet"}</span>
                  <span className="text-slate-500">
                    round {o.round} · {o.openOffers} open offer{o.openOffers === 1 ? "" : "s"}
                  </span>
                </div>
                <button
                  type="button"
                  aria-expanded={open === o.orderId}
                  aria-controls={`order-${o.orderId}`}
                  onClick={() => setOpen(open === o.orderId ? null : o.orderId)}
                  className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}
                >
                  {open === o.orderId ? "Close" : `Handle #${o.orderNumber}`}
                </button>
              </div>
              {o.flagReason || o.lastStep ? <p className="px-3 pb-2 text-sm text-slate-600">{o.flagReason ?? o.lastStep}</p> : null}
              {open === o.orderId ? (
                <div id={`order-${o.orderId}`} className="border-t border-slate-200 p-3">
                  <OrderActions
                    orderId={o.orderId}
                    orderNumber={o.orderNumber}
                    timezone={o.timezone ?? CONSOLE_TIMEZONE}
                    onDone={(message) => {
                      setNotice(message);
                      setOpen(null);
                      void refresh();
                    }}
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function OrderActions({ orderId, orderNumber, timezone, onDone }: { orderId: string; orderNumber: number; timezone: string; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const couriers = useQuery(trpc.admin.suggestCouriers.queryOptions({ orderId }));
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const assign = useMutation(trpc.admin.assignCourier.mutationOptions({ onError: (e) => setError(messageOf(e)) }));
  const offer = useMutation(trpc.admin.offerCourier.mutationOptions({ onError: (e) => setError(messageOf(e)) }));
  const redispatch = useMutation(
    trpc.admin.redispatch.mutationOptions({ onError: (e) => setError(messageOf(e)), onSuccess: (r) => onDone(`Order #${orderNumber}: dispatch ${r.outcome} — ${r.detail}.`) }),
  );
  const cancel = useMutation(
    trpc.admin.cancelOrder.mutationOptions({ onError: (e) => setError(messageOf(e)), onSuccess: () => onDone(`Order #${orderNumber} cancelled; the customer's payment is released.`) }),
  );
  const busy = assign.isPending || offer.isPending || redispatch.isPending || cancel.isPending;
  return (
    <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
      <section aria-labelledby={`near-${orderId}`}>
        <h3 id={`near-${orderId}`} className="mb-2 text-sm font-semibold text-slate-800">
          Nearest available couriers
        </h3>
        {couriers.isLoading ? <p className="text-sm text-slate-600">Finding couriers near the restaurant…</p> : null}
        {couriers.error ? <p className="text-sm text-rose-800">{messageOf(couriers.error)}</p> : null}
        {couriers.data?.length === 0 ? <p className="text-sm text-slate-600">No courier is online with room for another order within 15 km.</p> : null}
        <ul className="divide-y divide-slate-100">
          {couriers.data?.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="text-sm">
                <span className="font-medium text-slate-900">{c.name}</span>
                <span className="text-slate-600">
                  {" "}
                  · {c.vehicle} · {formatDistance(c.distanceM)} away · about {Math.max(1, Math.round(c.etaS / 60))} min · {c.activeOrders}/{c.capacity} orders · seen {formatAgo(c.lastSeenAt)}
                </span>
              </span>
              <span className="flex flex-wrap gap-2">
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => offer.mutate({ orderId, courierId: c.id }, { onSuccess: (r) => onDone(`Order #${orderNumber} offered to ${r.courierName} until ${formatClock(r.expiresAt, timezone)}; it is theirs once they accept.`) })}
                  className={`${btn} bg-brand-700 text-white hover:bg-brand-800`}
                >
                  Offer to {c.name}
                </button>
                <button
                  type="button"
                  disabled={busy}
                  title="For a courier who already agreed, e.g. by phone: no offer, the order is theirs at once"
                  onClick={() => assign.mutate({ orderId, courierId: c.id }, { onSuccess: () => onDone(`Order #${orderNumber} assigned to ${c.name}.`) })}
                  className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}
                >
                  Assign now<span className="sr-only"> to {c.name} without an offer</span>
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby={`other-${orderId}`} className="space-y-3">
        <h3 id={`other-${orderId}`} className="text-sm font-semibold text-slate-800">
          Other actions
        </h3>
        <button type="button" disabled={busy} onClick={() => redispatch.mutate({ orderId })} className={`${btn} w-full bg-slate-100 text-slate-900 hover:bg-slate-200`}>
          Run dispatch again
        </button>
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            cancel.mutate({ orderId, reason });
          }}
        >
          <label className="block text-sm font-medium text-slate-700">
            Reason to cancel
            <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} className="mt-1 block min-h-9 w-full rounded-lg border border-slate-300 px-2 text-sm" placeholder="e.g. No courier for 40 minutes" />
          </label>
          <button type="submit" disabled={busy} className={`${btn} w-full bg-rose-700 text-white hover:bg-rose-800`}>
            Cancel and refund
          </button>
        </form>
        {error ? (
          <p role="alert" className="text-sm text-rose-800">
            {error}
          </p>
        ) : null}
      </section>
    </div>
  );
}
