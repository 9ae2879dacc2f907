"use client";
// The store: whether it takes orders right now (open, busy, paused for a while), how long the
// kitchen usually needs, auto-accept and the delivery radius, the weekly hours and closures.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { RouterOutputs } from "@lastmile/api";
import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";
import { formatClock, formatDistance } from "@lastmile/ui/format";

import { Toggle } from "../../_components/toggle";
import { fieldError, messageOf } from "../../_components/trpc-errors";
import { ClosuresEditor } from "./closures-editor";
import { DeliveryArea } from "./delivery-area";
import { HoursEditor } from "./hours-editor";

export type TStore = RouterOutputs["menu"]["store"];

const PAUSES = [
  { minutes: 15, label: "15 min" },
  { minutes: 30, label: "30 min" },
  { minutes: 60, label: "1 hour" },
  { minutes: 120, label: "2 hours" },
  { minutes: 240, label: "4 hours" },
];

const card = "rounded-2xl bg-white p-4 shadow-sm sm:p-5";
const choice =
  "inline-flex min-h-14 items-center justify-center rounded-xl px-4 text-lg font-semibold ring-2 ring-inset disabled:opacity-60";

export function StoreSettings({ merchantId }: { merchantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.menu.store.queryOptions({ merchantId });
  const { data: store } = useQuery(options);
  const refresh = () => qc.invalidateQueries({ queryKey: options.queryKey });
  const availability = useMutation(trpc.merchant.setAvailability.mutationOptions({ onSettled: refresh }));
  if (!store) return <p className="text-lg">Loading the store…</p>;

  const paused = store.availability === "paused" && store.pausedUntil && store.pausedUntil > new Date();
  const status = paused
    ? `Paused until ${formatClock(store.pausedUntil as Date, store.timezone)} — it reopens by itself`
    : store.availability === "busy"
      ? `Busy: new orders get ${store.busyExtraPrepMin} extra minutes`
      : "Open: taking orders";

  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Store</h1>

      <section id="availability" aria-labelledby="availability-h" className={card}>
        <h2 id="availability-h" className="text-xl font-semibold">
          Right now
        </h2>
        <p role="status" className="mt-1 text-lg text-slate-800">
          {status}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <button
            type="button"
            aria-pressed={store.availability === "open"}
            disabled={availability.isPending}
            onClick={() => availability.mutate({ merchantId, availability: "open" })}
            className={`${choice} ${store.availability === "open" ? "bg-brand-700 text-white ring-brand-700" : "bg-white ring-slate-300"}`}
          >
            {paused ? "Reopen now" : "Open"}
          </button>
          <button
            type="button"
            aria-pressed={store.availability === "busy"}
            disabled={availability.isPending}
            onClick={() => availability.mutate({ merchantId, availability: "busy" })}
            className={`${choice} ${store.availability === "busy" ? "bg-amber-600 text-white ring-amber-600" : "bg-white ring-slate-300"}`}
          >
            Busy (+{store.busyExtraPrepMin} min)
          </button>
        </div>
        <fieldset className="mt-4">
          <legend className="mb-2 text-base font-medium text-slate-800">Pause new orders for</legend>
          <div className="flex flex-wrap gap-2">
            {PAUSES.map((p) => (
              <button
                key={p.minutes}
                type="button"
                disabled={availability.isPending}
                onClick={() => availability.mutate({ merchantId, availability: "paused", minutes: p.minutes })}
                className={`${choice} bg-white ring-slate-300 hover:bg-rose-50`}
              >
                {p.label}
              </button>
            ))}
          </div>
        </fieldset>
        {availability.error ? (
          <div className="mt-3">
            <FormAlert tone="error" title="Not changed">
              {messageOf(availability.error)}
            </FormAlert>
          </div>
        ) : null}
      </section>

      <KitchenSettings merchantId={merchantId} store={store} onSaved={refresh} />
      <DeliveryArea merchantId={merchantId} store={store} onSaved={refresh} />
      <HoursEditor merchantId={merchantId} store={store} onSaved={refresh} />
      <ClosuresEditor merchantId={merchantId} store={store} onSaved={refresh} />
    </div>
  );
}

function KitchenSettings({ merchantId, store, onSaved }: { merchantId: string; store: TStore; onSaved: () => unknown }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.menu.updateStoreSettings.mutationOptions({ onSuccess: () => void onSaved() }));
  const [prep, setPrep] = useState(String(store.defaultPrepTimeMin));
  const [busy, setBusy] = useState(String(store.busyExtraPrepMin));
  const [radius, setRadius] = useState(store.deliveryRadiusM === null ? "" : String(store.deliveryRadiusM));
  const [autoAccept, setAutoAccept] = useState(store.autoAccept);
  const [newOrderEmails, setNewOrderEmails] = useState(store.newOrderEmails);
  const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
  return (
    <section aria-labelledby="kitchen-h" className={card}>
      <h2 id="kitchen-h" className="text-xl font-semibold">
        Kitchen and delivery
      </h2>
      <form
        noValidate
        className="mt-3 space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          // An emptied field keeps its saved value rather than sending "not a number".
          const given = (key: string, v: number) => (Number.isNaN(v) ? {} : { [key]: v });
          save.mutate({
            merchantId,
            autoAccept,
            newOrderEmails,
            ...given("defaultPrepTimeMin", num(prep)),
            ...given("busyExtraPrepMin", num(busy)),
            ...given("deliveryRadiusM", num(radius)),
          });
        }}
      >
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Usual prep time (min)" inputMode="numeric" value={prep} onChange={(e) => setPrep(e.target.value)} error={fieldError(save.error, "defaultPrepTimeMin")} hint="Offered when accepting" />
          <Field label="Extra when busy (min)" inputMode="numeric" value={busy} onChange={(e) => setBusy(e.target.value)} error={fieldError(save.error, "busyExtraPrepMin")} />
          <Field
            label="Delivery radius (m)"
            inputMode="numeric"
            value={radius}
            onChange={(e) => setRadius(e.target.value)}
            error={fieldError(save.error, "deliveryRadiusM")}
            hint={
              store.hasDeliveryArea
                ? "Your drawn delivery area applies; the radius is kept as a fallback."
                : num(radius) >= 100
                  ? `Customers within ${formatDistance(num(radius))} of the restaurant`
                  : "Between 100 m and 30 km"
            }
          />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 px-3 py-1">
          <div>
            <p className="text-base font-medium">Accept new orders automatically</p>
            <p className="text-sm text-slate-600">With the usual prep time; they still ring on the board.</p>
          </div>
          <Toggle checked={autoAccept} onChange={setAutoAccept} label="Auto-accept" />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 px-3 py-1">
          <div>
            <p className="text-base font-medium">Email the owners about each new order</p>
            <p className="text-sm text-slate-600">A copy of the order with a link to the board, besides the ring on the board.</p>
          </div>
          <Toggle checked={newOrderEmails} onChange={setNewOrderEmails} label="New-order emails" />
        </div>
        {save.error && !Object.keys((save.error as { data?: { fieldErrors?: object } }).data?.fieldErrors ?? {}).length ? (
          <FormAlert tone="error" title="Not saved">
            {messageOf(save.error)}
          </FormAlert>
        ) : null}
        {save.isSuccess ? (
          <FormAlert tone="success" autoFocus={false}>
            Saved.
          </FormAlert>
        ) : null}
        <Button type="submit" pending={save.isPending} pendingLabel="Saving…" className="min-h-12 sm:w-auto">
          Save kitchen settings
        </Button>
      </form>
    </section>
  );
}
