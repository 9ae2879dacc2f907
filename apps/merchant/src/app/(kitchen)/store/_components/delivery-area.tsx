"use client";
// Where the restaurant delivers, against the platform's service zones: the radius as a circle, or
// an area drawn point by point on the map (tap, or "Pick the centre" from the keyboard). PostGIS
// has the last word on the drawn area; its verdict is shown as it says it.
import { useMemo, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { FormAlert } from "@lastmile/ui/form";
import type { TLngLat, TMapPolygon } from "@lastmile/ui/map";
import { Map } from "@lastmile/ui/map";

import { fieldError, messageOf } from "../../_components/trpc-errors";
import type { TStore } from "./store-settings";

/** A circle of `radiusM` around a point as a 64-sided ring (good to a few metres at city scale). */
function circle(center: { lng: number; lat: number }, radiusM: number): TLngLat[] {
  const dLat = radiusM / 111_320;
  const dLng = radiusM / (111_320 * Math.cos((center.lat * Math.PI) / 180));
  return Array.from({ length: 65 }, (_, i) => {
    const a = (i / 64) * 2 * Math.PI;
    return [center.lng + dLng * Math.cos(a), center.lat + dLat * Math.sin(a)] as TLngLat;
  });
}

const button =
  "inline-flex min-h-12 items-center justify-center rounded-xl px-4 text-base font-semibold ring-2 ring-inset disabled:opacity-50";

export function DeliveryArea({ merchantId, store, onSaved }: { merchantId: string; store: TStore; onSaved: () => unknown }) {
  const trpc = useTRPC();
  const { data: city } = useQuery(trpc.catalog.cityMap.queryOptions());
  const save = useMutation(
    trpc.merchant.setDeliveryArea.mutationOptions({
      onSuccess: () => {
        setDraft(null);
        void onSaved();
      },
    }),
  );
  const [draft, setDraft] = useState<TLngLat[] | null>(null);
  const drawing = draft !== null;
  const at: TLngLat = [store.location.lng, store.location.lat];

  const polygons = useMemo<TMapPolygon[]>(() => {
    const zones: TMapPolygon[] = (city?.zones ?? []).map((z) => ({ id: `zone-${z.id}`, rings: z.coordinates, label: z.name, tone: "muted" }));
    const ours: TMapPolygon[] = drawing
      ? draft.length >= 3
        ? [{ id: "draft", rings: [[...draft, draft[0] as TLngLat]], label: "New delivery area", tone: "zone" }]
        : []
      : store.deliveryArea
        ? [{ id: "area", rings: store.deliveryArea.coordinates, label: "Delivery area", tone: "zone" }]
        : store.deliveryRadiusM
          ? [{ id: "radius", rings: [circle(store.location, store.deliveryRadiusM)], label: "Delivery radius", tone: "zone" }]
          : [];
    return [...zones, ...ours];
  }, [city, drawing, draft, store]);

  // Frame the current area or radius (not while drawing: the view must hold still under the finger).
  const fitTo = useMemo(() => (drawing ? undefined : polygons.find((p) => !p.id.startsWith("zone-"))?.rings[0]), [drawing, polygons]);
  const markers = [
    { id: "restaurant", at, label: store.name, kind: "merchant" as const },
    ...(draft ?? []).map((p, i) => ({ id: `p${i}`, at: p, label: `Point ${i + 1}`, kind: "pin" as const })),
  ];
  const error = save.error ? (fieldError(save.error, "boundary") ?? messageOf(save.error)) : null;

  return (
    <section aria-labelledby="area-h" className="rounded-2xl bg-white p-4 shadow-sm sm:p-5">
      <h2 id="area-h" className="text-xl font-semibold">
        Where you deliver
      </h2>
      <p className="mt-1 text-base text-slate-700">
        {drawing
          ? `Tap the map to place the corners of the area (${draft.length} so far, at least 3), around the R marker.`
          : store.hasDeliveryArea
            ? "Customers inside the drawn area can order. Grey areas are Lastmile's service zones."
            : `Customers within ${store.deliveryRadiusM ?? 0} m can order. Grey areas are Lastmile's service zones.`}
      </p>
      <div className="mt-3">
        <Map
          label="Delivery area of the restaurant and the service zones"
          center={at}
          zoom={13}
          polygons={polygons}
          markers={markers}
          fitTo={fitTo}
          onPick={drawing ? (p) => setDraft((d) => [...(d ?? []), [p.lng, p.lat]]) : undefined}
          className="h-[28rem] w-full overflow-hidden rounded-xl"
        />
      </div>
      {error ? (
        <div className="mt-3">
          <FormAlert tone="error" title="Area not saved">
            {error}
          </FormAlert>
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {drawing ? (
          <>
            <button
              type="button"
              disabled={draft.length < 3 || save.isPending}
              onClick={() => save.mutate({ merchantId, boundary: { type: "Polygon", coordinates: [[...draft, draft[0] as TLngLat]] } })}
              className={`${button} bg-brand-700 text-white ring-brand-700`}
            >
              {save.isPending ? "Checking…" : "Save area"}
            </button>
            <button type="button" disabled={draft.length === 0} onClick={() => setDraft((d) => (d ?? []).slice(0, -1))} className={`${button} bg-white ring-slate-300`}>
              Undo last point
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft(null);
                save.reset();
              }}
              className={`${button} bg-white ring-slate-300`}
            >
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => setDraft([])} className={`${button} bg-white ring-slate-300`}>
              {store.hasDeliveryArea ? "Draw a new area" : "Draw an area instead"}
            </button>
            {store.hasDeliveryArea ? (
              <button
                type="button"
                disabled={save.isPending}
                onClick={() => save.mutate({ merchantId, boundary: null })}
                className={`${button} bg-white ring-slate-300`}
              >
                Use the radius instead
              </button>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
