"use client";
// A dish on the menu, and the dialog that customises it: modifier groups with their min/max
// enforced as the customer chooses (the server checks again when the line is added), the price
// following the choices, and "start a new cart?" when the cart holds another restaurant's food.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState } from "react";

import type { RouterOutputs } from "@lastmile/api";
import { useTRPC } from "@lastmile/api/react";
import { Button } from "@lastmile/ui/form";
import { formatMoney } from "@lastmile/ui/format";

type TItem = RouterOutputs["catalog"]["menu"]["categories"][number]["items"][number];
type TGroup = TItem["modifierGroups"][number];

const rule = (g: TGroup) =>
  g.minChoices === 0
    ? g.maxChoices === 1
      ? "Optional · choose up to 1"
      : `Optional · choose up to ${g.maxChoices}`
    : g.minChoices === g.maxChoices
      ? `Required · choose ${g.minChoices}`
      : `Required · choose ${g.minChoices} to ${g.maxChoices}`;

/** The first group whose rule the choice breaks, with what to tell the customer. */
function firstProblem(groups: TGroup[], chosen: Set<string>) {
  for (const g of groups) {
    const n = g.modifiers.filter((m) => chosen.has(m.id)).length;
    if (n < g.minChoices) return { groupId: g.id, message: g.minChoices === 1 ? `Choose a ${g.name.toLowerCase()}.` : `Choose at least ${g.minChoices} ${g.name.toLowerCase()}.` };
    if (n > g.maxChoices) return { groupId: g.id, message: `Choose at most ${g.maxChoices} ${g.name.toLowerCase()}.` };
  }
  return null;
}

const errorOf = (e: unknown) => ({
  message: e instanceof Error ? e.message : "That could not be added. Please try again.",
  reason: (e as { data?: { details?: { reason?: string } | null } }).data?.details?.reason,
});

export function ItemCard({
  item,
  merchantName,
  slug,
  signedIn,
  orderable,
  blockedReason,
}: {
  item: TItem;
  merchantName: string;
  slug: string;
  signedIn: boolean;
  orderable: boolean;
  blockedReason: string | null;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);

  return (
    <>
      <button
        type="button"
        disabled={!item.available}
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="flex h-full w-full flex-col rounded-xl border border-slate-200 bg-white p-4 text-left shadow-sm transition hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:cursor-not-allowed disabled:bg-slate-100 disabled:hover:border-slate-200"
        aria-haspopup="dialog"
      >
        <span className="flex w-full items-start justify-between gap-3">
          <span className={`font-semibold ${item.available ? "text-slate-900" : "text-slate-500 line-through"}`}>{item.name}</span>
          <span className={`shrink-0 font-medium ${item.available ? "text-slate-900" : "text-slate-500"}`}>{formatMoney(item.priceCents, item.currency)}</span>
        </span>
        {item.description ? <span className="mt-1 line-clamp-2 text-sm text-slate-600">{item.description}</span> : null}
        <span className="mt-auto flex flex-wrap gap-1.5 pt-2 text-xs">
          {!item.available ? <span className="rounded-full bg-slate-700 px-2 py-0.5 font-semibold text-white">Sold out</span> : null}
          {item.available && item.stockCount !== null && item.stockCount <= 5 ? (
            <span className="rounded-full bg-amber-100 px-2 py-0.5 font-medium text-amber-900">Only {item.stockCount} left</span>
          ) : null}
          {item.tags.map((t) => (
            <span key={t} className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-700">
              {t}
            </span>
          ))}
        </span>
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(34rem,calc(100vw-1rem))] rounded-2xl p-0 shadow-xl backdrop:bg-slate-900/50"
      >
        {open ? (
          <ItemForm
            item={item}
            titleId={titleId}
            merchantName={merchantName}
            slug={slug}
            signedIn={signedIn}
            orderable={orderable}
            blockedReason={blockedReason}
            onDone={() => dialog.current?.close()}
          />
        ) : null}
      </dialog>
    </>
  );
}

function ItemForm({
  item,
  titleId,
  merchantName,
  slug,
  signedIn,
  orderable,
  blockedReason,
  onDone,
}: {
  item: TItem;
  titleId: string;
  merchantName: string;
  slug: string;
  signedIn: boolean;
  orderable: boolean;
  blockedReason: string | null;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const formId = useId();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set());
  const [quantity, setQuantity] = useState(1);
  const [notes, setNotes] = useState("");
  const [showProblems, setShowProblems] = useState(false);
  const [switchFrom, setSwitchFrom] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);

  const unit = useMemo(
    () => item.priceCents + item.modifierGroups.flatMap((g) => g.modifiers).filter((m) => chosen.has(m.id)).reduce((s, m) => s + m.priceDeltaCents, 0),
    [item, chosen],
  );
  const problem = firstProblem(item.modifierGroups, chosen);
  const maxQuantity = Math.min(50, item.stockCount ?? 50);

  const add = useMutation(
    trpc.cart.add.mutationOptions({
      onSuccess: async (cart) => {
        queryClient.setQueryData(trpc.cart.get.queryKey(), cart);
        onDone();
        router.refresh();
      },
      onError: (e) => {
        const { message, reason } = errorOf(e);
        if (reason === "other_merchant") {
          const cart = queryClient.getQueryData(trpc.cart.get.queryKey());
          setSwitchFrom(cart?.merchantName ?? "another restaurant");
        } else setServerError(message);
      },
    }),
  );

  function toggle(g: TGroup, modifierId: string) {
    setServerError(null);
    setChosen((prev) => {
      const next = new Set(prev);
      if (g.maxChoices === 1) {
        const wasOn = next.has(modifierId);
        for (const m of g.modifiers) next.delete(m.id);
        // A radio in an optional group can be cleared by choosing it again.
        if (!wasOn || g.minChoices === 1) next.add(modifierId);
      } else if (next.has(modifierId)) next.delete(modifierId);
      else next.add(modifierId);
      return next;
    });
  }

  function submit(replaceCart = false) {
    if (problem) {
      setShowProblems(true);
      document.getElementById(`${formId}-${problem.groupId}`)?.focus();
      return;
    }
    setServerError(null);
    add.mutate({ itemId: item.id, modifierIds: [...chosen], quantity, notes: notes.trim() || undefined, replaceCart: replaceCart || undefined });
  }

  return (
    <form
      className="flex max-h-[calc(100dvh-2rem)] flex-col"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <div className="flex items-start justify-between gap-3 border-b border-slate-200 p-4">
        <div>
          <h2 id={titleId} className="text-xl font-semibold text-slate-900">
            {item.name}
          </h2>
          {item.description ? <p className="mt-1 text-sm text-slate-600">{item.description}</p> : null}
          {item.allergens.length ? <p className="mt-1 text-xs text-slate-600">Allergens: {item.allergens.join(", ")}</p> : null}
        </div>
        <button type="button" onClick={onDone} className="rounded-lg px-2 py-1 text-2xl leading-none text-slate-500 hover:bg-slate-100" aria-label="Close">
          ×
        </button>
      </div>

      <div className="flex-1 space-y-5 overflow-y-auto p-4">
        {item.modifierGroups.map((g) => {
          const count = g.modifiers.filter((m) => chosen.has(m.id)).length;
          const full = g.maxChoices > 1 && count >= g.maxChoices;
          const groupProblem = showProblems && problem?.groupId === g.id ? problem.message : null;
          const single = g.maxChoices === 1;
          return (
            <fieldset
              key={g.id}
              id={`${formId}-${g.id}`}
              tabIndex={-1}
              aria-describedby={`${formId}-${g.id}-rule`}
              aria-invalid={groupProblem ? true : undefined}
              className={`rounded-xl border p-3 ${groupProblem ? "border-red-600 bg-red-50/50" : "border-slate-200"}`}
            >
              <legend className="px-1 font-semibold text-slate-900">{g.name}</legend>
              <p id={`${formId}-${g.id}-rule`} className="mb-2 flex justify-between text-sm text-slate-600">
                <span>{rule(g)}</span>
                {g.maxChoices > 1 ? (
                  <span>
                    {count}/{g.maxChoices} chosen
                  </span>
                ) : null}
              </p>
              {groupProblem ? (
                <p role="alert" className="mb-2 text-sm font-medium text-red-700">
                  {groupProblem}
                </p>
              ) : null}
              <ul className="space-y-1">
                {g.modifiers.map((m) => {
                  const on = chosen.has(m.id);
                  const disabled = !m.available || (!on && full);
                  return (
                    <li key={m.id}>
                      <label className={`flex items-center gap-3 rounded-lg px-2 py-2 ${disabled ? "text-slate-500" : "cursor-pointer hover:bg-slate-50"}`}>
                        <input
                          type={single ? "radio" : "checkbox"}
                          name={single ? `${formId}-${g.id}` : undefined}
                          checked={on}
                          disabled={disabled}
                          onChange={() => toggle(g, m.id)}
                          onClick={() => {
                            // A checked radio does not fire change; clicking it again clears an optional choice.
                            if (single && on && g.minChoices === 0) toggle(g, m.id);
                          }}
                          className="size-4 accent-brand-700"
                        />
                        <span className={`flex-1 ${!m.available ? "line-through" : ""}`}>{m.name}</span>
                        {!m.available ? (
                          <span className="text-xs font-semibold">Sold out</span>
                        ) : m.priceDeltaCents ? (
                          <span className="text-sm text-slate-700">
                            {m.priceDeltaCents > 0 ? "+" : "−"}
                            {formatMoney(Math.abs(m.priceDeltaCents), item.currency)}
                          </span>
                        ) : null}
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          );
        })}

        <div>
          <label htmlFor={`${formId}-notes`} className="mb-1 block text-sm font-medium text-slate-800">
            Note for the kitchen <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea
            id={`${formId}-notes`}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
            maxLength={300}
            rows={2}
            placeholder="e.g. no onions"
            className="block w-full rounded-lg border border-slate-300 px-3 py-2 text-base shadow-sm focus:border-brand-600"
          />
        </div>
      </div>

      <div className="space-y-3 border-t border-slate-200 p-4">
        {switchFrom ? (
          <div role="alertdialog" aria-labelledby={`${formId}-switch`} className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
            <p id={`${formId}-switch`} className="font-medium">
              Your cart has dishes from {switchFrom}. Start a new cart with {item.name} from {merchantName}?
            </p>
            <div className="mt-3 flex gap-2">
              <Button type="button" className="w-auto" onClick={() => submit(true)} pending={add.isPending} pendingLabel="Starting…">
                Start a new cart
              </Button>
              <Button type="button" variant="secondary" className="w-auto" onClick={() => setSwitchFrom(null)}>
                Keep my cart
              </Button>
            </div>
          </div>
        ) : null}
        {serverError ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {serverError}
          </p>
        ) : null}
        {!orderable ? (
          <p className="text-sm font-medium text-amber-900">{blockedReason}</p>
        ) : !signedIn ? (
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/m/${slug}`)}`}
            className="flex w-full justify-center rounded-lg bg-brand-700 px-4 py-2.5 font-semibold text-white hover:bg-brand-900"
          >
            Sign in to order
          </Link>
        ) : (
          <div className="flex items-center gap-3">
            <div className="flex items-center rounded-lg ring-1 ring-slate-300" role="group" aria-label="Quantity">
              <button type="button" className="px-3 py-2 text-lg disabled:text-slate-300" onClick={() => setQuantity((q) => Math.max(1, q - 1))} disabled={quantity <= 1} aria-label="One fewer">
                −
              </button>
              <output className="w-8 text-center font-semibold" aria-live="polite" aria-label="Quantity">
                {quantity}
              </output>
              <button type="button" className="px-3 py-2 text-lg disabled:text-slate-300" onClick={() => setQuantity((q) => Math.min(maxQuantity, q + 1))} disabled={quantity >= maxQuantity} aria-label="One more">
                +
              </button>
            </div>
            <Button type="submit" pending={add.isPending && !switchFrom} pendingLabel="Adding…" aria-describedby={problem ? `${formId}-hint` : undefined}>
              Add {quantity} to order · {formatMoney(unit * quantity, item.currency)}
            </Button>
          </div>
        )}
        {problem && signedIn && orderable ? (
          <p id={`${formId}-hint`} className="text-sm text-slate-600">
            {problem.message}
          </p>
        ) : null}
      </div>
    </form>
  );
}
