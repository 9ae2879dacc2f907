"use client";
// A new offer takes the whole screen: where to pick up and drop off, how far, what it pays, and
// how long is left to answer. It disappears the moment it is withdrawn, taken or expired.
import { useEffect, useMemo, useRef, useState } from "react";

import type { RouterOutputs } from "@lastmile/api";
import { formatDistance, formatMoney } from "@lastmile/ui/format";
import type { TLngLat, TMapLine, TMapMarker } from "@lastmile/ui/map";

import { metresBetween } from "~/lib/geo";

import { Map } from "./map";
import type { TAlerted } from "./use-offer-alert";
import type { TFix } from "./use-device";
import { BigButton, Notice } from "./ui";

type TOffer = RouterOutputs["courier"]["offers"][number];

export function OfferCard({
  offer,
  fix,
  streets,
  now,
  busy,
  error,
  alerted,
  muted,
  onToggleSound,
  onAccept,
  onDecline,
}: {
  offer: TOffer;
  fix: TFix | null;
  streets: TMapLine[];
  now: number;
  busy: "accept" | "decline" | null;
  error: string | null;
  /** How this offer was announced (chime, muted, or silent because the phone was never tapped). */
  alerted: TAlerted | null;
  muted: boolean;
  onToggleSound: () => void;
  onAccept: () => void;
  onDecline: () => void;
}) {
  const accept = useRef<HTMLButtonElement>(null);
  // The bar runs from when the card appeared (the card is keyed by offer, so this is per offer).
  const [firstSeenAt] = useState(() => Date.now());
  useEffect(() => accept.current?.focus(), [offer.offerId]);

  const expiresAt = new Date(offer.expiresAt).getTime();
  const left = Math.max(0, Math.ceil((expiresAt - now) / 1000));
  const total = Math.max(1, Math.ceil((expiresAt - firstSeenAt) / 1000));
  const toPickup = fix ? metresBetween(fix, offer.pickup) : null;
  const ride = metresBetween(offer.pickup, offer.dropoff);

  const markers = useMemo<TMapMarker[]>(
    () => [
      {
        id: "pickup",
        at: [offer.pickup.lng, offer.pickup.lat],
        label: `Pick up at ${offer.pickup.name}`,
        kind: "merchant",
      },
      {
        id: "dropoff",
        at: [offer.dropoff.lng, offer.dropoff.lat],
        label: "Drop-off",
        kind: "dropoff",
      },
      ...(fix
        ? [{ id: "me", at: [fix.lng, fix.lat] as TLngLat, label: "You", kind: "courier" as const }]
        : []),
    ],
    [offer, fix],
  );
  const lines = useMemo(
    () => [
      ...streets,
      {
        id: "route",
        kind: "route" as const,
        path: [
          ...(fix ? [[fix.lng, fix.lat] as TLngLat] : []),
          [offer.pickup.lng, offer.pickup.lat] as TLngLat,
          [offer.dropoff.lng, offer.dropoff.lat] as TLngLat,
        ],
      },
    ],
    [offer, fix, streets],
  );
  const fitTo = useMemo(() => markers.map((m) => m.at), [markers]);

  return (
    <div
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="offer-title"
      aria-describedby="offer-summary"
      className="fixed inset-0 z-50 flex flex-col overflow-y-auto bg-slate-950 p-3 text-white"
      data-alerted={alerted ?? undefined}
    >
      <div className="mx-auto flex w-full max-w-md flex-1 flex-col gap-3">
        <div className="flex items-center justify-between gap-2">
          <h2 id="offer-title" className="text-2xl font-extrabold">
            New delivery offer
          </h2>
          <div className="flex shrink-0 items-center gap-2">
            <SoundToggle muted={muted} onToggle={onToggleSound} compact />
            <p
              className="rounded-full bg-amber-400 px-3 py-1 text-xl font-extrabold whitespace-nowrap tabular-nums text-slate-950"
              aria-label={`${left} seconds left to answer`}
              data-testid="offer-countdown"
            >
              {left} s
            </p>
          </div>
        </div>
        <div className="h-2 overflow-hidden rounded-full bg-slate-700" aria-hidden>
          <div
            className="h-full bg-amber-400 transition-[width] duration-1000 ease-linear"
            style={{ width: `${Math.min(100, (left / total) * 100)}%` }}
          />
        </div>
        <Map
          label={`Offer: ${offer.pickup.name} to the drop-off`}
          center={[offer.pickup.lng, offer.pickup.lat]}
          markers={markers}
          lines={lines}
          fitTo={fitTo}
          className="h-52 sm:h-64"
        />
        <div id="offer-summary" className="rounded-2xl bg-white p-4 text-slate-950">
          <p className="text-sm font-semibold uppercase tracking-wide text-slate-600">You earn</p>
          <p className="text-4xl font-extrabold tabular-nums" data-testid="offer-fee">
            {formatMoney(offer.feeCents, offer.currency)}
          </p>
          <p className="text-sm text-slate-700">plus the whole tip, if the customer adds one</p>
          <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-2 text-base">
            <dt className="font-semibold text-slate-700">Pick up</dt>
            <dd className="font-bold">{offer.pickup.name}</dd>
            <dt className="font-semibold text-slate-700">To the restaurant</dt>
            <dd className="font-bold tabular-nums">
              {toPickup === null ? "—" : formatDistance(toPickup)}
            </dd>
            <dt className="font-semibold text-slate-700">Then to the customer</dt>
            <dd className="font-bold tabular-nums">{formatDistance(ride)}</dd>
            <dt className="font-semibold text-slate-700">Whole trip</dt>
            <dd className="font-bold tabular-nums">{formatDistance(offer.distanceM)}</dd>
          </dl>
        </div>
        {error ? <Notice tone="error">{error}</Notice> : null}
        <div className="mt-auto grid grid-cols-[1fr_2fr] gap-3 pb-2">
          <BigButton tone="quiet" disabled={busy !== null} onClick={onDecline}>
            {busy === "decline" ? "Declining…" : "Decline"}
          </BigButton>
          <BigButton
            ref={accept}
            disabled={busy !== null || left === 0}
            onClick={onAccept}
            className="bg-amber-400! text-slate-950! hover:bg-amber-300!"
          >
            {busy === "accept" ? "Accepting…" : "Accept"}
          </BigButton>
        </div>
      </div>
    </div>
  );
}

/** Offer chime on or off; remembered on this phone. */
export function SoundToggle({
  muted,
  onToggle,
  tone = "dark",
  compact = false,
}: {
  muted: boolean;
  onToggle: () => void;
  tone?: "dark" | "light";
  /** Icon only (the name stays for screen readers): the offer's header is tight at 360 px. */
  compact?: boolean;
}) {
  return (
    <button
      type="button"
      aria-pressed={!muted}
      onClick={onToggle}
      className={`min-h-11 min-w-11 rounded-full px-3 text-base font-bold focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-400 ${
        tone === "dark"
          ? "bg-slate-800 text-white ring-1 ring-slate-500"
          : "bg-white text-slate-900 ring-2 ring-slate-900"
      }`}
    >
      <span className="inline-flex items-center gap-1.5">
        <BellIcon muted={muted} />
        <span className={compact ? "sr-only" : undefined}>Offer sound</span>
      </span>
    </button>
  );
}

/** A bell (struck through when muted): drawn, so it shows on phones without an emoji font. */
function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      className="size-5 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      {muted ? <path d="M3 3l18 18" /> : null}
    </svg>
  );
}
