"use client";
// Special closures (holidays, a private event): the store takes no orders between the two times.
// Times are typed in the tablet's clock, which is the restaurant's.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";

import { fieldError, messageOf } from "../../_components/trpc-errors";
import type { TStore } from "./store-settings";

export function ClosuresEditor({ merchantId, store, onSaved }: { merchantId: string; store: TStore; onSaved: () => unknown }) {
  const trpc = useTRPC();
  const add = useMutation(
    trpc.menu.addClosure.mutationOptions({
      onSuccess: () => {
        setReason("");
        void onSaved();
      },
    }),
  );
  const remove = useMutation(trpc.menu.removeClosure.mutationOptions({ onSettled: () => void onSaved() }));
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const when = (d: Date) =>
    new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: store.timezone }).format(d);

  return (
    <section aria-labelledby="closures-h" className="rounded-2xl bg-white p-4 shadow-sm sm:p-5">
      <h2 id="closures-h" className="text-xl font-semibold">
        Special closures
      </h2>
      {store.closures.length ? (
        <ul className="mt-2 divide-y divide-slate-200">
          {store.closures.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-3 py-2">
              <span className="text-lg">
                {when(c.startsAt)} → {when(c.endsAt)}
              </span>
              {c.reason ? <span className="text-base text-slate-600">{c.reason}</span> : null}
              <button
                type="button"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ merchantId, closureId: c.id })}
                className="ml-auto min-h-12 rounded-lg px-3 text-base font-medium text-rose-800 hover:bg-rose-50"
              >
                Remove<span className="sr-only"> closure from {when(c.startsAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-base text-slate-600">None planned.</p>
      )}
      <form
        noValidate
        className="mt-4 grid gap-4 sm:grid-cols-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (!startsAt || !endsAt) {
            setMissing("Choose when the closure starts and ends.");
            return;
          }
          setMissing(null);
          add.mutate({ merchantId, startsAt: new Date(startsAt), endsAt: new Date(endsAt), reason });
        }}
      >
        <Field label="Closed from" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} error={fieldError(add.error, "startsAt")} />
        <Field label="until" type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} error={fieldError(add.error, "endsAt")} />
        <Field label="Reason (optional)" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="Holiday" />
        <div className="sm:col-span-3">
          {missing ? <p className="mb-2 text-base font-medium text-red-700">{missing}</p> : null}
          {add.error && !fieldError(add.error, "endsAt") && !fieldError(add.error, "startsAt") ? (
            <FormAlert tone="error" title="Closure not added">
              {messageOf(add.error)}
            </FormAlert>
          ) : null}
          <Button type="submit" pending={add.isPending} pendingLabel="Adding…" className="min-h-12 sm:w-auto">
            Add closure
          </Button>
        </div>
      </form>
    </section>
  );
}
