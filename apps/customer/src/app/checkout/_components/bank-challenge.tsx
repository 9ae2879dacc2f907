"use client";
// The customer's bank asks them to confirm the payment (3-D Secure). With the Local provider the
// "bank" is a dialog (Confirm / Cancel) whose answer goes to the Local provider's simulated bank;
// with Stripe, Stripe.js runs the real bank's challenge. Either way the browser only answers the
// bank: the order is then placed by checkout.completeOrder, which asks the provider itself whether
// the payment is authorised, so nothing the page says can place an unpaid order.
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";

import type { RouterOutputs } from "@lastmile/api";
import { useTRPC } from "@lastmile/api/react";
import { Button } from "@lastmile/ui/form";
import { formatMoney } from "@lastmile/ui/format";

export type TChallenge = Extract<RouterOutputs["checkout"]["placeOrder"], { outcome: "requires_action" }>;

type TProps = {
  challenge: TChallenge;
  idempotencyKey: string;
  /** Runs Stripe's side of the challenge in the browser (confirmPayment or handleNextAction). */
  confirmWithStripe?: (clientSecret: string) => Promise<{ error?: string }>;
  onPlaced: (orderId: string) => void;
  onFailed: (message: string) => void;
};

export function BankChallenge(props: TProps) {
  return props.challenge.provider === "local" ? <LocalBankDialog {...props} /> : <StripeChallenge {...props} />;
}

/** Asks the server where the payment stands and reports the outcome. */
function useCompletion({ idempotencyKey, onPlaced, onFailed }: TProps) {
  const trpc = useTRPC();
  const completion = useMutation(
    trpc.checkout.completeOrder.mutationOptions({
      onSuccess: (result) => {
        if (result.outcome === "placed") onPlaced(result.orderId);
        else onFailed("Your bank has not confirmed the payment yet, so nothing was charged. Press Pay to try again.");
      },
      onError: (e) => onFailed(e.message),
    }),
  );
  return () => completion.mutate({ idempotencyKey });
}

function LocalBankDialog(props: TProps) {
  const trpc = useTRPC();
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [answering, setAnswering] = useState<"confirm" | "cancel" | null>(null);
  const complete = useCompletion(props);
  const answer = useMutation(trpc.checkout.answerBankChallenge.mutationOptions({ onSuccess: () => complete(), onError: (e) => props.onFailed(e.message) }));

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // showModal focuses the first button (Cancel); the bank's question leads to Confirm.
    d?.querySelector<HTMLButtonElement>("[data-initial-focus]")?.focus();
    return () => d?.close();
  }, []);

  const respond = (approve: boolean) => {
    if (answering) return;
    setAnswering(approve ? "confirm" : "cancel");
    answer.mutate({ idempotencyKey: props.idempotencyKey, approve });
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-what`}
      // Escape is the same as Cancel: the bank hears "no" and the page hears why.
      onCancel={(e) => {
        e.preventDefault();
        respond(false);
      }}
      className="m-auto w-[min(28rem,calc(100vw-1rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/60"
    >
      <div className="border-b border-slate-200 bg-slate-50 px-5 py-3 text-sm font-semibold tracking-wide text-slate-700 uppercase">Demo bank · secure check</div>
      <div className="space-y-4 p-5">
        <h2 id={`${ids}-title`} className="text-xl font-semibold text-slate-900">
          Your bank asks you to confirm this payment
        </h2>
        <p id={`${ids}-what`} className="text-slate-700">
          Lastmile wants to take <strong className="tabular-nums">{formatMoney(props.challenge.amountCents, props.challenge.currency)}</strong> from your card ending in 3184. Nothing is charged until you confirm.
        </p>
        <div className="flex flex-col-reverse gap-3 sm:flex-row">
          <Button variant="secondary" pending={answering === "cancel"} pendingLabel="Cancelling…" disabled={answering !== null} onClick={() => respond(false)}>
            Cancel
          </Button>
          <Button data-initial-focus pending={answering === "confirm"} pendingLabel="Confirming…" disabled={answering !== null} onClick={() => respond(true)}>
            Confirm
          </Button>
        </div>
      </div>
    </dialog>
  );
}

function StripeChallenge(props: TProps) {
  const complete = useCompletion(props);
  const started = useRef(false);
  const { confirmWithStripe, challenge, onFailed } = props;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!confirmWithStripe) return onFailed("Your bank's check could not be shown on this page. Nothing was charged; reload and try again.");
    // Whatever Stripe.js reports, the server asks Stripe: a failed or cancelled check is voided there.
    void confirmWithStripe(challenge.clientSecret).then(() => complete());
  }, [confirmWithStripe, challenge.clientSecret, complete, onFailed]);
  return (
    <p role="status" className="text-sm text-slate-700">
      Waiting for your bank to confirm the payment…
    </p>
  );
}
