"use client";
// The shared map, loaded in the browser only (maplibre/mapbox need a DOM and weigh ~250 kB), with
// a calm placeholder of the same size while it loads.
import dynamic from "next/dynamic";

export const Map = dynamic(() => import("@lastmile/ui/map").then((m) => m.Map), {
  ssr: false,
  loading: () => (
    <div className="grid h-72 place-items-center rounded-xl border border-slate-200 bg-[#eef2f1] text-sm text-slate-600">
      Loading the map…
    </div>
  ),
});
