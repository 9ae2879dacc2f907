"use client";
// Stripe's Payment Element for checkout, used only when NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is set
// (the page passes it in). Card details go straight from the browser to Stripe. On Pay the form
// is checked (`elements.submit`), checkout.placeOrder with `payment: { kind: "payment_element" }`
// creates the PaymentIntent (manual capture) and answers with its client secret, and `confirm`
// hands it to `stripe.confirmPayment({ redirect: "if_required" })`, which runs the bank's check
// in place when there is one. The order is then placed by the server after it asked Stripe.
// Stripe.js is loaded from js.stripe.com, as Stripe requires for PCI compliance.
import { useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { Ref } from "react";

import { stripeFor } from "./stripe-js";
import type { TElements, TStripeJs } from "./stripe-js";

export type TStripePaymentHandle = {
  /** Checks the card form; a message for the customer when it is incomplete. */
  submit: () => Promise<{ error?: string }>;
  /** Confirms the PaymentIntent the server created with the card in the form. */
  confirm: (clientSecret: string) => Promise<{ error?: string }>;
};

export function StripePayment(props: { publishableKey: string; amountCents: number; currency: string; handle: Ref<TStripePaymentHandle> }) {
  const { publishableKey, amountCents, currency } = props;
  const mountRef = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<{ stripe: TStripeJs; elements: TElements } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let element: { destroy: () => void } | null = null;
    stripeFor(publishableKey)
      .then((stripe) => {
        if (cancelled || !mountRef.current) return;
        // Must match the PaymentIntent the server creates: manual capture, no redirects.
        const elements = stripe.elements({
          mode: "payment",
          amount: amountCents,
          currency: currency.toLowerCase(),
          captureMethod: "manual",
          appearance: { variables: { colorPrimary: "#047857", borderRadius: "8px" } },
        });
        const payment = elements.create("payment", { layout: "tabs" });
        payment.mount(mountRef.current);
        element = payment;
        stripeRef.current = { stripe, elements };
      })
      .catch((error: Error) => setProblem(error.message));
    return () => {
      cancelled = true;
      element?.destroy();
      stripeRef.current = null;
    };
    // The amount follows the quote below, without clearing what the customer typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [publishableKey, currency]);

  useEffect(() => {
    stripeRef.current?.elements.update({ amount: amountCents });
  }, [amountCents]);

  const submit = useCallback(async () => {
    const ready = stripeRef.current;
    if (!ready) return { error: problem ?? "The card form is still loading." };
    const submitted = await ready.elements.submit();
    return submitted.error ? { error: submitted.error.message ?? "Check your card details." } : {};
  }, [problem]);
  const confirm = useCallback(async (clientSecret: string) => {
    const ready = stripeRef.current;
    if (!ready) return { error: "The card form is not ready. Reload the page." };
    const { error } = await ready.stripe.confirmPayment({ elements: ready.elements, clientSecret, redirect: "if_required" });
    return error ? { error: error.message ?? "Your card was declined." } : {};
  }, []);
  useImperativeHandle(props.handle, () => ({ submit, confirm }), [submit, confirm]);

  return (
    <div>
      <div ref={mountRef} />
      {problem ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
