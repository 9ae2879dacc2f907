"use client";
// A new service zone: its name, a short name for links (made from the name until edited), the
// municipality it belongs to, and the corners clicked on the map beside it. PostGIS checks the
// polygon on the server; a refusal about the shape goes back to the map (with its red marker),
// one about a field is shown under that field.
import { useId, useState } from "react";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import type { TLngLat } from "@lastmile/ui/map";

import { fieldError } from "../../_components/trpc-errors";

const btn =
  "min-h-10 rounded-lg px-3 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-50";
const input =
  "mt-1 block min-h-10 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-700 aria-invalid:border-rose-600";

/** "Campo de Ourique" → "campo-de-ourique": what the zone is called in links and exports. */
export const slugOf = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);

const SLUG_HINT = "Lowercase letters, digits and dashes; used in links.";

export type TNewZoneProblem = { message: string; at: TLngLat | null };

export function NewZoneForm({
  areas,
  corners,
  problem,
  onProblem,
  onUndo,
  onRestart,
  onCancel,
  onCreated,
}: {
  areas: { id: string; name: string }[];
  corners: TLngLat[];
  problem: TNewZoneProblem | null;
  onProblem: (error: unknown | null) => void;
  onUndo: () => void;
  onRestart: () => void;
  onCancel: () => void;
  onCreated: (zone: { id: string; name: string }) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState<string | null>(null);
  const [areaId, setAreaId] = useState(areas[0]?.id ?? "");
  // A refusal of a field stays under the field; one of the shape goes to the map.
  const create = useMutation(
    trpc.admin.createZone.mutationOptions({
      onError: (e) =>
        onProblem(["name", "slug", "areaId"].some((f) => fieldError(e, f)) ? null : e),
      onSuccess: (z) => onCreated({ id: z.id, name: z.name }),
    }),
  );
  const shortName = slug ?? slugOf(name);
  const errorOf = (field: string) => (create.error ? fieldError(create.error, field) : null);
  /** Under a field: the server's refusal of it, else its hint. */
  const fieldMessage = (field: string, hint?: string) => {
    const error = errorOf(field);
    if (!error && !hint) return null;
    return (
      <p
        id={`${id}-${field}-msg`}
        className={error ? "mt-1 text-sm font-medium text-rose-800" : "mt-1 text-xs text-slate-600"}
      >
        {error ?? hint}
      </p>
    );
  };
  const describedBy = (field: string, hint?: string) =>
    errorOf(field) || hint ? `${id}-${field}-msg` : undefined;

  return (
    <form
      aria-labelledby={`${id}-h`}
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          name,
          slug: shortName,
          areaId,
          boundary: { type: "Polygon", coordinates: [[...corners, corners[0] as TLngLat]] },
        });
      }}
    >
      <h2 id={`${id}-h`} className="font-semibold text-slate-900">
        New zone
      </h2>
      <p className="text-sm text-slate-700" aria-live="polite">
        {corners.length} corner{corners.length === 1 ? "" : "s"} — click the map to add them; the
        shape closes by itself.
      </p>
      <div>
        <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700">
          Name
        </label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          minLength={2}
          maxLength={80}
          aria-invalid={errorOf("name") ? true : undefined}
          aria-describedby={describedBy("name")}
          className={input}
        />
        {fieldMessage("name")}
      </div>
      <div>
        <label htmlFor={`${id}-slug`} className="block text-sm font-medium text-slate-700">
          Short name
        </label>
        <input
          id={`${id}-slug`}
          value={shortName}
          onChange={(e) => setSlug(e.target.value)}
          required
          aria-invalid={errorOf("slug") ? true : undefined}
          aria-describedby={describedBy("slug", SLUG_HINT)}
          className={input}
        />
        {fieldMessage("slug", SLUG_HINT)}
      </div>
      <div>
        <label htmlFor={`${id}-area`} className="block text-sm font-medium text-slate-700">
          Belongs to
        </label>
        <select
          id={`${id}-area`}
          value={areaId}
          onChange={(e) => setAreaId(e.target.value)}
          required
          aria-invalid={errorOf("areaId") ? true : undefined}
          aria-describedby={describedBy("areaId")}
          className={input}
        >
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        {fieldMessage("areaId")}
      </div>
      {problem ? (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {problem.message}
          {problem.at
            ? ` The red marker shows where (${problem.at[1].toFixed(5)}, ${problem.at[0].toFixed(5)}).`
            : ""}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={corners.length < 3 || create.isPending}
          className={`${btn} bg-brand-700 text-white hover:bg-brand-800`}
        >
          Create zone
        </button>
        <button
          type="button"
          disabled={corners.length === 0}
          onClick={onUndo}
          className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}
        >
          Undo last corner
        </button>
        <button
          type="button"
          onClick={onRestart}
          className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}
        >
          Start again
        </button>
        <button
          type="button"
          onClick={onCancel}
          className={`${btn} text-slate-700 hover:bg-slate-100`}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
