"use client";
// Weekly opening hours: any number of slots per day (lunch and dinner), a slot may run past
// midnight. The server checks overlaps and says which slots clash.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Button, FormAlert } from "@lastmile/ui/form";

import { messageOf } from "../../_components/trpc-errors";
import type { TStore } from "./store-settings";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
type TSlot = { opensAt: string; closesAt: string };

export function HoursEditor({ merchantId, store, onSaved }: { merchantId: string; store: TStore; onSaved: () => unknown }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.menu.setHours.mutationOptions({ onSuccess: () => void onSaved() }));
  const [days, setDays] = useState<TSlot[][]>(() =>
    DAYS.map((_, i) => store.hours.filter((h) => h.weekday === i + 1).map(({ opensAt, closesAt }) => ({ opensAt, closesAt }))),
  );
  const setDay = (i: number, slots: TSlot[]) => setDays((ds) => ds.map((d, k) => (k === i ? slots : d)));
  const input = "min-h-12 rounded-lg border border-slate-300 px-2 text-lg tabular-nums";

  return (
    <section aria-labelledby="hours-h" className="rounded-2xl bg-white p-4 shadow-sm sm:p-5">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="hours-h" className="text-xl font-semibold">
          Opening hours
        </h2>
        <button
          type="button"
          onClick={() => setDays((ds) => ds.map(() => (ds[0] ?? []).map((s) => ({ ...s }))))}
          className="ml-auto min-h-12 rounded-lg px-3 text-base font-medium text-brand-800 hover:bg-brand-50"
        >
          Copy Monday to every day
        </button>
      </div>
      <form
        className="mt-3 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ merchantId, slots: days.flatMap((slots, i) => slots.map((s) => ({ weekday: i + 1, ...s }))) });
        }}
      >
        <ul className="divide-y divide-slate-200">
          {DAYS.map((day, i) => {
            const slots = days[i] ?? [];
            return (
              <li key={day} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-2">
                <span className="w-28 text-lg font-medium">{day}</span>
                {slots.length === 0 ? <span className="text-base text-slate-600">Closed</span> : null}
                {slots.map((s, k) => (
                  <span key={k} className="flex items-center gap-1">
                    <input
                      type="time"
                      aria-label={`${day} opens at (slot ${k + 1})`}
                      value={s.opensAt}
                      required
                      onChange={(e) => setDay(i, slots.map((x, n) => (n === k ? { ...x, opensAt: e.target.value } : x)))}
                      className={input}
                    />
                    <span aria-hidden>–</span>
                    <input
                      type="time"
                      aria-label={`${day} closes at (slot ${k + 1})`}
                      value={s.closesAt}
                      required
                      onChange={(e) => setDay(i, slots.map((x, n) => (n === k ? { ...x, closesAt: e.target.value } : x)))}
                      className={input}
                    />
                    <button
                      type="button"
                      onClick={() => setDay(i, slots.filter((_, n) => n !== k))}
                      className="inline-flex size-12 items-center justify-center rounded-lg text-xl text-rose-800 hover:bg-rose-50"
                    >
                      <span aria-hidden>×</span>
                      <span className="sr-only">
                        Remove {day} {s.opensAt}–{s.closesAt}
                      </span>
                    </button>
                  </span>
                ))}
                <button
                  type="button"
                  onClick={() => setDay(i, [...slots, { opensAt: "12:00", closesAt: "15:00" }])}
                  className="min-h-12 rounded-lg px-3 text-base font-medium text-brand-800 hover:bg-brand-50"
                >
                  + Hours<span className="sr-only"> on {day}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {save.error ? (
          <FormAlert tone="error" title="Hours not saved">
            {messageOf(save.error)}
          </FormAlert>
        ) : save.isSuccess ? (
          <FormAlert tone="success" autoFocus={false}>
            Opening hours saved.
          </FormAlert>
        ) : null}
        <Button type="submit" pending={save.isPending} pendingLabel="Saving…" className="min-h-12 sm:w-auto">
          Save opening hours
        </Button>
      </form>
    </section>
  );
}
