"use client";
// Checkout in one column: the cart (quantities, notes), where it goes, the tip, the quote with
// every fee itemised, and the card. Each quote gets its own idempotency key, so a double click or
// a retry after a timeout returns the order already placed instead of placing another; a
// declined card leaves nothing behind on the server, so trying again reuses the key safely. When
// the card's bank asks the customer to confirm, BankChallenge takes over until the order is placed
// or the payment is given up (then the next Pay starts a new checkout key).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { useEffect, useId, useMemo, useRef, useState } from "react";

import type { RouterOutputs } from "@lastmile/api";
import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";
import { formatClock, formatMoney, formatSlot } from "@lastmile/ui/format";

import type { TDropoffChoice } from "~/lib/dropoff";

import type { TDeliveryTime } from "./delivery-time";
import { DeliveryTime } from "./delivery-time";
import { BankChallenge } from "./bank-challenge";
import type { TChallenge } from "./bank-challenge";
import { StripePayment } from "./stripe-payment";
import type { TStripePaymentHandle } from "./stripe-payment";

const TIPS = [0, 100, 200, 300] as const;

const TEST_CARDS = [
  { number: "4242 4242 4242 4242", what: "pays" },
  { number: "4000 0000 0000 0002", what: "is declined" },
  { number: "4000 0000 0000 9995", what: "has insufficient funds" },
  { number: "4000 0000 0000 0119", what: "asks you to try again" },
  { number: "4000 0027 6000 3184", what: "asks your bank to confirm" },
];

type TError = { message: string; reason?: string; retry?: boolean; field?: string };
const errorOf = (e: unknown): TError => {
  const data = (e as { data?: { fieldErrors?: Record<string, unknown> | null; details?: { reason?: string; retry?: boolean } | null } }).data;
  const details = data?.details;
  return { message: e instanceof Error ? e.message : "Something went wrong. Please try again.", reason: details?.reason, retry: details?.retry, field: Object.keys(data?.fieldErrors ?? {})[0] };
};

const newKey = () => `co_${crypto.randomUUID().replace(/-/g, "")}`;

function parseExpiry(v: string): { expMonth: number; expYear: number } | null {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(v);
  if (!m) return null;
  const expMonth = Number(m[1]);
  const year = Number(m[2]);
  if (expMonth < 1 || expMonth > 12) return null;
  return { expMonth, expYear: year < 100 ? 2000 + year : year };
}

export function CheckoutForm({ dropoff, dropoffChosen, stripePublishableKey }: { dropoff: TDropoffChoice; dropoffChosen: boolean; stripePublishableKey?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const ids = useId();
  const cart = useQuery(trpc.cart.get.queryOptions());

  // A point from the map or the browser has no street to show the courier: ask for one.
  const [street, setStreet] = useState(dropoff.label.startsWith("Point on the map") || dropoff.label === "My current location" ? "" : dropoff.label);
  const [door, setDoor] = useState("");
  const [instructions, setInstructions] = useState("");
  const [tipCents, setTipCents] = useState<number>(100);
  const [otherTip, setOtherTip] = useState("");
  const [tipChoice, setTipChoice] = useState<string>("100");
  const [card, setCard] = useState({ number: "", expiry: "", cvc: "" });
  const [cardErrors, setCardErrors] = useState<{ number?: string; expiry?: string; cvc?: string }>({});
  const [payError, setPayError] = useState<TError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [challenge, setChallenge] = useState<TChallenge | null>(null);
  const stripeForm = useRef<TStripePaymentHandle>(null);

  const needsStreet = !dropoff.addressId;
  const address = [street.trim(), door.trim()].filter(Boolean).join(", ");
  const dropoffInput = useMemo(
    () => (dropoff.addressId ? { addressId: dropoff.addressId } : { lng: dropoff.lng, lat: dropoff.lat, address }),
    [dropoff, address],
  );
  const [scheduledFor, setScheduledFor] = useState<TDeliveryTime>(undefined);
  const streetOk = !needsStreet || street.trim().length >= 3;
  // The quote waits for the delivery time: a closed kitchen is priced only for a slot.
  const canQuote = streetOk && scheduledFor !== undefined;

  // The quote follows the cart, the address and the tip; each new quote starts a new checkout
  // attempt with its own idempotency key.
  // The last total stays on screen while a new one is worked out.
  const [lastQuote, setLastQuote] = useState<RouterOutputs["checkout"]["quote"] | undefined>(undefined);
  const quote = useMutation(trpc.checkout.quote.mutationOptions({ onSuccess: (data) => setLastQuote(data) }));
  const [key, setKey] = useState(newKey);
  const quoteInput = JSON.stringify({ dropoffInput, tipCents, fp: cart.data?.fingerprint, scheduledFor });
  const when = scheduledFor ?? undefined;
  useEffect(() => {
    if (!canQuote || !cart.data || cart.data.lines.length === 0) return;
    const t = setTimeout(() => {
      quote.mutate({ dropoff: dropoffInput, tipCents, scheduledFor: when }, { onSuccess: () => setKey(newKey()) });
    }, 300);
    return () => clearTimeout(t);
    // quoteInput stands for everything the quote depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [quoteInput, canQuote]);

  const requote = (message: string) => {
    setNotice(message);
    quote.mutate({ dropoff: dropoffInput, tipCents, scheduledFor: when }, { onSuccess: () => setKey(newKey()) });
  };

  const updateLine = useMutation(
    trpc.cart.updateLine.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.cart.get.queryKey(), next);
        if (next.lines.length === 0) router.refresh();
      },
    }),
  );

  const place = useMutation(
    trpc.checkout.placeOrder.mutationOptions({
      onSuccess: (result) => {
        if (result.outcome === "placed") router.push(`/orders/${result.orderId}`);
        else setChallenge(result);
      },
      onError: (e) => {
        const err = errorOf(e);
        if (err.reason === "quote_expired") return requote("Prices are held for 5 minutes and yours had expired. Here is the updated total: check it and pay again.");
        if (err.reason === "cart_changed") {
          void cart.refetch();
          return requote("Your cart or its prices changed. Here is the updated total: check it and pay again.");
        }
        // A slot that closed meanwhile is shown at the time picker, not as a card problem.
        if (err.field !== "scheduledFor") setPayError(err);
      },
    }),
  );

  async function payWithStripe() {
    setPayError(null);
    setNotice(null);
    if (!quote.data) return;
    const checked = (await stripeForm.current?.submit()) ?? { error: "The card form is still loading." };
    if (checked.error) return setPayError({ message: checked.error, reason: "not_confirmed" });
    place.mutate({ quoteId: quote.data.quoteId, idempotencyKey: key, instructions: instructions.trim() || undefined, payment: { kind: "payment_element" } });
  }

  function pay() {
    if (stripePublishableKey) return void payWithStripe();
    setPayError(null);
    setNotice(null);
    const digits = card.number.replace(/\s/g, "");
    const expiry = parseExpiry(card.expiry);
    const errors = {
      number: /^\d{12,19}$/.test(digits) ? undefined : "Enter the 16 digits on the front of the card.",
      expiry: expiry ? undefined : "Enter the expiry as MM/YY.",
      cvc: /^\d{3,4}$/.test(card.cvc.trim()) ? undefined : "Enter the 3 digits on the back of the card.",
    };
    setCardErrors(errors);
    if (errors.number || errors.expiry || errors.cvc || !expiry || !quote.data) return;
    place.mutate({
      quoteId: quote.data.quoteId,
      idempotencyKey: key,
      instructions: instructions.trim() || undefined,
      scheduledFor: when,
      payment: { kind: "card", number: digits, expMonth: expiry.expMonth, expYear: expiry.expYear, cvc: card.cvc.trim() },
    });
  }

  if (cart.isPending) return <p className="text-slate-600">Loading your cart…</p>;
  if (cart.isError) return <FormAlert tone="error">{cart.error.message}</FormAlert>;
  const c = cart.data;
  const q = quote.data ?? (quote.isPending ? lastQuote : undefined);
  const quoteErr = quote.isError ? errorOf(quote.error) : null;
  // A refused slot is shown at the time picker; anything else where the total would be.
  const placeErr = place.isError ? errorOf(place.error) : null;
  const slotError = quoteErr?.field === "scheduledFor" ? quoteErr.message : placeErr?.field === "scheduledFor" ? placeErr.message : null;
  const quoteError = quoteErr && quoteErr.field !== "scheduledFor" ? quoteErr.message : null;
  const busy = place.isPending || (place.isSuccess && !challenge && place.data.outcome === "placed") || challenge !== null;

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-6">
        <section aria-labelledby={`${ids}-items`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id={`${ids}-items`} className="mb-3 text-lg font-semibold text-slate-900">
            Your order
          </h2>
          <ul className="divide-y divide-slate-100">
            {c.lines.map((l) => (
              <li key={l.lineId} className="py-3">
                <div className="flex items-start justify-between gap-3">
                  <div>
                    <p className="font-medium text-slate-900">{l.name}</p>
                    {l.modifiers.length ? <p className="text-sm text-slate-600">{l.modifiers.map((m) => m.name).join(", ")}</p> : null}
                    {l.notes ? <p className="text-sm text-slate-600 italic">“{l.notes}”</p> : null}
                  </div>
                  <p className="shrink-0 font-medium">{formatMoney(l.lineTotalCents)}</p>
                </div>
                <div className="mt-2 flex items-center gap-3">
                  <div className="flex items-center rounded-lg ring-1 ring-slate-300" role="group" aria-label={`Quantity of ${l.name}`}>
                    <button
                      type="button"
                      className="px-3 py-1.5 disabled:text-slate-300"
                      disabled={updateLine.isPending || busy}
                      onClick={() => updateLine.mutate({ lineId: l.lineId, quantity: l.quantity - 1 })}
                      aria-label={l.quantity === 1 ? `Remove ${l.name}` : `One fewer ${l.name}`}
                    >
                      −
                    </button>
                    <span className="w-8 text-center font-semibold">{l.quantity}</span>
                    <button
                      type="button"
                      className="px-3 py-1.5 disabled:text-slate-300"
                      disabled={updateLine.isPending || busy || l.quantity >= 50}
                      onClick={() => updateLine.mutate({ lineId: l.lineId, quantity: l.quantity + 1 })}
                      aria-label={`One more ${l.name}`}
                    >
                      +
                    </button>
                  </div>
                  <LineNote
                    note={l.notes}
                    name={l.name}
                    disabled={updateLine.isPending || busy}
                    onSave={(notes) => updateLine.mutate({ lineId: l.lineId, quantity: l.quantity, notes })}
                  />
                </div>
              </li>
            ))}
          </ul>
          {updateLine.isError ? (
            <p role="alert" className="mt-2 text-sm font-medium text-red-700">
              {errorOf(updateLine.error).message}
            </p>
          ) : null}
        </section>

        <section aria-labelledby={`${ids}-where`} className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex items-baseline justify-between gap-3">
            <h2 id={`${ids}-where`} className="text-lg font-semibold text-slate-900">
              Delivery address
            </h2>
            <Link href="/address" className="text-sm font-medium text-brand-800 underline">
              Change
            </Link>
          </div>
          {dropoff.addressId ? (
            <p className="text-slate-800">{dropoff.label}</p>
          ) : (
            <>
              {!dropoffChosen ? <p className="text-sm text-slate-600">Delivering to the demo address. Change it if you are elsewhere.</p> : null}
              <Field label="Street and number" value={street} onChange={(e) => setStreet(e.target.value)} autoComplete="address-line1" required hint="So the courier finds the door." error={street.trim().length > 0 && street.trim().length < 3 ? "Enter the street and number." : null} />
              <Field label="Floor, door or building (optional)" value={door} onChange={(e) => setDoor(e.target.value)} autoComplete="address-line2" />
            </>
          )}
          <div>
            <label htmlFor={`${ids}-instructions`} className="mb-1.5 block text-sm font-medium text-slate-800">
              Instructions for the courier <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea
              id={`${ids}-instructions`}
              value={instructions}
              onChange={(e) => setInstructions(e.target.value)}
              maxLength={500}
              rows={2}
              placeholder="e.g. ring twice, the bell is broken"
              className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600"
            />
          </div>
        </section>

        <DeliveryTime dropoff={dropoffInput} enabled={streetOk} value={scheduledFor} onChange={setScheduledFor} error={slotError} disabled={busy} />

        <section aria-labelledby={`${ids}-tip`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <fieldset>
            <legend id={`${ids}-tip`} className="text-lg font-semibold text-slate-900">
              Tip your courier
            </legend>
            <p className="mb-3 text-sm text-slate-600">All of it goes to the courier.</p>
            <div className="flex flex-wrap gap-2">
              {[...TIPS.map((t) => String(t)), "other"].map((v) => (
                <label key={v} className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium ring-1 ring-slate-300 has-[:checked]:bg-brand-700 has-[:checked]:text-white has-[:checked]:ring-brand-700 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-700">
                  <input
                    type="radio"
                    name={`${ids}-tip`}
                    value={v}
                    checked={tipChoice === v}
                    onChange={() => {
                      setTipChoice(v);
                      if (v !== "other") setTipCents(Number(v));
                    }}
                    className="sr-only"
                  />
                  {v === "other" ? "Other" : v === "0" ? "No tip" : formatMoney(Number(v))}
                </label>
              ))}
            </div>
            {tipChoice === "other" ? (
              <Field
                className="mt-3 max-w-40"
                label="Tip in euros"
                inputMode="decimal"
                value={otherTip}
                onChange={(e) => {
                  setOtherTip(e.target.value);
                  const cents = Math.round(Number(e.target.value.replace(",", ".")) * 100);
                  if (Number.isFinite(cents) && cents >= 0 && cents <= 10_000) setTipCents(cents);
                }}
                error={otherTip && !(Number(otherTip.replace(",", ".")) >= 0 && Number(otherTip.replace(",", ".")) <= 100) ? "A tip is between €0 and €100." : null}
              />
            ) : null}
          </fieldset>
        </section>
      </div>

      <div className="space-y-6 lg:sticky lg:top-24 lg:self-start">
        <section aria-labelledby={`${ids}-total`} aria-busy={quote.isPending} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id={`${ids}-total`} className="mb-3 text-lg font-semibold text-slate-900">
            Total
          </h2>
          {!streetOk ? (
            <p className="text-sm text-slate-600">Enter the street and number to see the delivery fee and total.</p>
          ) : slotError ? (
            <p className="text-sm text-slate-600">Pick a delivery time to see the total.</p>
          ) : quoteError ? (
            <p role="alert" className="text-sm font-medium text-red-700">
              {quoteError}
            </p>
          ) : !q ? (
            <p className="text-sm text-slate-600">Working out your total…</p>
          ) : (
            <>
              <dl className="space-y-1.5 text-sm" aria-label="Price breakdown">
                {q.lines.map((line) => (
                  <div key={line.code} className="flex justify-between gap-3">
                    <dt className="text-slate-700">{line.label}</dt>
                    <dd className="tabular-nums">{formatMoney(line.amountCents, q.currency)}</dd>
                  </div>
                ))}
                <div className="flex justify-between gap-3 border-t border-slate-200 pt-2 text-base font-semibold">
                  <dt>Total</dt>
                  <dd className="tabular-nums" data-testid="quote-total">
                    {formatMoney(q.totalCents, q.currency)}
                  </dd>
                </div>
              </dl>
              <p className="mt-2 text-xs text-slate-600">
                {q.scheduledFor ? `Scheduled for ${formatSlot(new Date(q.scheduledFor), q.timezone)}` : `Arrives in about ${q.etaMin} min`} · price held until {formatClock(new Date(q.expiresAt), q.timezone)}
                {quote.isPending ? " · updating…" : ""}
              </p>
            </>
          )}
        </section>

        <section aria-labelledby={`${ids}-pay`} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 id={`${ids}-pay`} className="mb-3 text-lg font-semibold text-slate-900">
            Payment
          </h2>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              pay();
            }}
            className="space-y-3"
          >
            {notice ? (
              <FormAlert tone="info" title="Total updated">
                {notice}
              </FormAlert>
            ) : null}
            {payError ? (
              <FormAlert tone="error" title={payError.reason === "not_confirmed" ? "Payment not confirmed" : payError.retry ? "The payment did not go through" : "Payment declined"}>
                {payError.message}
                {payError.reason === "not_confirmed" ? null : payError.retry ? " Nothing was charged. Press Pay to try again." : " Nothing was charged. Check the details or use another card."}
              </FormAlert>
            ) : null}
            {challenge ? (
              <BankChallenge
                challenge={challenge}
                idempotencyKey={key}
                confirmWithStripe={stripePublishableKey ? (secret) => stripeForm.current?.confirm(secret) ?? Promise.resolve({ error: "The card form is not ready." }) : undefined}
                onPlaced={(orderId) => router.push(`/orders/${orderId}`)}
                onFailed={(message) => {
                  setChallenge(null);
                  // That checkout is over (its authorisation voided): the next Pay is a new one.
                  setKey(newKey());
                  setPayError({ message, reason: "not_confirmed" });
                }}
              />
            ) : null}
            {stripePublishableKey ? (
              q ? <StripePayment publishableKey={stripePublishableKey} amountCents={q.totalCents} currency={q.currency} handle={stripeForm} /> : null
            ) : (
              <>
                <Field
                  label="Card number"
                  inputMode="numeric"
                  autoComplete="cc-number"
                  value={card.number}
                  onChange={(e) => setCard({ ...card, number: e.target.value })}
                  error={cardErrors.number}
                  placeholder="1234 1234 1234 1234"
                  maxLength={23}
                />
                <div className="grid grid-cols-2 gap-3">
                  <Field label="Expiry (MM/YY)" autoComplete="cc-exp" value={card.expiry} onChange={(e) => setCard({ ...card, expiry: e.target.value })} error={cardErrors.expiry} placeholder="12/29" maxLength={7} />
                  <Field label="Security code" inputMode="numeric" autoComplete="cc-csc" value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} error={cardErrors.cvc} placeholder="123" maxLength={4} />
                </div>
              </>
            )}
            <Button type="submit" pending={busy} pendingLabel={challenge ? "Waiting for your bank…" : place.isSuccess ? "Opening your order…" : "Paying…"} disabled={!q || quote.isPending || !canQuote}>
              {q ? `Pay ${formatMoney(q.totalCents, q.currency)}` : "Pay"}
            </Button>
            {stripePublishableKey ? null : (
              <details className="text-sm text-slate-600">
                <summary className="cursor-pointer font-medium text-slate-700">Test cards (demo payments)</summary>
                <ul className="mt-2 space-y-1">
                  {TEST_CARDS.map((t) => (
                    <li key={t.number}>
                      <code className="rounded bg-slate-100 px-1">{t.number}</code> {t.what}
                    </li>
                  ))}
                </ul>
                <p className="mt-1">Any future expiry and any 3-digit code.</p>
              </details>
            )}
          </form>
        </section>
      </div>
    </div>
  );
}

function LineNote({ note, name, disabled, onSave }: { note: string | null; name: string; disabled: boolean; onSave: (notes: string | null) => void }) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(note ?? "");
  const id = useId();
  if (!editing) {
    return (
      <button type="button" className="text-sm font-medium text-brand-800 underline" onClick={() => setEditing(true)} disabled={disabled}>
        {note ? "Edit note" : "Add note"}
        <span className="sr-only"> for {name}</span>
      </button>
    );
  }
  return (
    <form
      className="flex flex-1 items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(value.trim() || null);
        setEditing(false);
      }}
    >
      <label htmlFor={id} className="sr-only">
        Note for {name}
      </label>
      <input id={id} value={value} onChange={(e) => setValue(e.target.value)} maxLength={300} autoFocus className="min-w-0 flex-1 rounded-lg border border-slate-300 px-2 py-1.5 text-sm" placeholder="e.g. no onions" />
      <button type="submit" className="rounded-lg bg-slate-900 px-3 py-1.5 text-sm font-medium text-white">
        Save
      </button>
    </form>
  );
}
