"use client";
// Adding or editing an option group (Size, Extras…): how many choices a customer must and may
// make, and each option with what it adds to the price.
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";

import { centsToInput, parseMoney } from "../../_components/money";
import { Toggle } from "../../_components/toggle";
import { fieldError, messageOf } from "../../_components/trpc-errors";
import { useFocusFirstInvalid } from "../../_components/use-focus-invalid";
import type { TModifierGroup } from "./types";

type TOptionDraft = { key: string; id?: string; name: string; price: string; available: boolean };

let draftKey = 0;
const newDraft = (): TOptionDraft => ({ key: `new-${++draftKey}`, name: "", price: "0.00", available: true });

export function GroupForm({
  merchantId,
  group,
  onDone,
}: {
  merchantId: string;
  group: TModifierGroup | null;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.menu.upsertModifierGroup.mutationOptions({ onSuccess: onDone }));
  const [name, setName] = useState(group?.name ?? "");
  const [min, setMin] = useState(String(group?.minChoices ?? 0));
  const [max, setMax] = useState(String(group?.maxChoices ?? 1));
  const [options, setOptions] = useState<TOptionDraft[]>(
    group?.modifiers.map((m) => ({ key: m.id, id: m.id, name: m.name, price: centsToInput(m.priceDeltaCents), available: m.available })) ?? [newDraft()],
  );
  const [local, setLocal] = useState<Record<string, string>>({});
  // A new object on every refusal (local or from the server), so each one moves the focus.
  const formRef = useFocusFirstInvalid(Object.keys(local).length ? local : save.error);
  const err = (f: string) => local[f] ?? fieldError(save.error, f);
  const headId = useId();

  const update = (key: string, patch: Partial<TOptionDraft>) => setOptions((os) => os.map((o) => (o.key === key ? { ...o, ...patch } : o)));

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const problems: Record<string, string> = {};
        const minChoices = Number(min);
        const maxChoices = Number(max);
        if (!Number.isInteger(minChoices) || minChoices < 0) problems.minChoices = "The minimum is a whole number, 0 or more.";
        if (!Number.isInteger(maxChoices) || maxChoices < 1) problems.maxChoices = "The maximum is a whole number, at least 1.";
        const priced = options.map((o) => ({ ...o, cents: parseMoney(o.price, { signed: true }) }));
        const bad = priced.find((o) => o.cents === null);
        if (bad) problems.modifiers = `Write the price change of ${bad.name || "each option"} in euros, like 1.50 or -0.50.`;
        setLocal(problems);
        if (Object.keys(problems).length) return;
        save.mutate({
          merchantId,
          ...(group ? { id: group.id } : {}),
          name,
          minChoices,
          maxChoices,
          modifiers: priced.map((o) => ({ ...(o.id ? { id: o.id } : {}), name: o.name, priceDeltaCents: o.cents ?? 0, available: o.available })),
        });
      }}
    >
      <Field label="Group name" value={name} onChange={(e) => setName(e.target.value)} error={err("name")} placeholder="Size, Extras, Sauce…" />
      <div className="grid grid-cols-2 gap-4">
        <Field label="Customers must choose at least" inputMode="numeric" value={min} onChange={(e) => setMin(e.target.value)} error={err("minChoices")} hint="0 makes the group optional" />
        <Field label="and at most" inputMode="numeric" value={max} onChange={(e) => setMax(e.target.value)} error={err("maxChoices")} />
      </div>
      <fieldset aria-labelledby={headId}>
        <legend id={headId} className="mb-2 text-sm font-medium text-slate-800">
          Options
        </legend>
        <ul className="space-y-2">
          {options.map((o, i) => (
            <li key={o.key} className="flex flex-wrap items-end gap-2 rounded-lg bg-slate-50 p-2">
              <Field className="min-w-40 flex-[2]" label={`Option ${i + 1}`} value={o.name} onChange={(e) => update(o.key, { name: e.target.value })} />
              <Field className="w-28 flex-1" label="Price change (€)" inputMode="decimal" value={o.price} onChange={(e) => update(o.key, { price: e.target.value })} />
              <Toggle checked={o.available} onChange={(v) => update(o.key, { available: v })} label={`${o.name || `Option ${i + 1}`} available`} onText="Available" offText="Sold out" />
              <button
                type="button"
                onClick={() => setOptions((os) => os.filter((x) => x.key !== o.key))}
                className="min-h-12 rounded-lg px-3 text-base font-medium text-rose-800 hover:bg-rose-50"
              >
                Remove<span className="sr-only"> {o.name || `option ${i + 1}`}</span>
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          onClick={() => setOptions((os) => [...os, newDraft()])}
          className="mt-2 min-h-12 rounded-lg px-3 text-base font-semibold text-brand-700 hover:bg-brand-50"
        >
          + Add option
        </button>
        {err("modifiers") ? <p className="mt-1 text-sm font-medium text-red-700">⚠ {err("modifiers")}</p> : null}
      </fieldset>
      {save.error && !Object.keys(local).length && !fieldError(save.error, "modifiers") ? (
        <FormAlert tone="error" title="Not saved">
          {messageOf(save.error)}
        </FormAlert>
      ) : null}
      <Button type="submit" pending={save.isPending} pendingLabel="Saving…" className="min-h-12">
        {group ? "Save group" : "Add group"}
      </Button>
    </form>
  );
}
