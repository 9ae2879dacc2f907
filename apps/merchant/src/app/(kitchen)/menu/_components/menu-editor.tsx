"use client";
// The menu as the kitchen runs it: categories in the order customers see them, each dish with a
// sold-out switch that applies to customers at once, and the option groups with their options.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";
import { formatMoney } from "@lastmile/ui/format";

import { Dialog } from "../../_components/dialog";
import { Toggle } from "../../_components/toggle";
import { fieldError, messageOf } from "../../_components/trpc-errors";
import { GroupForm } from "./group-form";
import { ItemForm } from "./item-form";
import type { TMenuCategory, TMenuItem, TModifierGroup } from "./types";

type TEditing =
  | { kind: "item"; item: TMenuItem | null; categoryId: string }
  | { kind: "group"; group: TModifierGroup | null }
  | { kind: "category"; category: TMenuCategory | null }
  | null;

const smallButton =
  "inline-flex min-h-12 min-w-12 items-center justify-center rounded-lg px-3 text-base font-semibold ring-1 ring-slate-300 ring-inset hover:bg-slate-50 disabled:opacity-40";

export function MenuEditor({ merchantId }: { merchantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const menuOptions = trpc.menu.get.queryOptions({ merchantId });
  const { data: menu } = useQuery(menuOptions);
  const refresh = () => qc.invalidateQueries({ queryKey: menuOptions.queryKey });
  const [editing, setEditing] = useState<TEditing>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onError = (e: unknown) => setProblem(messageOf(e));

  const itemSwitch = useMutation(trpc.merchant.setItemAvailable.mutationOptions({ onSettled: refresh, onError }));
  const optionSwitch = useMutation(trpc.merchant.setModifierAvailable.mutationOptions({ onSettled: refresh, onError }));
  const reorder = useMutation(trpc.menu.reorderCategories.mutationOptions({ onSettled: refresh, onError }));

  if (!menu) return <p className="text-lg">Loading the menu…</p>;

  const move = (index: number, by: -1 | 1) => {
    const ids = menu.categories.map((c) => c.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + by, 0, moved);
    setProblem(null);
    reorder.mutate({ merchantId, ids });
  };
  const close = () => {
    setEditing(null);
    void refresh();
  };
  const soldOut = menu.categories.flatMap((c) => c.items).filter((i) => !i.available || i.stockCount === 0).length;

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Menu</h1>
        <p className="text-base text-slate-600">
          {soldOut ? `${soldOut} sold out` : "Everything is available"} · switches apply to customers at once
        </p>
        <button type="button" onClick={() => setEditing({ kind: "category", category: null })} className={`${smallButton} ml-auto bg-white`}>
          + Category
        </button>
      </div>

      {problem ? (
        <FormAlert tone="error" title="That did not work">
          {problem}
        </FormAlert>
      ) : null}

      {menu.categories.map((c, index) => (
        <section key={c.id} aria-labelledby={`cat-${c.id}`} className="rounded-2xl bg-white p-4 shadow-sm">
          <div className="mb-3 flex flex-wrap items-center gap-2">
            <h2 id={`cat-${c.id}`} className="text-xl font-semibold">
              {c.name}
            </h2>
            <span className="text-base text-slate-600">{c.items.length} dishes</span>
            <div className="ml-auto flex gap-2">
              <button type="button" className={smallButton} disabled={index === 0 || reorder.isPending} onClick={() => move(index, -1)}>
                <span aria-hidden>↑</span>
                <span className="sr-only">Move {c.name} up</span>
              </button>
              <button
                type="button"
                className={smallButton}
                disabled={index === menu.categories.length - 1 || reorder.isPending}
                onClick={() => move(index, 1)}
              >
                <span aria-hidden>↓</span>
                <span className="sr-only">Move {c.name} down</span>
              </button>
              <button type="button" className={smallButton} onClick={() => setEditing({ kind: "category", category: c })}>
                Rename<span className="sr-only"> {c.name}</span>
              </button>
              <button type="button" className={`${smallButton} text-brand-800`} onClick={() => setEditing({ kind: "item", item: null, categoryId: c.id })}>
                + Dish<span className="sr-only"> in {c.name}</span>
              </button>
            </div>
          </div>
          <ul className="divide-y divide-slate-200">
            {c.items.map((i) => {
              const out = !i.available || i.stockCount === 0;
              return (
                <li key={i.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2">
                  <div className="min-w-48 flex-1">
                    <p className={`text-lg font-medium ${out ? "text-slate-500 line-through decoration-slate-400" : ""}`}>{i.name}</p>
                    {i.available && i.stockCount === 0 ? (
                      <p className="text-sm font-semibold text-rose-800">Sold out: none left in stock — add stock in Edit</p>
                    ) : null}
                    <p className="text-sm text-slate-600">
                      {formatMoney(i.priceCents, i.currency)}
                      {i.stockCount !== null ? ` · ${i.stockCount} left` : ""}
                      {i.allergens.length ? ` · ${i.allergens.join(", ")}` : ""}
                      {i.tags.length ? ` · ${i.tags.join(", ")}` : ""}
                    </p>
                  </div>
                  <Toggle
                    checked={i.available}
                    label={`${i.name} available`}
                    onText="Available"
                    offText="Sold out"
                    pending={itemSwitch.isPending && itemSwitch.variables.itemId === i.id}
                    onChange={(available) => {
                      setProblem(null);
                      itemSwitch.mutate({ merchantId, itemId: i.id, available });
                    }}
                  />
                  <button type="button" className={smallButton} onClick={() => setEditing({ kind: "item", item: i, categoryId: c.id })}>
                    Edit<span className="sr-only"> {i.name}</span>
                  </button>
                </li>
              );
            })}
            {c.items.length === 0 ? <li className="py-3 text-base text-slate-600">No dishes yet.</li> : null}
          </ul>
        </section>
      ))}

      <section aria-labelledby="groups" className="rounded-2xl bg-white p-4 shadow-sm">
        <div className="mb-3 flex items-center gap-2">
          <h2 id="groups" className="text-xl font-semibold">
            Option groups
          </h2>
          <button type="button" className={`${smallButton} ml-auto text-brand-800`} onClick={() => setEditing({ kind: "group", group: null })}>
            + Group
          </button>
        </div>
        <ul className="space-y-4">
          {menu.modifierGroups.map((g) => (
            <li key={g.id} className="rounded-xl border border-slate-200 p-3">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="text-lg font-semibold">{g.name}</h3>
                <span className="text-sm text-slate-600">
                  {g.minChoices === 0 ? "optional" : `choose at least ${g.minChoices}`}, up to {g.maxChoices} · on {g.usedBy}{" "}
                  {g.usedBy === 1 ? "dish" : "dishes"}
                </span>
                <button type="button" className={`${smallButton} ml-auto`} onClick={() => setEditing({ kind: "group", group: g })}>
                  Edit<span className="sr-only"> {g.name}</span>
                </button>
              </div>
              <ul className="mt-2 grid gap-x-6 sm:grid-cols-2">
                {g.modifiers.map((m) => (
                  <li key={m.id} className="flex items-center justify-between gap-2">
                    <span className={`text-base ${m.available ? "" : "text-slate-500 line-through"}`}>
                      {m.name}{" "}
                      <span className="text-sm text-slate-600">
                        {m.priceDeltaCents === 0 ? "" : `${m.priceDeltaCents > 0 ? "+" : "−"}${formatMoney(Math.abs(m.priceDeltaCents))}`}
                      </span>
                    </span>
                    <Toggle
                      checked={m.available}
                      label={`${g.name}: ${m.name} available`}
                      onText="Available"
                      offText="Sold out"
                      pending={optionSwitch.isPending && optionSwitch.variables.modifierId === m.id}
                      onChange={(available) => {
                        setProblem(null);
                        optionSwitch.mutate({ merchantId, modifierId: m.id, available });
                      }}
                    />
                  </li>
                ))}
              </ul>
            </li>
          ))}
          {menu.modifierGroups.length === 0 ? <li className="text-base text-slate-600">No option groups yet.</li> : null}
        </ul>
      </section>

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        wide={editing?.kind !== "category"}
        title={
          editing?.kind === "item"
            ? editing.item
              ? `Edit ${editing.item.name}`
              : "New dish"
            : editing?.kind === "group"
              ? editing.group
                ? `Edit ${editing.group.name}`
                : "New option group"
              : editing?.category
                ? `Rename ${editing.category.name}`
                : "New category"
        }
      >
        {editing?.kind === "item" ? (
          <ItemForm merchantId={merchantId} menu={menu} item={editing.item} categoryId={editing.categoryId} onDone={close} />
        ) : editing?.kind === "group" ? (
          <GroupForm merchantId={merchantId} group={editing.group} onDone={close} />
        ) : editing?.kind === "category" ? (
          <CategoryForm merchantId={merchantId} category={editing.category} onDone={close} />
        ) : null}
      </Dialog>
    </div>
  );
}

function CategoryForm({ merchantId, category, onDone }: { merchantId: string; category: TMenuCategory | null; onDone: () => void }) {
  const trpc = useTRPC();
  const save = useMutation(trpc.menu.upsertCategory.mutationOptions({ onSuccess: onDone }));
  const [name, setName] = useState(category?.name ?? "");
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ merchantId, ...(category ? { id: category.id } : {}), name });
      }}
    >
      <Field label="Category name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(save.error, "name")} autoFocus />
      {save.error && !fieldError(save.error, "name") ? (
        <FormAlert tone="error" title="Not saved">
          {messageOf(save.error)}
        </FormAlert>
      ) : null}
      <Button type="submit" pending={save.isPending} pendingLabel="Saving…" className="min-h-12">
        {category ? "Rename" : "Add category"}
      </Button>
    </form>
  );
}
