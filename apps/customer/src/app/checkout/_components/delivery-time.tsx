"use client";
// When the order should arrive: as soon as possible (while the kitchen is open) or a quarter-hour
// slot over the next two days, as the server offers them for this restaurant and drop-off. A
// closed restaurant starts on its first slot. The server checks the slot again when pricing and
// when placing the order; its refusal (field `scheduledFor`) is shown here.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo } from "react";

import { useTRPC } from "@lastmile/api/react";
import { SelectField } from "@lastmile/ui/form";
import { formatClock } from "@lastmile/ui/format";

type TDropoffInput = { addressId: string } | { lng: number; lat: number; address: string };

/** `undefined` until the options are known, then `null` (as soon as possible) or the chosen slot. */
export type TDeliveryTime = Date | null | undefined;

const dayLabel = (at: Date, timeZone: string, now: Date) => {
  const key = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(d);
  if (key(at) === key(now)) return "Today";
  if (key(at) === key(new Date(now.getTime() + 86_400_000))) return "Tomorrow";
  return new Intl.DateTimeFormat("en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone,
  }).format(at);
};

export function DeliveryTime({
  dropoff,
  enabled,
  value,
  onChange,
  error,
  disabled,
}: {
  dropoff: TDropoffInput;
  enabled: boolean;
  value: TDeliveryTime;
  onChange: (next: Date | null) => void;
  /** The server's refusal of the chosen slot, if any. */
  error?: string | null;
  disabled?: boolean;
}) {
  const trpc = useTRPC();
  const ids = useId();
  const options = useQuery(
    trpc.checkout.scheduleOptions.queryOptions({ dropoff }, { enabled, staleTime: 60_000 }),
  );
  const data = options.data;

  // Once known: a closed kitchen starts on its first slot; an open one on "as soon as possible".
  // Without options (the address is out of reach, say) the quote explains why.
  useEffect(() => {
    if (value !== undefined) return;
    if (data) onChange(data.openNow ? null : (data.slots[0] ?? null));
    else if (options.isError) onChange(null);
  }, [data, options.isError, value, onChange]);

  const groups = useMemo(() => {
    if (!data) return [];
    const now = new Date();
    const byDay = new Map<string, Date[]>();
    for (const s of data.slots) {
      const label = dayLabel(s, data.timezone, now);
      byDay.set(label, [...(byDay.get(label) ?? []), s]);
    }
    return [...byDay.entries()];
  }, [data]);

  if (!enabled || options.isError) return null;
  const scheduled = value instanceof Date;

  return (
    <section
      aria-labelledby={`${ids}-when`}
      className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <fieldset disabled={disabled || !data}>
        <legend id={`${ids}-when`} className="text-lg font-semibold text-slate-900">
          Delivery time
        </legend>
        {!data ? (
          <p className="mt-2 text-sm text-slate-600">Looking up delivery times…</p>
        ) : (
          <div className="mt-3 space-y-3">
            {!data.openNow ? (
              <p className="rounded-lg bg-amber-50 p-3 text-sm font-medium text-amber-900 ring-1 ring-amber-200">
                {data.merchantName} is closed right now. Choose when you would like your order: we
                send it to the kitchen in time.
              </p>
            ) : null}
            <div className="flex flex-wrap gap-2">
              <label
                className={`cursor-pointer rounded-lg px-3 py-2 text-sm font-medium ring-1 ring-slate-300 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:checked]:ring-brand-700 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700 ${data.openNow ? "" : "cursor-not-allowed opacity-60"}`}
              >
                <input
                  type="radio"
                  name={`${ids}-when`}
                  className="sr-only"
                  checked={!scheduled}
                  disabled={!data.openNow}
                  onChange={() => onChange(null)}
                />
                As soon as possible{data.openNow ? ` (about ${data.asapEtaMin} min)` : ""}
              </label>
              <label className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium ring-1 ring-slate-300 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:checked]:ring-brand-700 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700">
                <input
                  type="radio"
                  name={`${ids}-when`}
                  className="sr-only"
                  checked={scheduled}
                  disabled={data.slots.length === 0}
                  onChange={() => onChange(data.slots[0] ?? null)}
                />
                Schedule for later
              </label>
            </div>
            {scheduled ? (
              <SelectField
                label="Deliver at"
                value={value.toISOString()}
                onChange={(e) => onChange(new Date(e.target.value))}
                error={error}
                hint={`Times in ${data.timezone.replace("_", " ")}; the restaurant needs about ${data.asapEtaMin} min to cook and deliver.`}
              >
                {groups.map(([day, slots]) => (
                  <optgroup key={day} label={day}>
                    {slots.map((s) => (
                      <option key={s.toISOString()} value={s.toISOString()}>
                        {day} {formatClock(s, data.timezone)}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </SelectField>
            ) : error ? (
              <p role="alert" className="text-sm font-medium text-red-700">
                {error}
              </p>
            ) : null}
          </div>
        )}
      </fieldset>
    </section>
  );
}
