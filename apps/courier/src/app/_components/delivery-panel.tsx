"use client";
// The job in hand, one step at a time: ride to the restaurant, collect and check the items,
// ride to the customer, hand over with their PIN — or tell ops what went wrong. The server
// checks every step (geofences, PIN attempts); its words are shown as they come.
import { useId, useMemo, useState } from "react";

import type { RouterOutputs } from "@lastmile/api";
import { formatClock, formatDistance, formatMoney } from "@lastmile/ui/format";
import type { TLngLat, TMapLine, TMapMarker } from "@lastmile/ui/map";

import { directionsUrl, geoUri, metresBetween, travelModeFor } from "~/lib/geo";

import { Map } from "./map";
import { useRoute } from "./use-route";
import type { TFix } from "./use-device";
import { POOR_ACCURACY_M } from "./use-device";
import { BigButton, Card, Notice } from "./ui";

export type TDelivery = RouterOutputs["courier"]["deliveries"]["active"][number];
type TGeofence = RouterOutputs["courier"]["deliveries"]["geofence"];

export type TStepResult = { queued: boolean; message?: string };

const PROBLEMS_AT = {
  merchant: [
    { id: "order_not_ready", label: "Order not ready after a long wait" },
    { id: "restaurant_closed", label: "Restaurant closed" },
    { id: "other", label: "Something else" },
  ],
  customer: [
    { id: "customer_not_there", label: "Customer not there" },
    { id: "wrong_address", label: "Wrong address" },
    { id: "other", label: "Something else" },
  ],
} as const;

const KITCHEN: Record<string, string> = {
  ACCEPTED: "The kitchen has the order",
  PREPARING: "Being prepared",
  READY_FOR_PICKUP: "Ready for pick-up",
};

export function DeliveryPanel({
  delivery,
  geofence,
  fix,
  streets,
  vehicle,
  mapboxToken,
  queuedArrival,
  queuedPickUp,
  queuedDeliver,
  onArrived,
  onPickUp,
  onDeliver,
  onProblem,
}: {
  delivery: TDelivery;
  geofence: TGeofence;
  fix: TFix | null;
  streets: TMapLine[];
  vehicle: string;
  /** Set: the route follows the streets (Mapbox Directions); unset: a straight line, said so. */
  mapboxToken?: string;
  /** An "Arrived" for the current leg waits in the outbox (made offline). */
  queuedArrival: boolean;
  queuedPickUp: boolean;
  queuedDeliver: boolean;
  onArrived: (place: "pickup" | "dropoff") => Promise<TStepResult>;
  onPickUp: () => Promise<TStepResult>;
  onDeliver: (pin: string) => Promise<TStepResult>;
  onProblem: (problem: string, note: string) => Promise<TStepResult>;
}) {
  const toCustomer = delivery.status === "PICKED_UP" || queuedPickUp;
  const target = toCustomer ? delivery.dropoff : delivery.merchant;
  const targetName = toCustomer
    ? `${delivery.dropoff.customerName}, ${delivery.dropoff.address}`
    : delivery.merchant.name;
  const away = fix ? metresBetween(fix, target) : null;
  const fence = toCustomer ? geofence.dropoffM : geofence.pickupM;

  const markers = useMemo<TMapMarker[]>(
    () => [
      ...(toCustomer
        ? []
        : [
            {
              id: "merchant",
              at: [delivery.merchant.lng, delivery.merchant.lat] as TLngLat,
              label: delivery.merchant.name,
              kind: "merchant" as const,
            },
          ]),
      {
        id: "dropoff",
        at: [delivery.dropoff.lng, delivery.dropoff.lat],
        label: `Drop-off: ${delivery.dropoff.address}`,
        kind: "dropoff",
      },
      ...(fix
        ? [{ id: "me", at: [fix.lng, fix.lat] as TLngLat, label: "You", kind: "courier" as const }]
        : []),
    ],
    [delivery, fix, toCustomer],
  );
  const route = useRoute(fix, target, travelModeFor(vehicle), mapboxToken);
  const lines = useMemo(
    () => [
      ...streets,
      ...(route ? [{ id: "route", kind: "route" as const, path: route.path as TLngLat[] }] : []),
    ],
    [route, streets],
  );
  // Refit when the leg changes, not on every GPS fix (that would fight the courier's panning).
  const located = fix !== null;
  const fitTo = useMemo<TLngLat[]>(
    () => [[target.lng, target.lat], ...(fix ? [[fix.lng, fix.lat] as TLngLat] : [])],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [target.lng, target.lat, located],
  );

  return (
    <Card
      labelledBy="job-title"
      title={`Order #${delivery.number}: ${toCustomer ? "to the customer" : "to the restaurant"}`}
    >
      <ol className="mb-3 grid grid-cols-2 gap-2 text-sm font-semibold" aria-label="Steps">
        <li
          className={`rounded-lg px-3 py-2 ${toCustomer ? "bg-slate-100 text-slate-700" : "bg-brand-700 text-white"}`}
          aria-current={!toCustomer ? "step" : undefined}
        >
          1 · Pick up
        </li>
        <li
          className={`rounded-lg px-3 py-2 ${toCustomer ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-700"}`}
          aria-current={toCustomer ? "step" : undefined}
        >
          2 · Deliver
        </li>
      </ol>
      <p className="text-lg font-bold text-slate-950">
        {toCustomer
          ? `Deliver to ${delivery.dropoff.customerName}`
          : `Go to ${delivery.merchant.name}`}
      </p>
      <p className="text-base text-slate-800">
        {toCustomer ? delivery.dropoff.address : delivery.merchant.address}
      </p>
      {toCustomer && delivery.dropoff.instructions ? (
        <p className="mt-1 rounded-lg bg-amber-50 p-2 text-base text-amber-950">
          “{delivery.dropoff.instructions}”
        </p>
      ) : null}
      {!toCustomer ? (
        <p className="mt-1 text-base text-slate-800">
          {KITCHEN[delivery.status] ?? delivery.status}
          {delivery.status !== "READY_FOR_PICKUP" && delivery.readyBy
            ? `, ready about ${formatClock(new Date(delivery.readyBy), delivery.timezone)}`
            : ""}
        </p>
      ) : null}
      <div className="mt-3">
        <Map
          label={`Map to ${targetName}`}
          center={[target.lng, target.lat]}
          markers={markers}
          lines={lines}
          fitTo={fitTo}
          mapboxToken={mapboxToken}
          className="h-56"
        />
      </div>
      <div className="mt-3 grid grid-cols-[2fr_1fr] gap-2">
        <a
          href={directionsUrl(target, travelModeFor(vehicle))}
          target="_blank"
          rel="noreferrer"
          className="flex min-h-14 items-center justify-center rounded-xl bg-sky-700 px-3 text-center text-lg font-bold text-white focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
        >
          Navigate in Maps
        </a>
        <a
          href={geoUri(target, toCustomer ? "Drop-off" : delivery.merchant.name)}
          className="flex min-h-14 items-center justify-center rounded-xl bg-slate-100 px-2 text-center text-base font-semibold text-slate-900 ring-1 ring-slate-400"
        >
          Other app
        </a>
      </div>
      <p className="mt-2 text-base text-slate-800" data-testid="distance-to-target">
        {away === null
          ? "Waiting for your position…"
          : away <= fence
            ? `You are here (about ${formatDistance(away)} away).`
            : route?.kind === "streets"
              ? `${formatDistance(route.distanceM)} by street${route.durationS !== null ? `, about ${Math.max(1, Math.round(route.durationS / 60))} min` : ""}; you can confirm within ${fence} m.`
              : `${formatDistance(away)} straight-line distance (the line on the map is not the road); you can confirm within ${fence} m.`}
        {fix && fix.accuracyM > POOR_ACCURACY_M ? ` GPS is weak (±${fix.accuracyM} m).` : ""}
      </p>
      {toCustomer ? (
        <>
          <AtTheDoor
            arrivedAt={delivery.arrivedAtDropoffAt}
            timeZone={delivery.timezone}
            queued={queuedArrival}
            onArrived={() => onArrived("dropoff")}
          />
          <HandOver delivery={delivery} queued={queuedDeliver} onDeliver={onDeliver} />
        </>
      ) : (
        <PickUp
          delivery={delivery}
          queued={queuedPickUp}
          queuedArrival={queuedArrival}
          onArrived={() => onArrived("pickup")}
          onPickUp={onPickUp}
        />
      )}
      <ReportProblem at={toCustomer ? "customer" : "merchant"} onProblem={onProblem} />
      <p className="mt-4 text-sm text-slate-700">
        This delivery pays {formatMoney(delivery.feeCents, delivery.currency)}
        {delivery.tipCents > 0 ? ` + ${formatMoney(delivery.tipCents, delivery.currency)} tip` : ""}
        .
      </p>
    </Card>
  );
}

function PickUp({
  delivery,
  queued,
  queuedArrival,
  onArrived,
  onPickUp,
}: {
  delivery: TDelivery;
  queued: boolean;
  queuedArrival: boolean;
  onArrived: () => Promise<TStepResult>;
  onPickUp: () => Promise<TStepResult>;
}) {
  const [checked, setChecked] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const all = delivery.items.length > 0 && delivery.items.every((i) => checked.has(i.id));
  if (queued)
    return (
      <Notice tone="info">
        Pick-up saved on this phone: it will be confirmed when you are back online.
      </Notice>
    );
  // First the server agrees the courier is at the restaurant (its geofence), then the checklist.
  if (!delivery.arrivedAtPickupAt && !queuedArrival)
    return <ArriveButton label="I’m at the restaurant" onArrived={onArrived} className="mt-3" />;
  return (
    <>
      {delivery.arrivedAtPickupAt ? (
        <p className="mt-3 text-base font-semibold text-emerald-800" data-testid="arrived">
          ✓ Arrived at {formatClock(new Date(delivery.arrivedAtPickupAt), delivery.timezone)}: the
          kitchen knows you are here.
        </p>
      ) : (
        <div className="mt-3">
          <Notice tone="info">
            Arrival saved on this phone: the kitchen will be told when you are back online.
          </Notice>
        </div>
      )}
      <fieldset className="mt-3">
        <legend className="text-lg font-bold text-slate-950">
          Check the items before you leave
        </legend>
        <ul className="mt-2 space-y-2">
          {delivery.items.map((i) => (
            <li key={i.id}>
              <label className="flex min-h-14 items-center gap-3 rounded-xl border-2 border-slate-300 p-3 has-checked:border-brand-700 has-checked:bg-brand-50">
                <input
                  type="checkbox"
                  className="size-6 accent-brand-700"
                  checked={checked.has(i.id)}
                  onChange={(e) =>
                    setChecked((s) => {
                      const next = new Set(s);
                      if (e.target.checked) next.add(i.id);
                      else next.delete(i.id);
                      return next;
                    })
                  }
                />
                <span className="text-base text-slate-950">
                  <b className="tabular-nums">{i.quantity} ×</b> {i.name}
                  {i.options.length ? (
                    <span className="block text-sm text-slate-700">{i.options.join(", ")}</span>
                  ) : null}
                  {i.notes ? (
                    <span className="block text-sm text-slate-700">Note: {i.notes}</span>
                  ) : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {error ? (
          <div className="mt-3">
            <Notice tone="error">{error}</Notice>
          </div>
        ) : null}
        <BigButton
          className="mt-3"
          disabled={!all || busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onPickUp();
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy
            ? "Confirming…"
            : all
              ? "Confirm pick-up"
              : `Tick all ${delivery.items.length} items to confirm`}
        </BigButton>
      </fieldset>
    </>
  );
}

/** "Arrived": the server checks the geofence and says how far off the courier is if outside. */
function ArriveButton({
  label,
  onArrived,
  className,
  tone = "primary",
}: {
  label: string;
  onArrived: () => Promise<TStepResult>;
  className?: string;
  tone?: "primary" | "secondary";
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className={className}>
      {error ? (
        <div className="mb-2">
          <Notice tone="error">{error}</Notice>
        </div>
      ) : null}
      <BigButton
        tone={tone}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await onArrived();
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? "Checking where you are…" : label}
      </BigButton>
    </div>
  );
}

/** At the door: telling the customer is optional (the PIN is what hands over). */
function AtTheDoor({
  arrivedAt,
  timeZone,
  queued,
  onArrived,
}: {
  arrivedAt: Date | null;
  /** The order's area's, the clock its times are shown on. */
  timeZone: string;
  queued: boolean;
  onArrived: () => Promise<TStepResult>;
}) {
  if (arrivedAt)
    return (
      <p className="mt-3 text-base font-semibold text-emerald-800" data-testid="arrived">
        ✓ The customer was told you are at the door ({formatClock(new Date(arrivedAt), timeZone)}).
      </p>
    );
  if (queued)
    return (
      <div className="mt-3">
        <Notice tone="info">
          Arrival saved on this phone: the customer will be told when you are back online.
        </Notice>
      </div>
    );
  return (
    <ArriveButton
      label="I’m at the door: tell the customer"
      tone="secondary"
      onArrived={onArrived}
      className="mt-3"
    />
  );
}

function HandOver({
  delivery,
  queued,
  onDeliver,
}: {
  delivery: TDelivery;
  queued: boolean;
  onDeliver: (pin: string) => Promise<TStepResult>;
}) {
  const [pin, setPin] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  if (queued)
    return (
      <Notice tone="info">
        Delivery saved on this phone: the PIN will be checked when you are back online.
      </Notice>
    );
  const none = delivery.pinAttemptsLeft <= 0;
  return (
    <form
      className="mt-3"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await onDeliver(pin);
          setPin("");
        } catch (err) {
          setError(err instanceof Error ? err.message : String(err));
          setPin("");
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor={`${id}-pin`} className="block text-lg font-bold text-slate-950">
        Customer’s 4-digit PIN
      </label>
      <input
        id={`${id}-pin`}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="\d{4}"
        maxLength={4}
        required
        disabled={none}
        value={pin}
        onChange={(e) => setPin(e.target.value.replace(/\D/g, "").slice(0, 4))}
        aria-describedby={`${id}-attempts`}
        className="mt-2 h-16 w-full rounded-xl border-2 border-slate-900 text-center text-4xl font-bold tracking-[0.5em] tabular-nums focus:border-sky-700 focus:outline-3 focus:outline-sky-600"
      />
      <p id={`${id}-attempts`} className="mt-1 text-base text-slate-800">
        {none
          ? "No PIN attempts left: report a problem so ops can help."
          : `${delivery.pinAttemptsLeft} attempt${delivery.pinAttemptsLeft === 1 ? "" : "s"} left`}
      </p>
      {error ? (
        <div className="mt-2">
          <Notice tone="error">{error}</Notice>
        </div>
      ) : null}
      <BigButton type="submit" className="mt-3" disabled={busy || pin.length !== 4 || none}>
        {busy ? "Checking…" : "Confirm delivery"}
      </BigButton>
    </form>
  );
}

function ReportProblem({
  at,
  onProblem,
}: {
  at: "merchant" | "customer";
  onProblem: (problem: string, note: string) => Promise<TStepResult>;
}) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string>(PROBLEMS_AT[at][0].id);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ tone: "success" | "error" | "info"; text: string } | null>(
    null,
  );
  const id = useId();
  return (
    <div className="mt-4 border-t border-slate-200 pt-3">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-form`}
        onClick={() => setOpen((o) => !o)}
        className="min-h-12 w-full rounded-xl text-left text-base font-bold text-red-800 underline underline-offset-4 focus-visible:outline-3 focus-visible:outline-sky-600"
      >
        Report a problem
      </button>
      {open ? (
        <form
          id={`${id}-form`}
          className="mt-2 space-y-2"
          onSubmit={async (e) => {
            e.preventDefault();
            setBusy(true);
            setResult(null);
            try {
              const r = await onProblem(problem, note);
              setResult(
                r.queued
                  ? {
                      tone: "info",
                      text: "Saved on this phone: ops will be told when you are back online.",
                    }
                  : {
                      tone: "success",
                      text: "Ops has been told. Stay where you are: support will contact you.",
                    },
              );
              setNote("");
            } catch (err) {
              setResult({ tone: "error", text: err instanceof Error ? err.message : String(err) });
            } finally {
              setBusy(false);
            }
          }}
        >
          <fieldset>
            <legend className="sr-only">What happened?</legend>
            {PROBLEMS_AT[at].map((p) => (
              <label
                key={p.id}
                className="flex min-h-12 items-center gap-3 text-base text-slate-950"
              >
                <input
                  type="radio"
                  name={`${id}-problem`}
                  value={p.id}
                  checked={problem === p.id}
                  onChange={() => setProblem(p.id)}
                  className="size-5 accent-red-700"
                />
                {p.label}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`${id}-note`} className="block text-base font-semibold text-slate-900">
            Anything ops should know (optional)
          </label>
          <textarea
            id={`${id}-note`}
            value={note}
            maxLength={300}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            className="w-full rounded-xl border-2 border-slate-400 p-2 text-base"
          />
          <BigButton type="submit" tone="danger" disabled={busy}>
            {busy ? "Sending…" : "Send to ops"}
          </BigButton>
        </form>
      ) : null}
      {result ? (
        <div className="mt-2">
          <Notice tone={result.tone}>{result.text}</Notice>
        </div>
      ) : null}
    </div>
  );
}
