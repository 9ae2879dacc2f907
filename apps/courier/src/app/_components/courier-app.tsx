"use client";
// The courier's shift screen. It follows the courier's realtime channel (offers, assignments,
// order changes — hints that refetch the truth over tRPC, also after every reconnect), watches
// the GPS while on duty and reports positions every few seconds in batches, keeps the screen on
// during a delivery, and sends every action through the offline-capable outbox.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

import type { RouterOutputs } from "@lastmile/api";
import { useTRPC } from "@lastmile/api/react";
import { courierChannel } from "@lastmile/realtime/channels";
import { realtimeClient, useChannel } from "@lastmile/realtime/react";
import { formatClock, formatMoney } from "@lastmile/ui/format";
import type { TLngLat, TMapLine } from "@lastmile/ui/map";

import type { TQueuedPosition } from "~/lib/outbox";
import { readSnapshot, saveSnapshot } from "~/lib/outbox";

import { DeliveryPanel } from "./delivery-panel";
import type { TDelivery } from "./delivery-panel";
import { DutyCard } from "./duty-card";
import type { TVehicle } from "./duty-card";
import { OfferCard } from "./offer-card";
import { useOfferAlert } from "./use-offer-alert";
import type { TAlerted } from "./use-offer-alert";
import { useGps, useNow, useOnline, useWakeLock } from "./use-device";
import type { TFix } from "./use-device";
import { errorMessage, isUnreachable, useSync } from "./use-sync";
import { Notice } from "./ui";

type TDeliveries = RouterOutputs["courier"]["deliveries"];

/** How often buffered GPS fixes are sent (the server throttles the fan-out on its side). */
const REPORT_EVERY_MS = 4_000;

export function CourierApp({
  courierId,
  mapboxToken,
}: {
  courierId: string;
  mapboxToken?: string;
}) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const now = useNow(1000);
  const online = useOnline();

  const live = useRealtimeUp();
  const me = useQuery(trpc.courier.me.queryOptions());
  const deliveries = useQuery({
    ...trpc.courier.deliveries.queryOptions(),
    refetchInterval: live ? 30_000 : 8_000,
  });
  const onDuty = me.data ? me.data.status !== "offline" : false;
  const offers = useQuery({
    ...trpc.courier.offers.queryOptions(),
    enabled: onDuty,
    // Realtime is a hint: while it is down, ask often enough to see an offer well before it expires.
    refetchInterval: onDuty ? (live ? 20_000 : 4_000) : false,
  });

  // The city's streets give the maps their bearings (drawn offline, no tile server).
  const city = useQuery({
    ...trpc.catalog.cityMap.queryOptions(),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const streets = useMemo<TMapLine[]>(
    () =>
      (city.data?.streets ?? []).map((s) => ({
        id: s.id,
        path: s.coordinates as TLngLat[],
        kind: "street" as const,
      })),
    [city.data],
  );

  const refetchAll = useCallback(
    () => void qc.invalidateQueries({ queryKey: trpc.courier.pathKey() }),
    [qc, trpc],
  );

  // The last known job, kept on the phone: reopened offline, the app still shows where to go.
  const [snapshot, setSnapshot] = useState<TDeliveries | null>(null);
  useEffect(() => {
    if (deliveries.data)
      void saveSnapshot(`deliveries:${courierId}`, deliveries.data).catch(() => undefined);
  }, [deliveries.data, courierId]);
  useEffect(() => {
    void readSnapshot<TDeliveries>(`deliveries:${courierId}`)
      .then((s) => s && setSnapshot(s))
      .catch(() => undefined);
  }, [courierId]);
  const jobs = deliveries.data ?? snapshot;

  const [gone, setGone] = useState<Set<string>>(() => new Set());
  const [offerError, setOfferError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(
    null,
  );

  useChannel(courierChannel(courierId), {
    onEvent: (name, data) => {
      // A withdrawn offer leaves the screen at once, before the refetch confirms it.
      if (name === "offer.withdrawn") {
        const offerId = (data as { offerId?: string }).offerId;
        if (offerId) setGone((g) => new Set(g).add(offerId));
      }
      refetchAll();
    },
    onReconnect: refetchAll,
  });

  const sync = useSync({ courierId, online, onApplied: refetchAll });

  // GPS fixes collect here and leave in batches; nothing is collected off duty.
  const buffer = useRef<TQueuedPosition[]>([]);
  const onFix = useCallback((fix: TFix) => {
    buffer.current.push({
      lng: fix.lng,
      lat: fix.lat,
      recordedAt: new Date(fix.at).toISOString(),
      accuracyM: fix.accuracyM,
      headingDeg: fix.headingDeg,
      speedMps: fix.speedMps,
    });
  }, []);
  const gps = useGps(onDuty, onFix);
  const [positionError, setPositionError] = useState<string | null>(null);
  const { perform } = sync;
  useEffect(() => {
    if (!onDuty) {
      buffer.current = [];
      return;
    }
    const flush = () => {
      const batch = buffer.current.splice(0, 100);
      if (batch.length === 0) return;
      perform({ kind: "positions", positions: batch })
        .then((r) => {
          const refused = !r.queued
            ? ((r.result as { rejected?: { message: string }[] }).rejected ?? [])
            : [];
          setPositionError(
            refused.length ? `Some positions were not kept: ${refused[0]?.message}` : null,
          );
        })
        .catch((e: unknown) => setPositionError(errorMessage(e)));
    };
    const t = setInterval(flush, REPORT_EVERY_MS);
    // Pocketed or switched away: what is buffered goes out (or into the outbox) now, not never.
    const onHide = () => {
      if (document.visibilityState === "hidden") flush();
    };
    document.addEventListener("visibilitychange", onHide);
    return () => {
      clearInterval(t);
      document.removeEventListener("visibilitychange", onHide);
    };
  }, [onDuty, perform]);

  const setDuty = useMutation(trpc.courier.setDuty.mutationOptions({ onSettled: refetchAll }));
  const accept = useMutation(trpc.courier.acceptOffer.mutationOptions());
  const decline = useMutation(trpc.courier.declineOffer.mutationOptions());

  const active = jobs?.active ?? [];
  const wakeLock = useWakeLock(active.length > 0);

  const visibleOffers = (offers.data ?? []).filter(
    (o) => !gone.has(o.offerId) && new Date(o.expiresAt).getTime() > now,
  );
  const offer = onDuty ? visibleOffers[0] : undefined;

  // A new offer on screen chimes and buzzes once (unless muted); the card says how it was announced.
  const offerAlert = useOfferAlert();
  const { announce } = offerAlert;
  const [alerted, setAlerted] = useState<{ offerId: string; how: TAlerted } | null>(null);
  const shownOfferId = offer?.offerId;
  useEffect(() => {
    if (!shownOfferId) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setAlerted((a) =>
      a?.offerId === shownOfferId ? a : { offerId: shownOfferId, how: announce() },
    );
  }, [shownOfferId, announce]);
  const here = () => (gps.fix ? { lng: gps.fix.lng, lat: gps.fix.lat } : null);

  const answer = async (kind: "accept" | "decline") => {
    if (!offer) return;
    setOfferError(null);
    try {
      if (kind === "accept") {
        const r = await accept.mutateAsync({ offerId: offer.offerId });
        setNotice({
          tone: "success",
          text: `Order #${r.orderNumber} is yours. Head to ${offer.pickup.name}.`,
        });
      } else {
        await decline.mutateAsync({ offerId: offer.offerId });
      }
      setGone((g) => new Set(g).add(offer.offerId));
    } catch (e) {
      if (isUnreachable(e))
        return setOfferError(
          "No connection: your answer did not reach us. Try again when you are back online.",
        );
      setGone((g) => new Set(g).add(offer.offerId));
      setNotice({
        tone: "error",
        text: `That offer is no longer yours to take: ${errorMessage(e)}`,
      });
    } finally {
      refetchAll();
    }
  };

  const stepFor = (d: TDelivery) => ({
    onArrived: async (place: "pickup" | "dropoff") => {
      try {
        const r = await perform({
          kind: place === "pickup" ? "arrivedAtPickup" : "arrivedAtDropoff",
          orderId: d.orderId,
          orderNumber: d.number,
          location: here(),
        });
        return { queued: r.queued };
      } finally {
        refetchAll();
      }
    },
    onPickUp: async () => {
      const r = await perform({
        kind: "pickUp",
        orderId: d.orderId,
        orderNumber: d.number,
        location: here(),
      });
      refetchAll();
      if (!r.queued)
        setNotice({
          tone: "success",
          text: `Picked up order #${d.number}. Now to ${d.dropoff.customerName}.`,
        });
      return { queued: r.queued };
    },
    onDeliver: async (pin: string) => {
      try {
        const r = await perform({
          kind: "deliver",
          orderId: d.orderId,
          orderNumber: d.number,
          pin,
          location: here(),
        });
        if (!r.queued)
          setNotice({
            tone: "success",
            text: `Delivered order #${d.number}. You earned ${formatMoney(d.feeCents + d.tipCents, d.currency)} (fee ${formatMoney(d.feeCents, d.currency)} + tip ${formatMoney(d.tipCents, d.currency)}).`,
          });
        return { queued: r.queued };
      } finally {
        // A wrong PIN costs an attempt: show the new count.
        refetchAll();
      }
    },
    onProblem: async (problem: string, note: string) => {
      const r = await perform({
        kind: "reportProblem",
        orderId: d.orderId,
        orderNumber: d.number,
        problem,
        note: note.trim() || undefined,
        location: here(),
      });
      return { queued: r.queued };
    },
  });

  const queuedActions = sync.queue.filter((e) => e.kind !== "positions");
  const queuedPositions = sync.queue.reduce(
    (n, e) => n + (e.kind === "positions" ? e.positions.length : 0),
    0,
  );
  // Cancellations the courier has read stay read across reloads (kept on the phone).
  const [dismissedCancels, setDismissedCancels] = useState<Set<string>>(() => new Set());
  useEffect(() => {
    void readSnapshot<string[]>(`dismissedCancels:${courierId}`)
      .then((ids) => ids && setDismissedCancels(new Set(ids)))
      .catch(() => undefined);
  }, [courierId]);
  const dismissCancels = (ids: string[]) => {
    const next = new Set([...dismissedCancels, ...ids]);
    setDismissedCancels(next);
    void saveSnapshot(`dismissedCancels:${courierId}`, [...next].slice(-50)).catch(() => undefined);
  };
  const cancelled = (jobs?.recentlyCancelled ?? []).filter((d) => !dismissedCancels.has(d.orderId));
  // A refused offline action is shown on the clock of its order's area while the app still lists
  // the order; else on the phone's own, the one the courier read when they did it.
  const conflictZone = (orderNumber: number | null) =>
    [...active, ...(jobs?.recentlyCancelled ?? [])].find((d) => d.number === orderNumber)
      ?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  const status = me.data?.status ?? "offline";
  // Off a delivery the shift card leads (going on duty, GPS trouble); during one, the job does.
  const duty = (
    <DutyCard
      status={status}
      vehicle={(me.data?.vehicle ?? "bicycle") as TVehicle}
      carrying={active.length}
      pending={setDuty.isPending}
      error={setDuty.error ? setDuty.error.message : positionError}
      onDuty={(on, vehicle) => {
        // Going on duty is the gesture that lets the offer chime play later.
        if (on) offerAlert.prime();
        setDuty.mutate({ onDuty: on, vehicle });
      }}
      offerSound={{
        muted: offerAlert.muted,
        onToggle: () => offerAlert.setMuted(!offerAlert.muted),
      }}
      gps={gps}
      lastSentAt={sync.lastSentAt}
      queuedPositions={queuedPositions}
      online={online}
      now={now}
    />
  );

  if (!me.data)
    return (
      <Notice tone="error">
        We could not load your courier profile. Check your connection and reload.
      </Notice>
    );

  return (
    <div className="space-y-4">
      {!online || sync.queue.length > 0 || sync.replaying ? (
        <Notice tone={online ? "info" : "warning"}>
          <span data-testid="sync-status">
            {!online
              ? "Offline. "
              : sync.replaying
                ? "Back online: sending what you did offline… "
                : ""}
            {queuedActions.length > 0
              ? `${queuedActions.length} action${queuedActions.length === 1 ? "" : "s"} waiting to send. `
              : ""}
            {queuedPositions > 0 ? `${queuedPositions} positions saved.` : ""}
          </span>
        </Notice>
      ) : null}
      {sync.conflicts.map((c) => (
        <Notice key={c.localId} tone="error" role="alert">
          <strong className="block">Not applied: {c.what}</strong>
          You did this at {formatClock(new Date(c.clientAt), conflictZone(c.orderNumber))} while
          offline; the server said: {c.message}
          <button
            type="button"
            className="mt-2 block min-h-11 font-bold underline"
            onClick={() => sync.dismissConflict(c.localId)}
          >
            Dismiss
          </button>
        </Notice>
      ))}
      {onDuty && online && !live ? (
        <Notice tone="info">
          Live updates are reconnecting: new offers may take a few seconds longer to appear.
        </Notice>
      ) : null}
      {sync.notes.length > 0 ? (
        <Notice tone="warning">
          <strong className="block">Some positions saved offline were not kept.</strong>
          {sync.notes[sync.notes.length - 1]?.message}
          <button
            type="button"
            className="mt-2 block min-h-11 font-bold underline"
            onClick={sync.dismissNotes}
          >
            Dismiss
          </button>
        </Notice>
      ) : null}
      {cancelled.length > 0 ? (
        <Notice tone="error" role="alert">
          {cancelled.map((d) => (
            <span key={d.orderId} className="mb-1 block">
              <strong>
                Order #{d.number} was cancelled
                {d.cancelledAt ? ` at ${formatClock(new Date(d.cancelledAt), d.timezone)}` : ""}.
              </strong>{" "}
              {d.cancellationReason ? `Reason: ${d.cancellationReason}.` : ""}
            </span>
          ))}
          Do not deliver {cancelled.length === 1 ? "it" : "them"}; support will tell you what to do
          with the food.
          <button
            type="button"
            className="mt-2 block min-h-11 font-bold underline"
            onClick={() => dismissCancels(cancelled.map((d) => d.orderId))}
          >
            Dismiss
          </button>
        </Notice>
      ) : null}
      {notice ? (
        <Notice tone={notice.tone} role={notice.tone === "error" ? "alert" : "status"}>
          {notice.text}
          <button
            type="button"
            className="ml-2 min-h-11 font-bold underline"
            onClick={() => setNotice(null)}
          >
            OK
          </button>
        </Notice>
      ) : null}

      {active.map((d, i) =>
        i === 0 && jobs ? (
          <DeliveryPanel
            key={d.orderId}
            delivery={d}
            geofence={jobs.geofence}
            fix={gps.fix}
            streets={streets}
            vehicle={me.data?.vehicle ?? "bicycle"}
            mapboxToken={mapboxToken}
            queuedArrival={queuedActions.some(
              (e) =>
                (e.kind === "arrivedAtPickup" || e.kind === "arrivedAtDropoff") &&
                e.orderId === d.orderId &&
                (e.kind === "arrivedAtPickup") === (d.status !== "PICKED_UP"),
            )}
            queuedPickUp={queuedActions.some((e) => e.kind === "pickUp" && e.orderId === d.orderId)}
            queuedDeliver={queuedActions.some(
              (e) => e.kind === "deliver" && e.orderId === d.orderId,
            )}
            {...stepFor(d)}
          />
        ) : (
          <p key={d.orderId} className="rounded-xl bg-slate-100 p-3 text-base text-slate-900">
            Next: order #{d.number} from {d.merchant.name} to {d.dropoff.address}.
          </p>
        ),
      )}
      {active.length > 0 && wakeLock ? (
        <p className="text-sm text-slate-700">The screen stays on while you deliver.</p>
      ) : null}
      {active.length === 0 ? duty : null}
      {onDuty && active.length === 0 ? (
        <div className="rounded-2xl border-2 border-dashed border-slate-400 p-5 text-center">
          <p className="text-lg font-bold text-slate-950">Waiting for offers</p>
          <p className="text-base text-slate-700">
            Keep the app open. New offers fill the screen the moment they arrive.
          </p>
        </div>
      ) : null}

      {active.length > 0 ? duty : null}

      {offer ? (
        <OfferCard
          key={offer.offerId}
          offer={offer}
          fix={gps.fix}
          streets={streets}
          now={now}
          busy={accept.isPending ? "accept" : decline.isPending ? "decline" : null}
          error={offerError ?? (online ? null : "You are offline: answers need a connection.")}
          alerted={alerted?.offerId === offer.offerId ? alerted.how : null}
          muted={offerAlert.muted}
          onToggleSound={() => offerAlert.setMuted(!offerAlert.muted)}
          onAccept={() => void answer("accept")}
          onDecline={() => void answer("decline")}
        />
      ) : null}
    </div>
  );
}

/**
 * Whether the realtime connection is up (pusher-js states). Reconnecting counts as down: events
 * sent meanwhile are lost, so the screen polls faster until the socket is back.
 */
function useRealtimeUp() {
  const [up, setUp] = useState(true);
  useEffect(() => {
    let unwatch: (() => void) | undefined;
    let left = false;
    realtimeClient().then(
      (realtime) => {
        if (left) return;
        unwatch = realtime.watchState((state) =>
          setUp(state === "connected" || state === "initialized"),
        );
      },
      () => setUp(false),
    );
    return () => {
      left = true;
      unwatch?.();
    };
  }, []);
  return up;
}
