"use client";
// Pricing changes in three steps, each audited by the API: propose a new version through the form
// (validated by the server, errors under their fields), read it as a diff against the active
// version, then activate it. Any earlier version can be activated again to roll back.
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Badge } from "@lastmile/ui/badge";
import { formatMoney } from "@lastmile/ui/format";
import { Th } from "@lastmile/ui/table";

import { formatDateTime } from "~/lib/time";

import { fieldError, messageOf } from "../../_components/trpc-errors";
import { display, fromInput, PRICING_FIELDS, toInput } from "./fields";

export type TVersion = { version: number; active: boolean; note: string | null; createdAt: Date; activatedAt: Date | null; value: Record<string, unknown> };

const btn = "min-h-10 rounded-lg px-4 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-60";

export function Diff({ from, to, currency }: { from: Record<string, unknown> | null; to: Record<string, unknown>; currency: string }) {
  const changed = PRICING_FIELDS.filter((f) => from?.[f.key] !== to[f.key]);
  if (changed.length === 0) return <p className="text-sm text-slate-600">Same as the active version.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Changes against the active version</caption>
      <thead>
        <tr className="text-left text-slate-600">
          <Th className="py-1 font-medium">Setting</Th>
          <Th className="py-1 font-medium">Active</Th>
          <Th className="py-1 font-medium">This version</Th>
        </tr>
      </thead>
      <tbody>
        {changed.map((f) => (
          <tr key={f.key} className="border-t border-slate-100">
            <th scope="row" className="py-1 pr-3 text-left font-medium text-slate-900">
              {f.label}
            </th>
            <td className="py-1 pr-3 text-rose-800 line-through decoration-rose-400">{from ? display(f.kind, from[f.key], currency) : "—"}</td>
            <td className="py-1 font-semibold text-emerald-800">{display(f.kind, to[f.key], currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The same sample basket priced under the active version and under the draft, line by line. */
function QuotePreview({ draft, currency }: { draft: Record<string, unknown>; currency: string }) {
  const trpc = useTRPC();
  const complete = PRICING_FIELDS.every((f) => draft[f.key] !== null);
  const preview = useQuery({ ...trpc.admin.previewQuote.queryOptions({ draft, subtotalCents: 1800, distanceM: 2500 }), enabled: complete, placeholderData: keepPreviousData });
  const d = preview.data;
  const codes = d ? [...new Set([...d.active.lines, ...d.draft.lines].map((l) => l.code))] : [];
  const amount = (lines: { code: string; amountCents: number }[], code: string) => lines.find((l) => l.code === code)?.amountCents ?? 0;
  return (
    <section aria-labelledby="quote-h" className="mt-4 rounded-lg bg-slate-50 p-3">
      <h3 id="quote-h" className="mb-2 text-sm font-semibold text-slate-800">
        Sample quote: {formatMoney(1800, currency)} basket, 2.5 km, no surge
      </h3>
      {preview.error ? <p className="text-sm text-rose-800">{messageOf(preview.error)}</p> : null}
      {d ? (
        <table className="w-full text-sm">
          <caption className="sr-only">Sample quote under the active version and under this draft</caption>
          <thead>
            <tr className="text-left text-slate-600">
              <Th className="py-1 font-medium">Line</Th>
              <Th className="py-1 text-right font-medium">Active (v{d.activeVersion})</Th>
              <Th className="py-1 text-right font-medium">This draft</Th>
            </tr>
          </thead>
          <tbody>
            {codes.map((code) => {
              const label = [...d.draft.lines, ...d.active.lines].find((l) => l.code === code)?.label ?? code;
              const a = amount(d.active.lines, code);
              const b = amount(d.draft.lines, code);
              return (
                <tr key={code} className="border-t border-slate-200">
                  <th scope="row" className="py-1 text-left font-normal text-slate-800">
                    {label}
                  </th>
                  <td className="py-1 text-right tabular-nums text-slate-700">{formatMoney(a, currency)}</td>
                  <td className={`py-1 text-right tabular-nums ${a === b ? "text-slate-700" : "font-semibold text-slate-900"}`}>{formatMoney(b, currency)}</td>
                </tr>
              );
            })}
            <tr className="border-t-2 border-slate-300">
              <th scope="row" className="py-1 text-left font-semibold text-slate-900">
                Customer pays
              </th>
              <td className="py-1 text-right font-semibold tabular-nums">{formatMoney(d.active.totalCents, currency)}</td>
              <td className="py-1 text-right font-semibold tabular-nums">{formatMoney(d.draft.totalCents, currency)}</td>
            </tr>
            <tr>
              <th scope="row" className="py-1 text-left font-normal text-slate-700">
                Courier earns
              </th>
              <td className="py-1 text-right tabular-nums text-slate-700">{formatMoney(d.active.courierFeeCents, currency)}</td>
              <td className="py-1 text-right tabular-nums text-slate-700">{formatMoney(d.draft.courierFeeCents, currency)}</td>
            </tr>
          </tbody>
        </table>
      ) : complete ? (
        <p className="text-sm text-slate-600">Pricing the sample…</p>
      ) : (
        <p className="text-sm text-slate-600">Fill in every field to see the sample quote.</p>
      )}
    </section>
  );
}

export function PricingEditor({ versions }: { versions: TVersion[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const active = versions.find((v) => v.active) ?? null;
  const currency = String(active?.value.currency ?? "EUR");
  const [form, setForm] = useState<Record<string, string>>(() =>
    Object.fromEntries(PRICING_FIELDS.map((f) => [f.key, toInput(f.kind, Number(active?.value[f.key] ?? 0))])),
  );
  const [note, setNote] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);

  const draft = useMemo(() => {
    const v: Record<string, unknown> = { ...(active?.value ?? {}) };
    for (const f of PRICING_FIELDS) v[f.key] = fromInput(f.kind, form[f.key] ?? "");
    return v;
  }, [form, active]);

  const propose = useMutation(
    trpc.admin.proposeConfig.mutationOptions({
      onSuccess: (row) => {
        setNotice(`Version ${row?.version} saved as a proposal. Check the changes below, then activate it.`);
        setNote("");
        router.refresh();
      },
    }),
  );
  const activate = useMutation(
    trpc.admin.activateConfig.mutationOptions({
      onSuccess: (row) => {
        setNotice(`Version ${row?.version} is now active: new quotes use it.`);
        router.refresh();
      },
    }),
  );
  const errorFor = (key: string) => localErrors[key] ?? fieldError(propose.error, key);

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_1fr]">
      <section aria-labelledby="edit-h" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 id="edit-h" className="mb-1 text-lg font-semibold text-slate-900">
          Propose a change
        </h2>
        <p className="mb-4 text-sm text-slate-600">Starts from the active version{active ? ` (v${active.version})` : ""}. Nothing changes for customers until a version is activated.</p>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setNotice(null);
            const errs: Record<string, string> = {};
            for (const f of PRICING_FIELDS) if (draft[f.key] === null) errs[f.key] = `Enter ${f.label.toLowerCase()} as a number.`;
            setLocalErrors(errs);
            const first = Object.keys(errs)[0];
            if (first) return document.getElementById(`f-${first}`)?.focus();
            propose.mutate({ key: "pricing", value: draft, note });
          }}
        >
          <div className="grid gap-3 sm:grid-cols-2">
            {PRICING_FIELDS.map((f) => {
              const err = errorFor(f.key);
              return (
                <div key={f.key}>
                  <label htmlFor={`f-${f.key}`} className="block text-sm font-medium text-slate-800">
                    {f.label} <span className="font-normal text-slate-500">({f.kind === "money" ? currency : f.kind === "percent" ? "%" : "×"})</span>
                  </label>
                  <input
                    id={`f-${f.key}`}
                    inputMode="decimal"
                    value={form[f.key] ?? ""}
                    onChange={(e) => setForm((s) => ({ ...s, [f.key]: e.target.value }))}
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `e-${f.key}` : f.hint ? `h-${f.key}` : undefined}
                    className={`mt-1 block min-h-10 w-full rounded-lg border px-3 tabular-nums ${err ? "border-rose-600" : "border-slate-300"}`}
                  />
                  {err ? (
                    <p id={`e-${f.key}`} className="mt-1 text-sm text-rose-800">
                      {err}
                    </p>
                  ) : f.hint ? (
                    <p id={`h-${f.key}`} className="mt-1 text-xs text-slate-500">
                      {f.hint}
                    </p>
                  ) : null}
                </div>
              );
            })}
          </div>
          <label htmlFor="f-note" className="mt-4 block text-sm font-medium text-slate-800">
            What changes and why
          </label>
          <input
            id="f-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={fieldError(propose.error, "note") ? true : undefined}
            className="mt-1 block min-h-10 w-full rounded-lg border border-slate-300 px-3"
            placeholder="e.g. Rain week: higher base fee"
          />
          {fieldError(propose.error, "note") ? <p className="mt-1 text-sm text-rose-800">{fieldError(propose.error, "note")}</p> : null}
          <div className="mt-4 rounded-lg bg-slate-50 p-3">
            <h3 className="mb-2 text-sm font-semibold text-slate-800">Changes against the active version</h3>
            <Diff from={active?.value ?? null} to={draft} currency={currency} />
          </div>
          <QuotePreview draft={draft} currency={currency} />
          {propose.error && !Object.keys(localErrors).length ? (
            <p role="alert" className="mt-3 text-sm text-rose-800">
              {messageOf(propose.error)}
            </p>
          ) : null}
          <button type="submit" disabled={propose.isPending} className={`${btn} mt-4 bg-brand-700 text-white hover:bg-brand-800`}>
            Save as a proposal
          </button>
        </form>
      </section>

      <section aria-labelledby="versions-h">
        <h2 id="versions-h" className="mb-3 text-lg font-semibold text-slate-900">
          Versions
        </h2>
        {notice ? (
          <p role="status" className="mb-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
            {notice}
          </p>
        ) : null}
        {activate.error ? (
          <p role="alert" className="mb-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
            {messageOf(activate.error)}
          </p>
        ) : null}
        <ol className="space-y-3">
          {versions.map((v) => (
            <li key={v.version} aria-label={`Version ${v.version}${v.active ? " (active)" : ""}`} className={`rounded-xl border bg-white p-4 shadow-sm ${v.active ? "border-brand-600" : "border-slate-200"}`}>
              <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                <p className="font-semibold text-slate-900">
                  Version {v.version} {v.active ? <Badge tone="brand">Active</Badge> : active && v.version < active.version ? <Badge>Earlier</Badge> : <Badge tone="info">Proposal</Badge>}
                </p>
                <p className="text-xs text-slate-500">
                  {formatDateTime(v.createdAt)}
                </p>
              </div>
              {v.note ? <p className="mb-2 text-sm text-slate-700">“{v.note}”</p> : null}
              {v.active ? null : (
                <>
                  <Diff from={active?.value ?? null} to={v.value} currency={currency} />
                  <button
                    type="button"
                    disabled={activate.isPending}
                    onClick={() => activate.mutate({ key: "pricing", version: v.version })}
                    className={`${btn} mt-3 ${active && v.version < active.version ? "bg-slate-100 text-slate-900 hover:bg-slate-200" : "bg-brand-700 text-white hover:bg-brand-800"}`}
                  >
                    {active && v.version < active.version ? `Roll back to version ${v.version}` : `Activate version ${v.version}`}
                  </button>
                </>
              )}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
