"use client";
// Adding or editing a dish. The server has the last word on every rule; its field errors are
// shown under the field they are about, and the few things the browser can check (a price that
// is not a number) are said before sending.
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert, SelectField } from "@lastmile/ui/form";

import { centsToInput, parseMoney } from "../../_components/money";
import { Toggle } from "../../_components/toggle";
import { fieldError, messageOf } from "../../_components/trpc-errors";
import { useFocusFirstInvalid } from "../../_components/use-focus-invalid";
import type { TMenu, TMenuItem } from "./types";
import { ALLERGENS } from "./types";

export function ItemForm({
  merchantId,
  menu,
  item,
  categoryId,
  onDone,
}: {
  merchantId: string;
  menu: TMenu;
  item: TMenuItem | null;
  categoryId: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const save = useMutation(trpc.menu.upsertItem.mutationOptions({ onSuccess: onDone }));
  const [name, setName] = useState(item?.name ?? "");
  const [description, setDescription] = useState(item?.description ?? "");
  const [price, setPrice] = useState(item ? centsToInput(item.priceCents) : "");
  const [photoUrl, setPhotoUrl] = useState(item?.photoUrl ?? "");
  const [tags, setTags] = useState(item?.tags.join(", ") ?? "");
  const [allergens, setAllergens] = useState<string[]>(item?.allergens ?? []);
  const [available, setAvailable] = useState(item?.available ?? true);
  const [stock, setStock] = useState(item?.stockCount === null || item?.stockCount === undefined ? "" : String(item.stockCount));
  const [category, setCategory] = useState(item?.categoryId ?? categoryId);
  const [groups, setGroups] = useState<string[]>(item?.modifierGroupIds ?? []);
  const [local, setLocal] = useState<Record<string, string>>({});
  // A new object on every refusal (local or from the server), so each one moves the focus.
  const formRef = useFocusFirstInvalid(Object.keys(local).length ? local : save.error);

  const err = (field: string) => local[field] ?? fieldError(save.error, field);

  return (
    <form
      ref={formRef}
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const priceCents = parseMoney(price);
        const stockCount = stock.trim() === "" ? null : Number(stock);
        const problems: Record<string, string> = {};
        if (priceCents === null) problems.priceCents = "Write the price in euros, like 12.50.";
        if (stockCount !== null && !(Number.isInteger(stockCount) && stockCount >= 0)) problems.stockCount = "Stock is a whole number, 0 or more — or leave it empty to not count.";
        setLocal(problems);
        if (Object.keys(problems).length || priceCents === null) return;
        save.mutate({
          merchantId,
          ...(item ? { id: item.id } : {}),
          categoryId: category,
          name,
          description,
          priceCents,
          photoUrl: photoUrl.trim() === "" ? null : photoUrl.trim(),
          tags: tags.split(",").map((t) => t.trim()).filter(Boolean),
          allergens,
          available,
          stockCount,
          modifierGroupIds: groups,
        });
      }}
    >
      <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={err("name")} required maxLength={120} />
      <div>
        <label htmlFor="item-description" className="mb-1.5 block text-sm font-medium text-slate-800">
          Description
        </label>
        <textarea
          id="item-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          rows={2}
          maxLength={500}
          className="block w-full rounded-lg border border-slate-300 px-3 py-2.5 text-base"
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Price (€)"
          inputMode="decimal"
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          error={err("priceCents")}
          placeholder="12.50"
        />
        <Field
          label="Stock left"
          inputMode="numeric"
          value={stock}
          onChange={(e) => setStock(e.target.value)}
          error={err("stockCount")}
          hint="Empty: not counted. At 0 the dish shows as sold out."
        />
      </div>
      <SelectField label="Category" value={category} onChange={(e) => setCategory(e.target.value)} error={err("categoryId")}>
        {menu.categories.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <Field label="Photo link" type="url" value={photoUrl} onChange={(e) => setPhotoUrl(e.target.value)} error={err("photoUrl")} placeholder="https://…" />
      <Field label="Tags" value={tags} onChange={(e) => setTags(e.target.value)} error={err("tags")} hint="Separated by commas, e.g. vegetarian, spicy" />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Allergens</legend>
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
          {ALLERGENS.map((a) => (
            <label key={a} className="flex min-h-11 items-center gap-2 rounded-lg px-2 text-base capitalize hover:bg-slate-50">
              <input
                type="checkbox"
                className="size-5 accent-brand-700"
                checked={allergens.includes(a)}
                onChange={(e) => setAllergens((s) => (e.target.checked ? [...s, a] : s.filter((x) => x !== a)))}
              />
              {a}
            </label>
          ))}
        </div>
        {err("allergens") ? <p className="mt-1 text-sm font-medium text-red-700">{err("allergens")}</p> : null}
      </fieldset>
      {menu.modifierGroups.length ? (
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">Option groups</legend>
          <div className="grid gap-1 sm:grid-cols-2">
            {menu.modifierGroups.map((g) => (
              <label key={g.id} className="flex min-h-11 items-center gap-2 rounded-lg px-2 text-base hover:bg-slate-50">
                <input
                  type="checkbox"
                  className="size-5 accent-brand-700"
                  checked={groups.includes(g.id)}
                  onChange={(e) => setGroups((s) => (e.target.checked ? [...s, g.id] : s.filter((x) => x !== g.id)))}
                />
                <span>
                  {g.name}{" "}
                  <span className="text-sm text-slate-600">
                    ({g.modifiers.slice(0, 3).map((m) => m.name).join(", ")}
                    {g.modifiers.length > 3 ? "…" : ""})
                  </span>
                </span>
              </label>
            ))}
          </div>
          {err("modifierGroupIds") ? <p className="mt-1 text-sm font-medium text-red-700">{err("modifierGroupIds")}</p> : null}
        </fieldset>
      ) : null}
      <div className="flex items-center justify-between rounded-lg bg-slate-50 px-3">
        <span className="text-base font-medium">Customers can order it</span>
        <Toggle checked={available} onChange={setAvailable} label="Available" onText="Available" offText="Sold out" />
      </div>
      {save.error && !Object.keys(local).length ? (
        <FormAlert tone="error" title="Not saved">
          {messageOf(save.error)}
        </FormAlert>
      ) : null}
      <Button type="submit" pending={save.isPending} pendingLabel="Saving…" className="min-h-12">
        {item ? "Save dish" : "Add dish"}
      </Button>
    </form>
  );
}
