"use client";
// The decisions on a case. A refund request: refund all that is left, refund part of it, or
// decline — each with a reason the customer reads in their email. A courier's problem report:
// note what was done, or cancel the order (the customer's payment is released).
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { formatMoney } from "@lastmile/ui/format";

import { fieldError, messageOf } from "../../_components/trpc-errors";

const input =
  "mt-1 block min-h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-700 aria-invalid:border-rose-600";
const submit =
  "min-h-10 w-full rounded-lg px-4 text-sm font-semibold text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-60";

/** "2,50" or "2.50" in the order's currency, as minor units; null when it is not an amount. */
export function toMinorUnits(text: string): number | null {
  const t = text.trim().replace(",", ".");
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 100);
}

type TChoice = "full" | "partial" | "reject";

export function RefundDecision({
  orderId,
  orderNumber,
  currency,
  refundableCents,
  onDone,
}: {
  orderId: string;
  orderNumber: number;
  currency: string;
  refundableCents: number;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [choice, setChoice] = useState<TChoice>("full");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [amountProblem, setAmountProblem] = useState<string | null>(null);
  const decide = useMutation(trpc.admin.decideRefundRequest.mutationOptions());
  const amountError =
    amountProblem ?? (decide.error ? fieldError(decide.error, "refundCents") : null);
  const otherError =
    decide.error && !fieldError(decide.error, "refundCents") ? messageOf(decide.error) : null;
  const options: [TChoice, string][] = [
    ["full", `Refund all that is left (${formatMoney(refundableCents, currency)})`],
    ["partial", "Refund part of it"],
    ["reject", "Decline the request"],
  ];

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setAmountProblem(null);
        let refundCents: number | undefined;
        if (choice === "partial") {
          const cents = toMinorUnits(amount);
          if (cents === null) return setAmountProblem("Enter the amount to refund, e.g. 4.50.");
          refundCents = cents;
        }
        decide.mutate(
          { orderId, decision: choice === "reject" ? "reject" : "approve", refundCents, reason },
          {
            onSuccess: () =>
              onDone(
                choice === "reject"
                  ? `Order #${orderNumber}: request declined; the customer is told why.`
                  : `Order #${orderNumber}: ${formatMoney(refundCents ?? refundableCents, currency)} refunded; the customer is emailed.`,
              ),
          },
        );
      }}
    >
      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">
          Decide order #{orderNumber}
        </legend>
        <div className="mt-1 space-y-1">
          {options.map(([value, label]) => (
            <label key={value} className="flex min-h-8 items-center gap-2 text-sm text-slate-900">
              <input
                type="radio"
                name={`${id}-choice`}
                value={value}
                checked={choice === value}
                onChange={() => setChoice(value)}
                className="size-4 accent-brand-700"
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {choice === "partial" ? (
        <div>
          <label htmlFor={`${id}-amount`} className="block text-sm font-medium text-slate-700">
            Amount to refund ({currency})
          </label>
          <input
            id={`${id}-amount`}
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            placeholder="e.g. 4.50"
            aria-invalid={amountError ? true : undefined}
            aria-describedby={amountError ? `${id}-amount-error` : `${id}-amount-hint`}
            className={input}
          />
          {amountError ? (
            <p id={`${id}-amount-error`} className="mt-1 text-sm font-medium text-rose-800">
              {amountError}
            </p>
          ) : (
            <p id={`${id}-amount-hint`} className="mt-1 text-sm text-slate-600">
              At most {formatMoney(refundableCents, currency)}.
            </p>
          )}
        </div>
      ) : null}
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-700">
          {choice === "reject"
            ? "Why not (the customer reads this)"
            : "Reason (the customer reads this)"}
        </label>
        <input
          id={`${id}-reason`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={3}
          maxLength={300}
          className={input}
          placeholder={
            choice === "reject"
              ? "e.g. The photo at the door shows the full bag"
              : "e.g. The drink was missing"
          }
        />
      </div>
      {otherError ? (
        <p role="alert" className="text-sm font-medium text-rose-800">
          {otherError}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={decide.isPending}
        className={`${submit} ${choice === "reject" ? "bg-slate-700 hover:bg-slate-800" : "bg-brand-700 hover:bg-brand-800"}`}
      >
        {decide.isPending ? "Saving…" : choice === "reject" ? "Decline request" : "Refund"}
      </button>
    </form>
  );
}

export function ProblemResolution({
  eventId,
  orderNumber,
  onDone,
}: {
  eventId: string;
  orderNumber: number;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [note, setNote] = useState("");
  const resolve = useMutation(trpc.admin.resolveProblemReport.mutationOptions());
  const act = (outcome: "resolved" | "cancel_order") =>
    resolve.mutate(
      { eventId, outcome, note },
      {
        onSuccess: () =>
          onDone(
            outcome === "cancel_order"
              ? `Order #${orderNumber} cancelled; the customer's payment is released.`
              : `Order #${orderNumber}: problem resolved; the courier is told.`,
          ),
      },
    );
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        act("resolved");
      }}
    >
      <div>
        <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-700">
          What support did (the courier reads this)
        </label>
        <input
          id={`${id}-note`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          required
          minLength={3}
          maxLength={300}
          className={input}
          placeholder="e.g. Called the customer; they are coming down"
        />
      </div>
      {resolve.error ? (
        <p role="alert" className="text-sm font-medium text-rose-800">
          {messageOf(resolve.error)}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={resolve.isPending}
        className={`${submit} bg-brand-700 hover:bg-brand-800`}
      >
        Mark resolved
      </button>
      <button
        type="button"
        disabled={resolve.isPending}
        onClick={(e) => {
          if (e.currentTarget.form?.reportValidity()) act("cancel_order");
        }}
        className={`${submit} bg-rose-700 hover:bg-rose-800`}
      >
        Cancel the order
      </button>
    </form>
  );
}
