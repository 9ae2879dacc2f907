"use client";
// One order on the board, readable from across the kitchen: the number, who it is for, what to
// cook, the clock that matters for its column, and the one or two actions that move it on.
import { formatClock, formatDistance, formatMoney, formatSlot } from "@lastmile/ui/format";

import type { TBoardOrder } from "./columns";
import { formatCountdown, formatMinutes, STATUS_LABEL, URGENT_S } from "./columns";
import { useServerNow } from "./use-now";

export type TCardAction = "accept" | "reject" | "startPreparing" | "markReady" | "open";

const BIG_BUTTON =
  "inline-flex min-h-14 min-w-0 flex-1 items-center justify-center rounded-xl px-2 text-lg font-semibold transition-colors disabled:opacity-60";

export function OrderCard({
  order,
  clockSkewMs,
  stampedAt,
  timezone,
  fresh,
  busy,
  onAction,
}: {
  order: TBoardOrder;
  /** The server's clock minus this tablet's (see use-now.ts). */
  clockSkewMs: number;
  /** The server's time when it read the board (what the first render shows; see use-now.ts). */
  stampedAt: number;
  timezone: string;
  /** New and not yet looked at: it flashes until someone does. */
  fresh: boolean;
  /** An action on this order is on its way to the server. */
  busy: boolean;
  onAction: (action: TCardAction) => void;
}) {
  // Only a ticket waiting to be accepted counts seconds; the others show minutes and slots.
  const now = useServerNow(
    clockSkewMs,
    stampedAt,
    order.status === "PENDING" && order.acceptBy ? 1000 : 15_000,
  );
  const leftS = order.acceptBy ? (order.acceptBy.getTime() - now) / 1000 : null;
  const urgent = leftS !== null && leftS <= URGENT_S;
  const itemCount = order.items.reduce((s, i) => s + i.quantity, 0);
  const allergens = [...new Set(order.items.flatMap((i) => i.allergens))];
  const hasNotes = Boolean(order.instructions) || order.items.some((i) => i.notes);
  const done = ["DELIVERED", "CANCELLED", "REFUNDED", "DISPUTED"].includes(order.status);

  if (done) {
    return (
      <article
        aria-label={`Order ${order.number}`}
        className="rounded-xl border border-slate-200 bg-white/70 px-3 py-2"
      >
        <button
          type="button"
          onClick={() => onAction("open")}
          className="flex min-h-11 w-full flex-wrap items-baseline gap-x-2 text-left"
        >
          <span className="text-lg font-semibold tabular-nums">#{order.number}</span>
          <span className="truncate text-slate-700">{order.customerFirstName}</span>
          <span
            className={`w-full text-sm font-medium ${order.status === "DELIVERED" ? "text-brand-700" : "text-rose-700"}`}
          >
            {STATUS_LABEL[order.status]}
            {order.finishedAt ? ` ${formatClock(order.finishedAt, timezone)}` : ""}
          </span>
        </button>
        {order.status === "CANCELLED" && order.cancellationReason ? (
          <p className="pb-1 text-sm text-slate-600">{order.cancellationReason}</p>
        ) : null}
      </article>
    );
  }

  return (
    <article
      aria-label={`Order ${order.number}${fresh ? ", new" : ""}${urgent ? ", about to cancel" : ""}`}
      data-fresh={fresh || undefined}
      className={`rounded-2xl border-2 bg-white p-3 shadow-sm ${
        urgent ? "border-rose-600" : fresh ? "border-amber-500" : "border-transparent"
      } ${fresh ? "order-flash" : ""}`}
    >
      <button
        type="button"
        onClick={() => onAction("open")}
        className="block w-full rounded-lg text-left"
        aria-label={`Open order ${order.number} for ${order.customerFirstName}`}
      >
        <div className="flex items-baseline justify-between gap-2">
          <span className="text-2xl font-bold tracking-tight tabular-nums">#{order.number}</span>
          <time
            className="text-base tabular-nums text-slate-600"
            dateTime={order.placedAt.toISOString()}
          >
            {formatClock(order.placedAt, timezone)}
          </time>
        </div>
        <p className="mt-0.5 text-base text-slate-700">
          <span className="font-semibold text-slate-900">{order.customerFirstName}</span> ·{" "}
          {itemCount} {itemCount === 1 ? "item" : "items"} ·{" "}
          {formatMoney(order.subtotalCents, order.currency)}
        </p>
        <ul className="mt-2 space-y-0.5 text-base leading-snug">
          {order.items.slice(0, 4).map((i, n) => (
            <li key={n}>
              <span className="font-semibold tabular-nums">{i.quantity}×</span> {i.name}
              {i.modifiers.length ? (
                <span className="text-slate-600">
                  {" "}
                  ({i.modifiers.map((m) => m.name).join(", ")})
                </span>
              ) : null}
            </li>
          ))}
          {order.items.length > 4 ? (
            <li className="text-slate-600">+ {order.items.length - 4} more lines</li>
          ) : null}
        </ul>
        {allergens.length || hasNotes ? (
          <p className="mt-2 flex flex-wrap gap-1.5 text-sm font-medium">
            {allergens.length ? (
              <span className="rounded-md bg-amber-100 px-2 py-0.5 text-amber-950">
                Allergens: {allergens.join(", ")}
              </span>
            ) : null}
            {hasNotes ? (
              <span className="rounded-md bg-sky-100 px-2 py-0.5 text-sky-950">Has notes</span>
            ) : null}
          </p>
        ) : null}
      </button>

      <StatusLine order={order} now={now} leftS={leftS} urgent={urgent} timezone={timezone} />

      {order.awaitingRelease ? (
        <div className="mt-3 flex">
          <button
            type="button"
            disabled={busy}
            onClick={() => onAction("reject")}
            className={`${BIG_BUTTON} bg-white text-rose-800 ring-2 ring-rose-200 ring-inset hover:bg-rose-50`}
          >
            Reject
          </button>
        </div>
      ) : order.status === "PENDING" ? (
        <div className="mt-3 flex gap-2">
          <button
            type="button"
            disabled={busy}
            onClick={() => onAction("reject")}
            className={`${BIG_BUTTON} bg-white text-rose-800 ring-2 ring-rose-200 ring-inset hover:bg-rose-50`}
          >
            Reject
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => onAction("accept")}
            className={`${BIG_BUTTON} bg-brand-700 text-white hover:bg-brand-900`}
          >
            Accept
          </button>
        </div>
      ) : order.status === "ACCEPTED" ? (
        <div className="mt-3 flex">
          <button
            type="button"
            disabled={busy}
            onClick={() => onAction("startPreparing")}
            className={`${BIG_BUTTON} bg-brand-700 text-white hover:bg-brand-900`}
          >
            Start preparing
          </button>
        </div>
      ) : order.status === "PREPARING" ? (
        <div className="mt-3 flex">
          <button
            type="button"
            disabled={busy}
            onClick={() => onAction("markReady")}
            className={`${BIG_BUTTON} bg-brand-700 text-white hover:bg-brand-900`}
          >
            Mark ready
          </button>
        </div>
      ) : null}
    </article>
  );
}

function StatusLine({
  order,
  now,
  leftS,
  urgent,
  timezone,
}: {
  order: TBoardOrder;
  now: number;
  leftS: number | null;
  urgent: boolean;
  timezone: string;
}) {
  const slot = order.scheduledFor ? (
    <p className="mt-2 rounded-lg bg-sky-100 px-3 py-1.5 text-base font-semibold text-sky-950">
      For {formatSlot(order.scheduledFor, timezone, new Date(now))}
      {order.awaitingRelease && order.releaseAt
        ? ` · comes to the kitchen at ${formatClock(order.releaseAt, timezone)}`
        : ""}
    </p>
  ) : null;
  if (order.awaitingRelease) return slot;
  if (order.status === "PENDING" && leftS !== null) {
    return (
      <>
        {slot}
        <p
          className={`mt-2 rounded-lg px-3 py-1.5 text-base font-semibold ${
            urgent ? "bg-rose-700 text-white" : "bg-amber-100 text-amber-950"
          }`}
        >
          {leftS > 0 ? (
            <>
              {urgent ? "Accept now — cancels" : "Cancels if not accepted"} in{" "}
              <span className="tabular-nums">{formatCountdown(leftS)}</span>
            </>
          ) : (
            "Cancelling: not accepted in time"
          )}
        </p>
      </>
    );
  }
  if (
    (order.status === "ACCEPTED" || order.status === "PREPARING") &&
    order.acceptedAt &&
    order.prepTimeMin
  ) {
    const due = order.acceptedAt.getTime() + order.prepTimeMin * 60_000;
    const late = now > due;
    return (
      <div className="mt-2 space-y-1">
        <p className={`text-base font-medium ${late ? "text-rose-700" : "text-slate-700"}`}>
          {late
            ? `Late by ${formatMinutes((now - due) / 1000)} (due ${formatClock(new Date(due), timezone)})`
            : `Ready by ${formatClock(new Date(due), timezone)} · ${formatMinutes((due - now) / 1000)} left`}
        </p>
        <CourierLine order={order} timezone={timezone} />
      </div>
    );
  }
  if (order.status === "READY_FOR_PICKUP" || order.status === "PICKED_UP") {
    return (
      <div className="mt-2">
        <CourierLine order={order} timezone={timezone} />
      </div>
    );
  }
  return null;
}

function CourierLine({ order, timezone }: { order: TBoardOrder; timezone: string }) {
  const c = order.courier;
  if (!c) {
    return order.status === "READY_FOR_PICKUP" ? (
      <p className="text-base text-slate-600">Finding a courier…</p>
    ) : null;
  }
  // The server's word (the courier pressed "Arrived" inside the geofence) beats the GPS estimate.
  if (c.arrivedAt)
    return (
      <div className="space-y-1 text-base text-slate-800" data-testid="courier-arrived">
        <p>
          <span className="inline-block rounded-md bg-emerald-700 px-2 py-0.5 font-bold whitespace-nowrap text-white">
            Courier is here
          </span>
        </p>
        <p>
          <span className="font-semibold">{c.firstName}</span>{" "}
          <span className="text-slate-600">
            ({c.vehicle.replaceAll("_", " ")}) · since {formatClock(c.arrivedAt, timezone)}
          </span>
        </p>
      </div>
    );
  const where =
    c.distanceM === null
      ? "position unknown"
      : c.heading === "kitchen"
        ? c.distanceM < 60
          ? "at the door"
          : `${formatDistance(c.distanceM)} away${c.etaS !== null ? `, here in ~${formatMinutes(c.etaS)}` : ""}`
        : `${formatDistance(c.distanceM)} from the customer${c.etaS !== null ? `, ~${formatMinutes(c.etaS)}` : ""}`;
  return (
    <p className="text-base text-slate-800">
      <span className="font-semibold">{c.firstName}</span>{" "}
      <span className="text-slate-600">({c.vehicle.replaceAll("_", " ")})</span> · {where}
    </p>
  );
}
