// Stripe.js, loaded from js.stripe.com as Stripe requires (PCI): the one loader and the slice of
// its API the checkout uses (the Payment Element, confirming a PaymentIntent, the bank's challenge).
export type TStripeError = { message?: string; code?: string };
export type TElements = {
  create: (kind: "payment", options?: Record<string, unknown>) => { mount: (el: HTMLElement) => void; destroy: () => void };
  submit: () => Promise<{ error?: TStripeError }>;
  update: (options: Record<string, unknown>) => void;
};
export type TPaymentIntentResult = { paymentIntent?: { id: string; status: string }; error?: TStripeError };
export type TStripeJs = {
  elements: (options: Record<string, unknown>) => TElements;
  createPaymentMethod: (options: { elements: TElements }) => Promise<{ paymentMethod?: { id: string }; error?: TStripeError }>;
  confirmPayment: (options: { elements: TElements; clientSecret: string; redirect: "if_required"; confirmParams?: Record<string, unknown> }) => Promise<TPaymentIntentResult>;
  handleNextAction: (options: { clientSecret: string }) => Promise<TPaymentIntentResult>;
};
declare global {
  // Declaration merging with the DOM's Window needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    Stripe?: (publishableKey: string) => TStripeJs;
  }
}

let loading: Promise<void> | null = null;

export function loadStripeJs() {
  if (window.Stripe) return Promise.resolve();
  loading ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "https://js.stripe.com/v3/";
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => {
      loading = null;
      reject(new Error("The card form could not load. Check your connection and reload the page."));
    };
    document.head.appendChild(script);
  });
  return loading;
}

/** One Stripe.js instance per publishable key, as Stripe recommends. */
const instances = new Map<string, TStripeJs>();
export async function stripeFor(publishableKey: string) {
  await loadStripeJs();
  if (!window.Stripe) throw new Error("The card form could not load. Reload the page.");
  let stripe = instances.get(publishableKey);
  if (!stripe) instances.set(publishableKey, (stripe = window.Stripe(publishableKey)));
  return stripe;
}
