"use client";
// Accepting (with how long the kitchen needs) and rejecting (with why — the customer and support
// read it). Big radio chips: choosable with a thumb or the keyboard, announced as one group.
import { useId, useState } from "react";

import { Button, FormAlert } from "@lastmile/ui/form";

import { fieldError, messageOf } from "../trpc-errors";

const chip =
  "flex min-h-14 cursor-pointer items-center justify-center rounded-xl border-2 border-slate-300 bg-white px-4 text-lg font-semibold has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:checked]:text-brand-900 has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-brand-500";

export function AcceptForm({
  defaultMinutes,
  busyNote,
  pending,
  error,
  onSubmit,
}: {
  defaultMinutes: number;
  busyNote: string | null;
  pending: boolean;
  error: unknown;
  onSubmit: (prepTimeMin: number) => void;
}) {
  const options = [...new Set([10, 15, 20, 30, 45, 60, defaultMinutes])].sort((a, b) => a - b);
  const [minutes, setMinutes] = useState(defaultMinutes);
  const name = useId();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(minutes);
      }}
      className="space-y-4"
    >
      <fieldset>
        <legend className="mb-2 text-base font-medium text-slate-800">
          Ready in how long?{" "}
          {busyNote ? <span className="text-slate-600">({busyNote})</span> : null}
        </legend>
        <div className="grid grid-cols-4 gap-2">
          {options.map((m) => (
            <label key={m} className={chip}>
              <input
                type="radio"
                name={name}
                value={m}
                checked={minutes === m}
                onChange={() => setMinutes(m)}
                className="sr-only"
              />
              {m} min
            </label>
          ))}
        </div>
      </fieldset>
      {error ? (
        <FormAlert tone="error" title="Not accepted">
          {fieldError(error, "prepTimeMin") ?? messageOf(error)}
        </FormAlert>
      ) : null}
      <Button
        type="submit"
        pending={pending}
        pendingLabel="Accepting…"
        className="min-h-14 text-lg"
      >
        Accept — ready in {minutes} min
      </Button>
    </form>
  );
}

const REASONS = [
  "Too busy right now",
  "An item is sold out",
  "Closing soon",
  "Cannot make this order",
];

export function RejectForm({
  pending,
  error,
  onSubmit,
}: {
  pending: boolean;
  error: unknown;
  onSubmit: (reason: string) => void;
}) {
  const [choice, setChoice] = useState<string | null>(null);
  const [other, setOther] = useState("");
  const [missing, setMissing] = useState(false);
  const name = useId();
  const otherId = useId();
  const reason = choice === "other" ? other.trim() : choice;
  const serverError = fieldError(error, "reason");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!reason) {
          setMissing(true);
          return;
        }
        onSubmit(reason);
      }}
      className="space-y-4"
    >
      <p className="text-base text-slate-700">
        The customer is told at once and not charged. Say why — they and support will read it.
      </p>
      <fieldset aria-describedby={missing ? `${name}-missing` : undefined}>
        <legend className="mb-2 text-base font-medium text-slate-800">Reason</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {[...REASONS, "other"].map((r) => (
            <label key={r} className={`${chip} justify-start text-left`}>
              <input
                type="radio"
                name={name}
                value={r}
                checked={choice === r}
                onChange={() => {
                  setChoice(r);
                  setMissing(false);
                }}
                className="sr-only"
              />
              {r === "other" ? "Another reason…" : r}
            </label>
          ))}
        </div>
      </fieldset>
      {choice === "other" ? (
        <div>
          <label htmlFor={otherId} className="mb-1.5 block text-sm font-medium text-slate-800">
            Your reason
          </label>
          <input
            id={otherId}
            value={other}
            onChange={(e) => setOther(e.target.value)}
            maxLength={300}
            autoFocus
            aria-invalid={serverError ? true : undefined}
            className="block w-full rounded-lg border border-slate-300 px-3 py-3 text-lg"
          />
        </div>
      ) : null}
      {missing ? (
        <p id={`${name}-missing`} className="text-base font-medium text-red-700">
          Choose a reason, or write your own.
        </p>
      ) : null}
      {error ? (
        <FormAlert tone="error" title="Not rejected">
          {serverError ?? messageOf(error)}
        </FormAlert>
      ) : null}
      <button
        type="submit"
        disabled={pending}
        className="inline-flex min-h-14 w-full items-center justify-center rounded-lg bg-rose-700 px-4 text-lg font-semibold text-white hover:bg-rose-800 disabled:opacity-60"
      >
        {pending ? "Rejecting…" : "Reject order"}
      </button>
    </form>
  );
}
