"use client";
// Service zones on the map. Choose a zone to see it; administrators redraw its boundary by
// clicking the map to add corners (or "Pick the centre of the map" from the keyboard), then save.
// PostGIS validates the polygon on the server: a refusal comes back with what is wrong and, where
// PostGIS can tell (a self-intersection, say), the spot — marked on the map. Zones can also be
// switched off in an emergency (new orders stop there) and on again. "New zone" draws one from
// scratch the same way (new-zone-form.tsx).
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Badge } from "@lastmile/ui/badge";
import type { TLngLat, TMapLine, TMapMarker, TMapPolygon } from "@lastmile/ui/map";
import { Map } from "@lastmile/ui/map";

import { messageOf } from "../../_components/trpc-errors";
import { NewZoneForm } from "./new-zone-form";

export type TZone = { id: string; name: string; slug: string; active: boolean; areaName: string; rings: TLngLat[][] };

const LISBON: TLngLat = [-9.15, 38.73];
const btn = "min-h-10 rounded-lg px-3 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-50";

type TProblem = { message: string; at: TLngLat | null };

const locationOf = (error: unknown): TLngLat | null => {
  const details = error instanceof Error && "data" in error ? (error as { data?: { details?: { location?: { lng: number; lat: number } | null } } }).data?.details : undefined;
  return details?.location ? [details.location.lng, details.location.lat] : null;
};

export function ZoneEditor({ zones, areas, canEdit }: { zones: TZone[]; areas: { id: string; name: string }[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [selectedId, setSelectedId] = useState<string | null>(zones[0]?.id ?? null);
  const [drawing, setDrawing] = useState<TLngLat[] | null>(null);
  const [problem, setProblem] = useState<TProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const selected = zones.find((z) => z.id === selectedId) ?? null;

  const update = useMutation(
    trpc.admin.updateZone.mutationOptions({
      onError: (e) => setProblem({ message: messageOf(e), at: locationOf(e) }),
      onSuccess: (z, input) => {
        setProblem(null);
        setDrawing(null);
        setNotice(input.boundary ? `${z.name}: new boundary saved.` : `${z.name} is now ${z.active ? "on" : "switched off"}.`);
        router.refresh();
      },
    }),
  );

  const polygons: TMapPolygon[] = useMemo(
    () => zones.filter((z) => !(drawing && !creating && z.id === selectedId)).map((z) => ({ id: z.id, rings: z.rings, label: z.name, tone: !creating && z.active && z.id === selectedId ? "zone" : "muted" })),
    [zones, drawing, selectedId, creating],
  );
  const lines: TMapLine[] = drawing && drawing.length > 1 ? [{ id: "draft", path: drawing.length > 2 ? [...drawing, drawing[0] as TLngLat] : drawing, kind: "route" }] : [];
  const markers: TMapMarker[] = [
    ...(drawing ?? []).map((p, i) => ({ id: `v-${i}`, at: p, kind: "pin" as const, label: `Corner ${i + 1}` })),
    ...(problem?.at ? [{ id: "problem", at: problem.at, kind: "pin" as const, tone: "bg-rose-700 text-white ring-4 ring-rose-300", label: "The problem is here" }] : []),
  ];
  const fitTo = problem?.at ? [problem.at] : !drawing && selected ? selected.rings[0] : undefined;

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
      <div>
        <Map
          label={drawing ? "Zone map: click to add a corner" : "Zone map"}
          center={LISBON}
          zoom={12}
          polygons={polygons}
          lines={lines}
          markers={markers}
          fitTo={fitTo}
          onPick={drawing ? (at) => setDrawing((d) => [...(d ?? []), [Number(at.lng.toFixed(6)), Number(at.lat.toFixed(6))]]) : undefined}
          className="h-[65vh] min-h-96"
        />
        {drawing && !creating ? (
          <p className="mt-2 text-sm text-slate-700" aria-live="polite">
            {drawing.length} corner{drawing.length === 1 ? "" : "s"} — click the map to add more; the shape closes by itself.
          </p>
        ) : null}
      </div>
      <aside aria-label="Zone" className="space-y-4">
        {creating ? (
          <NewZoneForm
            areas={areas}
            corners={drawing ?? []}
            problem={problem}
            onProblem={(e) => setProblem(e ? { message: messageOf(e), at: locationOf(e) } : null)}
            onUndo={() => setDrawing((d) => (d ?? []).slice(0, -1))}
            onRestart={() => {
              setDrawing([]);
              setProblem(null);
            }}
            onCancel={() => {
              setCreating(false);
              setDrawing(null);
              setProblem(null);
            }}
            onCreated={(z) => {
              setCreating(false);
              setDrawing(null);
              setProblem(null);
              setSelectedId(z.id);
              setNotice(`${z.name} created.`);
              router.refresh();
            }}
          />
        ) : null}
        {canEdit && !creating ? (
          <button
            type="button"
            onClick={() => {
              setCreating(true);
              setDrawing([]);
              setProblem(null);
              setNotice(null);
            }}
            className={`${btn} w-full bg-slate-100 text-slate-900 hover:bg-slate-200`}
          >
            New zone
          </button>
        ) : null}
        <label hidden={creating} className="block text-sm font-medium text-slate-700">
          Zone
          <select
            value={selectedId ?? ""}
            onChange={(e) => {
              setSelectedId(e.target.value);
              setDrawing(null);
              setProblem(null);
              setNotice(null);
            }}
            className="mt-1 block min-h-10 w-full rounded-lg border border-slate-300 bg-white px-2 text-sm"
          >
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
                {z.active ? "" : " (off)"}
              </option>
            ))}
          </select>
        </label>
        {selected && !creating ? (
          <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" aria-labelledby="zone-h">
            <h2 id="zone-h" className="font-semibold text-slate-900">
              {selected.name} {selected.active ? <Badge tone="brand">On</Badge> : <Badge tone="danger">Switched off</Badge>}
            </h2>
            <p className="text-sm text-slate-600">
              {selected.areaName} · {selected.rings[0]?.length ? selected.rings[0].length - 1 : 0} corners
            </p>
            {notice ? (
              <p role="status" className="mt-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
                {notice}
              </p>
            ) : null}
            {problem ? (
              <p role="alert" className="mt-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
                {problem.message}
                {problem.at ? ` The red marker shows where (${problem.at[1].toFixed(5)}, ${problem.at[0].toFixed(5)}).` : ""}
              </p>
            ) : null}
            {canEdit ? (
              <div className="mt-3 flex flex-wrap gap-2">
                {drawing ? (
                  <>
                    <button
                      type="button"
                      disabled={drawing.length < 3 || update.isPending}
                      onClick={() => update.mutate({ zoneId: selected.id, boundary: { type: "Polygon", coordinates: [[...drawing, drawing[0] as TLngLat]] } })}
                      className={`${btn} bg-brand-700 text-white hover:bg-brand-800`}
                    >
                      Save boundary
                    </button>
                    <button type="button" disabled={drawing.length === 0} onClick={() => setDrawing((d) => (d ?? []).slice(0, -1))} className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}>
                      Undo last corner
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setDrawing([]);
                        setProblem(null);
                      }}
                      className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}
                    >
                      Start again
                    </button>
                    <button
                      type="button"
                      onClick={() => {
                        setDrawing(null);
                        setProblem(null);
                      }}
                      className={`${btn} text-slate-700 hover:bg-slate-100`}
                    >
                      Cancel
                    </button>
                  </>
                ) : (
                  <>
                    <button
                      type="button"
                      onClick={() => {
                        setDrawing([]);
                        setNotice(null);
                      }}
                      className={`${btn} bg-brand-700 text-white hover:bg-brand-800`}
                    >
                      Redraw boundary
                    </button>
                    <button
                      type="button"
                      disabled={update.isPending}
                      onClick={() => update.mutate({ zoneId: selected.id, active: !selected.active })}
                      className={`${btn} ${selected.active ? "bg-rose-700 text-white hover:bg-rose-800" : "bg-slate-100 text-slate-900 hover:bg-slate-200"}`}
                    >
                      {selected.active ? "Switch zone off" : "Switch zone on"}
                    </button>
                  </>
                )}
              </div>
            ) : (
              <p className="mt-3 text-sm text-slate-600">Only administrators change zones.</p>
            )}
          </section>
        ) : null}
      </aside>
    </div>
  );
}
