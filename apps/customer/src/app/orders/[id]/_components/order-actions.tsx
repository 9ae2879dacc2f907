"use client";
// What the customer can do with an order besides watching it: cancel while the restaurant has not
// accepted it (the payment is voided), and after delivery rate the restaurant and the courier or
// report a problem, which opens a dispute for support to refund.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";

import { useTRPC } from "@lastmile/api/react";
import { Button, FormAlert } from "@lastmile/ui/form";

const box = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";

export function CancelOrder({ orderId, onDone }: { orderId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("Changed my mind");
  const id = useId();
  const cancel = useMutation(trpc.orders.cancel.mutationOptions({ onSuccess: onDone }));
  if (!asking) {
    return (
      <div className={box}>
        <p className="text-sm text-slate-700">Changed your mind? You can cancel until the restaurant accepts the order.</p>
        <Button type="button" variant="secondary" className="mt-3 w-auto" onClick={() => setAsking(true)}>
          Cancel order
        </Button>
      </div>
    );
  }
  return (
    <form
      className={`${box} space-y-3`}
      onSubmit={(e) => {
        e.preventDefault();
        cancel.mutate({ orderId, reason });
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Why are you cancelling?
      </label>
      <select id={id} value={reason} onChange={(e) => setReason(e.target.value)} className="block w-full rounded-lg border border-slate-300 px-3 py-2">
        <option>Changed my mind</option>
        <option>Ordered by mistake</option>
        <option>It is taking too long</option>
        <option>Wrong address</option>
      </select>
      {cancel.isError ? (
        <FormAlert tone="error" title="The order could not be cancelled">
          {cancel.error.message}
        </FormAlert>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" className="w-auto" pending={cancel.isPending} pendingLabel="Cancelling…">
          Yes, cancel the order
        </Button>
        <Button type="button" variant="secondary" className="w-auto" onClick={() => setAsking(false)}>
          Keep it
        </Button>
      </div>
    </form>
  );
}

function Stars({ label, value, onChange, disabled }: { label: string; value: number; onChange: (n: number) => void; disabled: boolean }) {
  const name = useId();
  return (
    <fieldset disabled={disabled}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{label}</legend>
      <div className="flex gap-1">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="cursor-pointer text-3xl leading-none text-amber-500 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-700">
            <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} className="sr-only" />
            <span aria-hidden>{n <= value ? "★" : "☆"}</span>
            <span className="sr-only">
              {n} {n === 1 ? "star" : "stars"}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Rate({ orderId, target, label }: { orderId: string; target: "merchant" | "courier"; label: string }) {
  const trpc = useTRPC();
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState("");
  const id = useId();
  const review = useMutation(trpc.reviews.create.mutationOptions());
  if (review.isSuccess) return <p className="text-sm font-medium text-emerald-800">Thanks — your rating of the {target === "merchant" ? "restaurant" : "courier"} was saved.</p>;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        review.mutate({ orderId, target, rating, comment: comment.trim() || undefined });
      }}
    >
      <Stars label={label} value={rating} onChange={setRating} disabled={review.isPending} />
      <label htmlFor={id} className="sr-only">
        Comment about the {target === "merchant" ? "restaurant" : "courier"}
      </label>
      <input id={id} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} placeholder="Anything to add? (optional)" className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm" />
      {review.isError ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {review.error.message}
        </p>
      ) : null}
      <Button type="submit" variant="secondary" className="w-auto" disabled={rating === 0} pending={review.isPending} pendingLabel="Saving…">
        Send rating
      </Button>
    </form>
  );
}

/** `reviewed`: support already decided a report on this order (one report per order). */
export function AfterDelivery({ orderId, status, reviewed, hasCourier, onDone }: { orderId: string; status: string; reviewed: boolean; hasCourier: boolean; onDone: () => void }) {
  const trpc = useTRPC();
  const [problem, setProblem] = useState("Items were missing");
  const [details, setDetails] = useState("");
  const id = useId();
  const dispute = useMutation(trpc.orders.dispute.mutationOptions({ onSuccess: onDone }));
  return (
    <div className="space-y-4">
      {status === "DELIVERED" ? (
        <section aria-labelledby={`${id}-rate`} className={`${box} space-y-5`}>
          <h2 id={`${id}-rate`} className="text-lg font-semibold text-slate-900">
            How was it?
          </h2>
          <Rate orderId={orderId} target="merchant" label="Rate the restaurant" />
          {hasCourier ? <Rate orderId={orderId} target="courier" label="Rate the courier" /> : null}
        </section>
      ) : null}
      <section aria-labelledby={`${id}-problem`} className={box}>
        <h2 id={`${id}-problem`} className="text-lg font-semibold text-slate-900">
          Something wrong?
        </h2>
        {reviewed ? (
          <p className="mt-2 text-sm text-slate-700" role="status">
            Our support team reviewed your report and emailed you their answer. If something is still wrong, reply to that email.
          </p>
        ) : status === "DISPUTED" || dispute.isSuccess ? (
          <p className="mt-2 text-sm text-slate-700" role="status">
            Your report is with our support team. They will review it and refund what was wrong; you will hear from us by email.
          </p>
        ) : (
          <form
            className="mt-3 space-y-3"
            onSubmit={(e) => {
              e.preventDefault();
              dispute.mutate({ orderId, reason: [problem, details.trim()].filter(Boolean).join(": ") });
            }}
          >
            <label htmlFor={`${id}-kind`} className="block text-sm font-medium text-slate-800">
              What happened?
            </label>
            <select id={`${id}-kind`} value={problem} onChange={(e) => setProblem(e.target.value)} className="block w-full rounded-lg border border-slate-300 px-3 py-2">
              <option>Items were missing</option>
              <option>Wrong items</option>
              <option>It arrived very late</option>
              <option>The food was damaged or cold</option>
            </select>
            <label htmlFor={`${id}-details`} className="block text-sm font-medium text-slate-800">
              Details <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <textarea id={`${id}-details`} value={details} onChange={(e) => setDetails(e.target.value)} maxLength={250} rows={2} className="block w-full rounded-lg border border-slate-300 px-3 py-2" />
            {dispute.isError ? (
              <FormAlert tone="error" title="The report could not be sent">
                {dispute.error.message}
              </FormAlert>
            ) : null}
            <Button type="submit" variant="secondary" className="w-auto" pending={dispute.isPending} pendingLabel="Sending…">
              Report a problem
            </Button>
          </form>
        )}
      </section>
    </div>
  );
}

type TOrderItem = { menuItemId: string | null; name: string; quantity: number; notes: string | null; modifiers: { groupName: string; name: string }[] };

/**
 * "Order again": the same dishes with the same options, matched against today's menu (options by
 * group and name, since the order keeps them as a snapshot), into a fresh cart; whatever is no
 * longer on the menu or sold out is named rather than silently dropped.
 */
export function Reorder({ slug, items }: { slug: string; items: TOrderItem[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const clear = useMutation(trpc.cart.clear.mutationOptions());
  const add = useMutation(trpc.cart.add.mutationOptions());
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function reorder() {
    setMessage(null);
    setBusy(true);
    try {
      const menu = await queryClient.fetchQuery(trpc.catalog.menu.queryOptions({ slug }));
      const dishes = menu.categories.flatMap((c) => c.items);
      const skipped: string[] = [];
      const lines = items.flatMap((it) => {
        const dish = dishes.find((d) => d.id === it.menuItemId);
        const ids = it.modifiers.map((sm) => dish?.modifierGroups.find((g) => g.name === sm.groupName)?.modifiers.find((x) => x.name === sm.name && x.available)?.id);
        if (!dish?.available || ids.some((id) => id === undefined)) {
          skipped.push(it.name);
          return [];
        }
        return [{ itemId: dish.id, modifierIds: ids as string[], quantity: it.quantity, notes: it.notes ?? undefined }];
      });
      if (lines.length === 0) return setMessage(`None of these dishes can be ordered right now (${skipped.join(", ")}).`);
      const cart = await queryClient.fetchQuery(trpc.cart.get.queryOptions());
      if (cart.lines.length > 0 && !window.confirm(`Replace the ${cart.lines.length === 1 ? "dish" : "dishes"} in your cart from ${cart.merchantName ?? "another restaurant"} with this order?`)) return;
      await clear.mutateAsync();
      let last = cart;
      for (const line of lines) last = await add.mutateAsync({ ...line, replaceCart: true });
      queryClient.setQueryData(trpc.cart.get.queryKey(), last);
      if (skipped.length) setMessage(`Added to your cart. Not available any more: ${skipped.join(", ")}.`);
      router.push("/checkout");
    } catch (error) {
      setMessage(error instanceof Error ? error.message : "The order could not be repeated. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={box}>
      <Button type="button" variant="secondary" onClick={() => void reorder()} pending={busy} pendingLabel="Adding to your cart…">
        Order again
      </Button>
      {message ? (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {message}
        </p>
      ) : null}
    </div>
  );
}
