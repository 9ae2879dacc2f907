"use client";
// The live order: status and timeline, the PIN for the hand-over, the map with the restaurant,
// the drop-off and — while the order is with a courier — the courier gliding along. Realtime
// events on private-order-{id} are hints: a status or courier event refetches the order over
// tRPC, a position moves the marker at once, and a reconnect refetches everything that may have
// been missed. A slow poll backs the socket up while the order is still moving.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";

import type { RouterOutputs } from "@lastmile/api";
import { useTRPC } from "@lastmile/api/react";
import { orderChannel } from "@lastmile/realtime/channels";
import { ZCourierLocationEvent } from "@lastmile/realtime/events";
import { useChannel } from "@lastmile/realtime/react";
import { formatClock, formatClockSeconds, formatMoney, formatSlot } from "@lastmile/ui/format";

import { Map } from "~/app/_components/map";

import { AfterDelivery, CancelOrder, Reorder } from "./order-actions";

type TOrder = RouterOutputs["orders"]["get"];
type TStatus = TOrder["status"];

const STEPS: { status: TStatus; label: string; detail: string }[] = [
  { status: "PENDING", label: "Order placed", detail: "Waiting for the restaurant to accept it." },
  { status: "ACCEPTED", label: "Accepted", detail: "The restaurant has your order." },
  { status: "PREPARING", label: "Being prepared", detail: "The kitchen is cooking." },
  { status: "READY_FOR_PICKUP", label: "Ready for pick-up", detail: "Your food is waiting for the courier." },
  { status: "PICKED_UP", label: "On the way", detail: "The courier is bringing it to you." },
  { status: "DELIVERED", label: "Delivered", detail: "Enjoy your meal!" },
];
const ACTIVE: TStatus[] = ["PENDING", "ACCEPTED", "PREPARING", "READY_FOR_PICKUP", "PICKED_UP"];

const HEADLINE: Record<TStatus, string> = {
  PENDING: "Waiting for the restaurant",
  ACCEPTED: "The restaurant accepted your order",
  PREPARING: "Your food is being prepared",
  READY_FOR_PICKUP: "Ready, waiting for the courier",
  PICKED_UP: "Your courier is on the way",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
  DISPUTED: "Problem reported",
};

/** Straight-line metres between two points (the courier's remaining way, before the detour). */
function metres(a: { lng: number; lat: number }, b: { lng: number; lat: number }) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

// The platform's geo defaults: routes are ~1.35× the straight line; couriers ride at ~5 m/s.
const DETOUR = 1.35;
const SPEED_MPS = 5;

type TCityMap = RouterOutputs["catalog"]["cityMap"];
type TMap = RouterOutputs["tracking"]["order"];

export function OrderTracker({ orderId, city, mapboxToken }: { orderId: string; city: TCityMap; mapboxToken?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const orderQuery = useQuery({
    ...trpc.orders.get.queryOptions({ orderId }),
    refetchInterval: (q) => (q.state.data && ACTIVE.includes(q.state.data.status) ? 20_000 : false),
  });
  const mapQuery = useQuery({
    ...trpc.tracking.order.queryOptions({ orderId }),
    refetchInterval: () => (orderQuery.data && ACTIVE.includes(orderQuery.data.status) ? 20_000 : false),
    // A refetch that started before the latest position event must not move the courier back.
    structuralSharing: (prev, next) => {
      const p = prev as TMap | undefined;
      const n = next as TMap;
      const seen = (m: TMap | undefined) => m?.courier?.lastSeenAt?.getTime() ?? 0;
      return p?.courier && n.courier && seen(p) > seen(n) ? { ...n, courier: { ...n.courier, location: p.courier.location, headingDeg: p.courier.headingDeg, lastSeenAt: p.courier.lastSeenAt } } : n;
    },
  });

  const refetchAll = () => {
    void orderQuery.refetch();
    void mapQuery.refetch();
  };
  useChannel(orderChannel(orderId), {
    enabled: orderQuery.data ? ACTIVE.includes(orderQuery.data.status) : true,
    onEvent: (name, data) => {
      if (name !== "courier.location") return refetchAll();
      const p = ZCourierLocationEvent.safeParse(data);
      if (!p.success) return;
      // A position for a courier this page does not know yet: the assignment was missed.
      if (!mapQuery.data?.courier) return refetchAll();
      queryClient.setQueryData(trpc.tracking.order.queryKey({ orderId }), (prev) =>
        prev?.courier ? { ...prev, courier: { ...prev.courier, location: { lng: p.data.lng, lat: p.data.lat }, headingDeg: p.data.heading, lastSeenAt: new Date(p.data.at) } } : prev,
      );
    },
    onReconnect: refetchAll,
  });

  const o = orderQuery.data;
  const m = mapQuery.data;

  const markers = useMemo(() => {
    if (!m) return [];
    return [
      { id: "merchant", at: [m.merchant.location.lng, m.merchant.location.lat] as [number, number], label: `Restaurant: ${m.merchant.name}`, kind: "merchant" as const },
      { id: "dropoff", at: [m.dropoff.location.lng, m.dropoff.location.lat] as [number, number], label: `Delivery address: ${m.dropoff.address}`, kind: "dropoff" as const },
      ...(m.courier?.location
        ? [{ id: "courier", at: [m.courier.location.lng, m.courier.location.lat] as [number, number], label: `Courier ${m.courier.firstName}`, kind: "courier" as const }]
        : []),
    ];
  }, [m]);
  // The city's streets and zones give the map its bearings; the route is a straight hint of the
  // way still to go (from the courier once they have the food, else from the restaurant).
  const polygons = useMemo(() => city.zones.map((z) => ({ id: z.id, rings: z.coordinates, label: z.name, tone: "muted" as const })), [city]);
  const streets = useMemo(() => city.streets.map((s) => ({ id: s.id, path: s.coordinates, kind: "street" as const })), [city]);
  const active = o ? ACTIVE.includes(o.status) : false;
  const lines = useMemo(() => {
    if (!m || !active) return streets;
    const from = o?.status === "PICKED_UP" && m.courier?.location ? m.courier.location : m.merchant.location;
    return [...streets, { id: "route", path: [[from.lng, from.lat], [m.dropoff.location.lng, m.dropoff.location.lat]] as [number, number][], kind: "route" as const }];
  }, [m, o?.status, active, streets]);
  // The restaurant and the drop-off stay in view; the map refits only when they change.
  const fitTo = m
    ? ([
        [m.merchant.location.lng, m.merchant.location.lat],
        [m.dropoff.location.lng, m.dropoff.location.lat],
      ] as [number, number][])
    : undefined;

  if (orderQuery.isError) return <p role="alert" className="text-red-700">{orderQuery.error.message}</p>;
  if (!o) return <p className="text-slate-600">Loading your order…</p>;

  const reached = (s: TStatus) => o.events.some((e) => e.toStatus === s);
  const at = (s: TStatus) => o.events.find((e) => e.toStatus === s)?.at;
  const cancelled = o.events.find((e) => e.toStatus === "CANCELLED");
  // The courier's "Arrived" (accepted by the server inside the geofence), under the step it came in.
  const arrivals = o.events.flatMap((e) => {
    const kind = e.metadata?.kind;
    const label = kind === "courier.arrived_pickup" ? "Courier arrived at the restaurant" : kind === "courier.arrived_dropoff" ? "Courier is at your door" : null;
    return label ? [{ id: e.id, step: e.fromStatus, label, at: e.at }] : [];
  });
  const courierAtRestaurant = ["ACCEPTED", "PREPARING", "READY_FOR_PICKUP"].includes(o.status) && o.events.some((e) => e.metadata?.kind === "courier.arrived_pickup");
  // A scheduled order waits for its slot before the restaurant sees it.
  const slot = o.scheduledFor ? formatSlot(new Date(o.scheduledFor), o.timezone) : null;
  const awaitingRelease = o.status === "PENDING" && o.scheduledFor !== null && o.releasedAt === null;
  const etaMin =
    o.status === "PICKED_UP" && m?.courier?.location
      ? Math.max(1, Math.round((metres(m.courier.location, m.dropoff.location) * DETOUR) / SPEED_MPS / 60))
      : null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-6">
        <header>
          <p className="text-sm text-slate-600">
            Order #{o.number}
            {m ? ` · ${m.merchant.name}` : ""} · placed at {formatClock(new Date(o.placedAt), o.timezone)}
          </p>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900" aria-live="polite" data-testid="order-status">
            {awaitingRelease && slot ? `Scheduled for ${slot}` : courierAtRestaurant ? "Your courier is at the restaurant" : HEADLINE[o.status]}
          </h1>
          {slot && active ? (
            <p className="mt-1 text-slate-700" data-testid="scheduled-for">
              {awaitingRelease
                ? `We send it to the restaurant at ${formatClock(new Date(o.releaseAt ?? o.scheduledFor ?? o.placedAt), o.timezone)}, in time to cook and deliver it.`
                : `Scheduled for ${slot}.`}
            </p>
          ) : null}
          {etaMin !== null ? <p className="mt-1 text-slate-700">Arriving in about {etaMin} min.</p> : null}
          {cancelled ? <p className="mt-1 text-slate-700">{cancelled.reason ? `Reason: ${cancelled.reason}. ` : ""}Your payment was released; nothing was charged.</p> : null}
        </header>

        {ACTIVE.includes(o.status) && o.deliveryPin ? (
          <div className="flex items-center justify-between gap-4 rounded-xl border border-brand-600/30 bg-brand-50 p-4">
            <div>
              <p className="font-semibold text-brand-900">Your delivery PIN</p>
              <p className="text-sm text-brand-900/80">Tell it to the courier when they hand over your food.</p>
            </div>
            <p className="font-mono text-3xl font-bold tracking-[0.3em] text-brand-900" aria-label={`PIN ${o.deliveryPin.split("").join(" ")}`} data-testid="delivery-pin">
              {o.deliveryPin}
            </p>
          </div>
        ) : null}

        {/* The live map is for an order on its way; a finished one is its receipt and timeline,
            and a phone need not start a map engine to show them. */}
        {active ? (
          <>
            <Map
              label="Map of your delivery: the restaurant, your address and, once on the way, your courier"
              center={m ? [m.dropoff.location.lng, m.dropoff.location.lat] : [-9.1393, 38.7139]}
              zoom={14}
              className="h-72 sm:h-96"
              markers={markers}
              lines={lines}
              polygons={polygons}
              fitTo={fitTo}
              mapboxToken={mapboxToken}
            />
            {m?.courier ? (
              <p className="text-sm text-slate-700" aria-live="polite" data-testid="courier-status">
                {m.courier.firstName} is your courier ({m.courier.vehicle}).{" "}
                {m.courier.location ? (m.courier.lastSeenAt ? `Position updated at ${formatClockSeconds(new Date(m.courier.lastSeenAt), o.timezone)}.` : "") : "Waiting for their position…"}
              </p>
            ) : null}
          </>
        ) : null}

        <section aria-labelledby="timeline-h" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="timeline-h" className="mb-3 text-lg font-semibold text-slate-900">
            Progress
          </h2>
          <ol className="space-y-0" aria-label="Order progress">
            {STEPS.map((step, i) => {
              const done = reached(step.status);
              const current = o.status === step.status;
              const time = at(step.status);
              return (
                <li key={step.status} className="relative flex gap-3 pb-4 last:pb-0" aria-current={current ? "step" : undefined}>
                  {i < STEPS.length - 1 ? <span aria-hidden className={`absolute top-6 left-[11px] h-full w-0.5 ${done && reached(STEPS[i + 1]?.status ?? "DELIVERED") ? "bg-brand-600" : "bg-slate-200"}`} /> : null}
                  <span
                    aria-hidden
                    className={`relative z-[1] grid size-6 shrink-0 place-items-center rounded-full text-xs font-bold ${done ? "bg-brand-700 text-white" : "border-2 border-slate-300 bg-white text-slate-400"} ${current && !cancelled ? "ring-4 ring-brand-600/25" : ""}`}
                  >
                    {done ? "✓" : i + 1}
                  </span>
                  <div className="min-w-0">
                    <p className={`font-medium ${done ? "text-slate-900" : "text-slate-500"}`}>
                      {step.label}
                      <span className="sr-only">{done ? ", done" : ", not yet"}</span>
                      {time ? <span className="ml-2 text-sm font-normal text-slate-600">{formatClock(new Date(time), o.timezone)}</span> : null}
                    </p>
                    {current ? <p className="text-sm text-slate-600">{awaitingRelease ? "Scheduled: the restaurant gets it in time for your delivery slot." : step.detail}</p> : null}
                    {arrivals
                      .filter((a) => a.step === step.status)
                      .map((a) => (
                        <p key={a.id} className="text-sm font-medium text-brand-900" data-testid="courier-arrived">
                          {a.label} <span className="font-normal text-slate-600">{formatClock(new Date(a.at), o.timezone)}</span>
                        </p>
                      ))}
                  </div>
                </li>
              );
            })}
          </ol>
          {cancelled ? (
            <p className="mt-3 rounded-lg bg-slate-100 p-3 text-sm text-slate-800">Cancelled at {formatClock(new Date(cancelled.at), o.timezone)}.</p>
          ) : null}
        </section>

        {o.status === "PENDING" ? <CancelOrder orderId={orderId} onDone={refetchAll} /> : null}
        {o.status === "DELIVERED" || o.status === "DISPUTED" ? <AfterDelivery orderId={orderId} status={o.status} reviewed={o.status === "DELIVERED" && o.disputedAt !== null} hasCourier={o.courierId !== null} onDone={refetchAll} /> : null}
      </div>

      <aside aria-labelledby="receipt-h" className="space-y-4 lg:sticky lg:top-24 lg:self-start">
        {!active && m ? <Reorder slug={m.merchant.slug} items={o.items} /> : null}
        <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id="receipt-h" className="mb-3 text-lg font-semibold text-slate-900">
            Receipt
          </h2>
          <ul className="space-y-2 text-sm">
            {o.items.map((it) => (
              <li key={it.id} className="flex justify-between gap-3">
                <span>
                  <span className="font-medium">{it.quantity}×</span> {it.name}
                  {it.modifiers.length ? <span className="block text-xs text-slate-600">{it.modifiers.map((x) => x.name).join(", ")}</span> : null}
                  {it.notes ? <span className="block text-xs text-slate-600 italic">“{it.notes}”</span> : null}
                </span>
                <span className="shrink-0 tabular-nums">{formatMoney(it.lineTotalCents, o.currency)}</span>
              </li>
            ))}
          </ul>
          <dl className="mt-3 space-y-1 border-t border-slate-200 pt-3 text-sm">
            {o.quote.map((line) => (
              <div key={line.code} className="flex justify-between gap-3">
                <dt className="text-slate-700">{line.label}</dt>
                <dd className="tabular-nums">{formatMoney(line.amountCents, o.currency)}</dd>
              </div>
            ))}
            <div className="flex justify-between gap-3 border-t border-slate-200 pt-2 text-base font-semibold">
              <dt>Total</dt>
              <dd className="tabular-nums">{formatMoney(o.totalCents, o.currency)}</dd>
            </div>
          </dl>
          <p className="mt-3 text-sm text-slate-600">
            To {o.dropoffAddress}
            {o.instructions ? ` · “${o.instructions}”` : ""}
          </p>
        </section>
      </aside>
    </div>
  );
}
