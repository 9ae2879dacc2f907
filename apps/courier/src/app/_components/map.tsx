"use client";
// The shared map, loaded in the browser only (maplibre needs a DOM and weighs ~250 kB), with a
// placeholder of the same size while it loads — or while the phone has no connection for it.
import dynamic from "next/dynamic";

export const Map = dynamic(() => import("@lastmile/ui/map").then((m) => m.Map), {
  ssr: false,
  loading: () => (
    <div className="grid h-56 place-items-center rounded-xl border border-slate-300 bg-[#eef2f1] text-base text-slate-700">
      Loading the map…
    </div>
  ),
});
