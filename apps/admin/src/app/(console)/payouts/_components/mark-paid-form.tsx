"use client";
// Marks one payout paid with the bank transfer's reference; the page reloads its list after.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

import { useTRPC } from "@lastmile/api/react";

import { fieldError, messageOf } from "../../_components/trpc-errors";

export function MarkPaidForm({ payoutId, payeeName }: { payoutId: string; payeeName: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [reference, setReference] = useState("");
  const mark = useMutation(trpc.admin.markPayoutPaid.mutationOptions({ onSuccess: () => router.refresh() }));
  const error = mark.error ? (fieldError(mark.error, "reference") ?? messageOf(mark.error)) : null;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      aria-label={`Mark the payout to ${payeeName} paid`}
      onSubmit={(e) => {
        e.preventDefault();
        mark.mutate({ payoutId, reference });
      }}
    >
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          Bank transfer reference
        </label>
        <input
          id={id}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          maxLength={100}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-1 block min-h-10 w-64 rounded-lg border border-slate-300 bg-white px-3 text-sm focus-visible:outline-2 focus-visible:outline-brand-700"
        />
        {error ? (
          <p id={`${id}-error`} role="alert" className="mt-1 text-sm font-medium text-rose-800">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={mark.isPending} className="min-h-10 rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-60">
        {mark.isPending ? "Marking…" : "Mark paid"}
      </button>
    </form>
  );
}
