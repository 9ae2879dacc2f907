"use client";
// Stripe's Payment Element for checkout, used only when NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY is set
// (the page passes it in). Card details go straight from the browser to Stripe; we get back a
// PaymentMethod id (pm_…) and the server authorises it with manual capture when the order is
// placed (`checkout.place` with `payment: { kind: "stripe", paymentMethodId }`). Stripe.js is
// loaded from js.stripe.com, as Stripe requires for PCI compliance, so no npm package is needed.
import { useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import type { Ref } from "react";

import { loadStripeJs } from "./stripe-js";
import type { TElements, TStripeJs } from "./stripe-js";

export type TStripePaymentHandle = {
  /** Validates the form and returns the PaymentMethod to pay with, or a message for the customer. */
  paymentMethod: () => Promise<{ paymentMethodId: string } | { error: string }>;
};

export function StripePayment(props: { publishableKey: string; amountCents: number; currency: string; handle: Ref<TStripePaymentHandle> }) {
  const { publishableKey, amountCents, currency } = props;
  const mountRef = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<{ stripe: TStripeJs; elements: TElements } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let element: { destroy: () => void } | null = null;
    loadStripeJs()
      .then(() => {
        if (cancelled || !window.Stripe || !mountRef.current) return;
        const stripe = window.Stripe(publishableKey);
        // Must match the PaymentIntent the server creates: manual capture, cards confirmed there.
        const elements = stripe.elements({
          mode: "payment",
          amount: amountCents,
          currency: currency.toLowerCase(),
          captureMethod: "manual",
          paymentMethodCreation: "manual",
          paymentMethodTypes: ["card"],
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
  }, [publishableKey, amountCents, currency]);

  const paymentMethod = useCallback(async () => {
    const ready = stripeRef.current;
    if (!ready) return { error: problem ?? "The card form is still loading." };
    const submitted = await ready.elements.submit();
    if (submitted.error) return { error: submitted.error.message ?? "Check your card details." };
    const { paymentMethod: pm, error } = await ready.stripe.createPaymentMethod({ elements: ready.elements });
    if (error || !pm) return { error: error?.message ?? "Your card could not be used. Try another card." };
    return { paymentMethodId: pm.id };
  }, [problem]);
  useImperativeHandle(props.handle, () => ({ paymentMethod }), [paymentMethod]);

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
