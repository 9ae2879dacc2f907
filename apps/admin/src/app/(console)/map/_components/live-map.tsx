"use client";
// The live ops map. The first paint and every refetch come from admin.liveMap (the database is the
// truth); between refetches, `courier.location` events on the ops channel of every zone in scope
// move couriers as they ride. Couriers are coloured by state — free, carrying, or stale (greyed,
// with when they were last seen) — orders in flight are pickup → drop-off lines, zones carry their
// current demand. The side panel lists couriers and orders; choosing one shows its details, and an
// order's courier trail can be replayed from the recorded positions.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { parseEvent } from "@lastmile/realtime/events";
import { Badge } from "@lastmile/ui/badge";
import { formatAgo, formatClock } from "@lastmile/ui/format";
import type { TLngLat, TMapLine, TMapMarker, TMapPolygon } from "@lastmile/ui/map";
import { Map } from "@lastmile/ui/map";

import { CourierProblems } from "../../_components/courier-problems";
import { OpsFollower } from "../../_components/ops-follower";

/** A courier not heard from for this long is shown greyed out as stale. */
const STALE_S = 120;
const POLL_MS = 30_000;
const LISBON: TLngLat = [-9.15, 38.73];

const TONE = {
  online: "bg-emerald-600 text-white ring-4 ring-emerald-300/60",
  busy: "bg-sky-700 text-white ring-4 ring-sky-300/60",
  stale: "bg-slate-400 text-white opacity-80",
} as const;

type TSelected = { kind: "courier" | "order"; id: string } | null;
type TLive = { at: TLngLat; seenAt: Date };

export function LiveMap({ zoneIds }: { zoneIds: string[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.admin.liveMap.queryOptions(undefined, { refetchInterval: POLL_MS });
  const data = useQuery(options).data;
  const refresh = useCallback(() => qc.invalidateQueries({ queryKey: options.queryKey }), [qc, options.queryKey]);
  // Positions heard on the channels since the last refetch, newest per courier.
  const [live, setLive] = useState<Record<string, TLive>>({});
  const [liveError, setLiveError] = useState<string | null>(null);
  const [selected, setSelected] = useState<TSelected>(null);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 5000);
    return () => clearInterval(t);
  }, []);

  // A position from a courier the map does not list yet (just came on duty): fetch the map again,
  // at most every 10 s, so a burst of such positions is one refetch.
  const known = useRef(new Set<string>());
  const lastUnknownRefetch = useRef(0);
  useEffect(() => {
    known.current = new Set((data?.couriers ?? []).map((c) => c.id));
  }, [data]);

  const onEvent = useCallback((name: string, payload: unknown) => {
    const parsed = parseEvent(name, payload);
    if (!parsed.ok || name !== "courier.location") return;
    const e = parsed.data as { courierId?: string; lng: number; lat: number; at: string | number };
    if (!e.courierId) return;
    const seenAt = new Date(e.at);
    const id = e.courierId;
    if (!known.current.has(id) && Date.now() - lastUnknownRefetch.current > 10_000) {
      lastUnknownRefetch.current = Date.now();
      void refresh();
    }
    setLive((s) => {
      const before = s[id];
      // Out-of-order points never move a courier backwards.
      if (before && before.seenAt >= seenAt) return s;
      return { ...s, [id]: { at: [e.lng, e.lat], seenAt } };
    });
  }, [refresh]);

  const couriers = useMemo(
    () =>
      (data?.couriers ?? []).map((c) => {
        const l = live[c.id];
        const newer = l && (!c.lastSeenAt || l.seenAt > c.lastSeenAt);
        const seenAt = newer ? l.seenAt : c.lastSeenAt;
        const stale = !seenAt || now.getTime() - seenAt.getTime() > STALE_S * 1000;
        return { ...c, at: newer ? l.at : c.at, lastSeenAt: seenAt, stale };
      }),
    [data, live, now],
  );
  const orders = useMemo(() => data?.orders ?? [], [data]);

  const polygons: TMapPolygon[] = useMemo(() => (data?.zones ?? []).map((z) => ({ id: z.id, rings: z.rings as TLngLat[][], label: z.name, tone: z.active ? "zone" : "muted" })), [data]);
  const lines: TMapLine[] = useMemo(() => orders.map((o) => ({ id: o.id, path: [o.pickup as TLngLat, o.dropoff as TLngLat], kind: "route" })), [orders]);
  const trail = useQuery({ ...trpc.admin.courierTrail.queryOptions({ orderId: selected?.kind === "order" ? selected.id : "" }), enabled: selected?.kind === "order" });
  const [replayAt, setReplayAt] = useState<number | null>(null);
  useEffect(() => {
    if (replayAt === null || !trail.data) return;
    if (replayAt >= trail.data.length - 1) return;
    const t = setTimeout(() => setReplayAt((i) => (i === null ? null : i + 1)), 120);
    return () => clearTimeout(t);
  }, [replayAt, trail.data]);

  const markers: TMapMarker[] = useMemo(() => {
    const m: TMapMarker[] = couriers.map((c) => ({
      id: `c-${c.id}`,
      at: c.at as TLngLat,
      kind: "courier",
      tone: c.stale ? TONE.stale : TONE[c.status],
      label: `${c.name}, ${c.stale ? `stale, last seen ${c.lastSeenAt ? formatAgo(c.lastSeenAt, now) : "never"}` : c.status === "busy" ? "carrying an order" : "free"}`,
    }));
    const o = selected?.kind === "order" ? orders.find((x) => x.id === selected.id) : undefined;
    if (o) {
      m.push({ id: `p-${o.id}`, at: o.pickup as TLngLat, kind: "merchant", label: `Pickup: ${o.merchantName}` });
      m.push({ id: `d-${o.id}`, at: o.dropoff as TLngLat, kind: "dropoff", label: `Drop-off: ${o.dropoffAddress}` });
      const point = replayAt !== null ? trail.data?.[replayAt] : undefined;
      if (point) m.push({ id: `r-${o.id}`, at: point.at as TLngLat, kind: "pin", label: `Courier at ${formatClock(point.recordedAt, o.timezone)}` });
    }
    return m;
  }, [couriers, orders, selected, now, replayAt, trail.data]);

  const trailLine: TMapLine[] = trail.data && trail.data.length > 1 && selected?.kind === "order" ? [{ id: "trail", path: trail.data.map((p) => p.at as TLngLat), kind: "route" }] : [];
  const focus = selected?.kind === "courier" ? couriers.find((c) => c.id === selected.id) : undefined;
  const focusOrder = selected?.kind === "order" ? orders.find((o) => o.id === selected.id) : undefined;
  const fitTo: TLngLat[] | undefined = focus ? [focus.at as TLngLat] : focusOrder ? [focusOrder.pickup as TLngLat, focusOrder.dropoff as TLngLat] : undefined;

  const counts = { free: couriers.filter((c) => !c.stale && c.status === "online").length, busy: couriers.filter((c) => !c.stale && c.status === "busy").length, stale: couriers.filter((c) => c.stale).length };

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
      {zoneIds.map((id) => (
        <OpsFollower key={id} zoneId={id} events={["courier.location", "dispatch.alert"]} onEvent={(name, payload) => (name === "dispatch.alert" ? void refresh() : onEvent(name, payload))} onReconnect={() => void refresh()} onError={setLiveError} />
      ))}
      <div>
        <Map label="Live operations map" center={LISBON} zoom={12} polygons={polygons} lines={selected?.kind === "order" ? [...lines, ...trailLine] : lines} markers={markers} fitTo={fitTo} className="h-[70vh] min-h-96" />
        <p className="mt-2 flex flex-wrap gap-3 text-sm text-slate-700" aria-live="polite">
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="size-3 rounded-full bg-emerald-600" /> {counts.free} free
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="size-3 rounded-full bg-sky-700" /> {counts.busy} carrying
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden className="size-3 rounded-full bg-slate-400" /> {counts.stale} stale
          </span>
          <span>· {orders.length} orders in flight (dashed: pickup → drop-off)</span>
          {liveError ? <span className="text-rose-800">Live updates are off ({liveError}); refreshing every 30 s.</span> : null}
        </p>
      </div>
      <aside aria-label="Details" className="space-y-4">
        <CourierProblems
          zoneIds={zoneIds}
          onSelect={(id) => {
            setReplayAt(null);
            setSelected({ kind: "order", id });
          }}
        />
        {focus ? (
          <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="sel-h">
            <h2 id="sel-h" className="font-semibold text-slate-900">
              {focus.name}
            </h2>
            <p className="text-sm text-slate-700">
              {focus.vehicle} · {focus.stale ? <Badge>stale</Badge> : focus.status === "busy" ? <Badge tone="info">carrying</Badge> : <Badge tone="brand">free</Badge>}
            </p>
            <p className="text-sm text-slate-600">Last seen {focus.lastSeenAt ? formatAgo(focus.lastSeenAt, now) : "never"}</p>
            <ul className="mt-2 text-sm">
              {orders
                .filter((o) => o.courierId === focus.id)
                .map((o) => (
                  <li key={o.id}>
                    <button type="button" className="text-brand-800 underline" onClick={() => setSelected({ kind: "order", id: o.id })}>
                      #{o.number} · {o.merchantName}
                    </button>
                  </li>
                ))}
            </ul>
          </section>
        ) : null}
        {focusOrder ? (
          <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="sel-h">
            <h2 id="sel-h" className="font-semibold text-slate-900">
              Order #{focusOrder.number}
            </h2>
            <p className="text-sm text-slate-700">
              {focusOrder.merchantName} → {focusOrder.dropoffAddress}
            </p>
            <p className="text-sm text-slate-600">
              {focusOrder.status.replaceAll("_", " ").toLowerCase()} · placed {formatClock(focusOrder.placedAt, focusOrder.timezone)} · {focusOrder.courierId ? `with ${couriers.find((c) => c.id === focusOrder.courierId)?.name ?? "a courier"}` : "no courier yet"}
            </p>
            <p className="mt-2 text-sm">
              <Link href={`/orders/${focusOrder.id}`} className="font-medium text-brand-800 underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
                Open order #{focusOrder.number}: timeline, money and audit
              </Link>
            </p>
            <p className="mt-2 text-sm text-slate-600">{trail.isLoading ? "Loading the courier's trail…" : `${trail.data?.length ?? 0} recorded positions on this order.`}</p>
            {trail.data && trail.data.length > 1 ? (
              <button type="button" onClick={() => setReplayAt(0)} className="mt-2 min-h-9 rounded-lg bg-slate-100 px-3 text-sm font-semibold text-slate-900 hover:bg-slate-200">
                {replayAt === null ? "Replay the courier's trail" : `Replaying… ${formatClock(trail.data[Math.min(replayAt, trail.data.length - 1)]?.recordedAt ?? new Date(), focusOrder.timezone)}`}
              </button>
            ) : null}
          </section>
        ) : null}
        <section className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm" aria-labelledby="c-h">
          <h2 id="c-h" className="mb-2 text-sm font-semibold text-slate-800">
            Couriers on duty ({couriers.length})
          </h2>
          <ul className="max-h-64 space-y-1 overflow-y-auto text-sm">
            {couriers.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  aria-pressed={selected?.id === c.id}
                  onClick={() => {
                    setReplayAt(null);
                    setSelected({ kind: "courier", id: c.id });
                  }}
                  className="flex w-full items-center justify-between gap-2 rounded-lg px-2 py-1 text-left hover:bg-slate-100 aria-pressed:bg-brand-50"
                >
                  <span className="flex items-center gap-2">
                    <span aria-hidden className={`size-2.5 rounded-full ${c.stale ? "bg-slate-400" : c.status === "busy" ? "bg-sky-700" : "bg-emerald-600"}`} />
                    {c.name}
                  </span>
                  <span className="text-xs text-slate-600">{c.stale ? `last seen ${c.lastSeenAt ? formatAgo(c.lastSeenAt, now) : "never"}` : c.status === "busy" ? "carrying" : "free"}</span>
                </button>
              </li>
            ))}
            {couriers.length === 0 ? <li className="text-slate-600">Nobody is on duty in your zones.</li> : null}
          </ul>
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm" aria-labelledby="o-h">
          <h2 id="o-h" className="mb-2 text-sm font-semibold text-slate-800">
            Orders in flight ({orders.length})
          </h2>
          <ul className="max-h-64 space-y-1 overflow-y-auto text-sm">
            {orders.map((o) => (
              <li key={o.id}>
                <button
                  type="button"
                  aria-pressed={selected?.id === o.id}
                  onClick={() => {
                    setReplayAt(null);
                    setSelected({ kind: "order", id: o.id });
                  }}
                  className="flex w-full justify-between gap-2 rounded-lg px-2 py-1 text-left hover:bg-slate-100 aria-pressed:bg-brand-50"
                >
                  <span>
                    #{o.number} · {o.merchantName}
                  </span>
                  <span className="text-xs text-slate-600">{o.status.replaceAll("_", " ").toLowerCase()}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm" aria-labelledby="z-h">
          <h2 id="z-h" className="mb-2 text-sm font-semibold text-slate-800">
            Zones now
          </h2>
          <ul className="space-y-1 text-sm">
            {(data?.zones ?? []).map((z) => (
              <li key={z.id} className="flex justify-between gap-2">
                <span>{z.name}</span>
                <span className={`tabular-nums ${z.openOrders > z.couriers ? "font-semibold text-rose-800" : "text-slate-700"}`}>
                  {z.openOrders} orders · {z.couriers} couriers
                </span>
              </li>
            ))}
          </ul>
        </section>
      </aside>
    </div>
  );
}
