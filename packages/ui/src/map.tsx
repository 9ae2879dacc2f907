"use client";
// The one map of the platform. Offline (no token) it draws with maplibre-gl on a self-contained
// style — a plain background plus whatever polygons, lines and markers the page passes, so the
// demo city needs no tile server; with a Mapbox token it draws the same overlays on a Mapbox
// style with mapbox-gl. The libraries load on the client only, on first render of a map.
import "maplibre-gl/dist/maplibre-gl.css";
import "mapbox-gl/dist/mapbox-gl.css";

import type * as MaplibreGl from "maplibre-gl";
import type { GeoJSONSource, Map as TGlMap, Marker as TGlMarker } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";

type TGlLib = typeof MaplibreGl;

export type TLngLat = [lng: number, lat: number];

export type TMapMarker = {
  id: string;
  at: TLngLat;
  /** Read by screen readers and shown as the marker's tooltip. */
  label: string;
  kind?: "pin" | "merchant" | "courier" | "dropoff";
  /** Colour classes in place of the kind's own, e.g. a courier's state on the ops map; kept up to date. */
  tone?: string;
};

export type TMapPolygon = { id: string; rings: TLngLat[][]; label?: string; tone?: "zone" | "muted" };
export type TMapLine = { id: string; path: TLngLat[]; kind?: "street" | "route" };

export type TMapProps = {
  /** The map's accessible name, e.g. "Where we deliver". */
  label: string;
  center: TLngLat;
  zoom?: number;
  polygons?: TMapPolygon[];
  lines?: TMapLine[];
  markers?: TMapMarker[];
  /** Keep these points in view (the view refits when the set changes). */
  fitTo?: TLngLat[];
  /** Click (or "Pick the centre" by keyboard) to choose a point. */
  onPick?: (at: { lng: number; lat: number }) => void;
  /** With a token the map uses mapbox-gl and `mapboxStyle`; without, maplibre-gl offline. */
  mapboxToken?: string | null;
  mapboxStyle?: string;
  className?: string;
};

const OFFLINE_STYLE = {
  version: 8 as const,
  sources: {},
  layers: [{ id: "background", type: "background" as const, paint: { "background-color": "#eef2f1" } }],
};

const MARKER_CLASS: Record<NonNullable<TMapMarker["kind"]>, { className: string; text: string }> = {
  pin: { className: "bg-brand-700 text-white", text: "●" },
  merchant: { className: "bg-amber-600 text-white", text: "R" },
  courier: { className: "bg-sky-700 text-white ring-4 ring-sky-300/60", text: "C" },
  dropoff: { className: "bg-slate-900 text-white", text: "⌂" },
};

const polygonData = (polygons: TMapPolygon[]) => ({
  type: "FeatureCollection" as const,
  features: polygons.map((p) => ({
    type: "Feature" as const,
    id: p.id,
    properties: { id: p.id, tone: p.tone ?? "zone" },
    geometry: { type: "Polygon" as const, coordinates: p.rings },
  })),
});

const lineData = (lines: TMapLine[]) => ({
  type: "FeatureCollection" as const,
  features: lines.map((l) => ({
    type: "Feature" as const,
    properties: { id: l.id, kind: l.kind ?? "street" },
    geometry: { type: "LineString" as const, coordinates: l.path },
  })),
});

function addOverlays(map: TGlMap) {
  map.addSource("lm-polygons", { type: "geojson", data: polygonData([]) });
  map.addSource("lm-lines", { type: "geojson", data: lineData([]) });
  map.addLayer({
    id: "lm-polygon-fill",
    type: "fill",
    source: "lm-polygons",
    paint: { "fill-color": ["match", ["get", "tone"], "muted", "#94a3b8", "#0f766e"], "fill-opacity": 0.14 },
  });
  map.addLayer({
    id: "lm-street",
    type: "line",
    source: "lm-lines",
    filter: ["==", ["get", "kind"], "street"],
    paint: { "line-color": "#ffffff", "line-width": ["interpolate", ["linear"], ["zoom"], 11, 2, 16, 8] },
  });
  map.addLayer({
    id: "lm-street-casing",
    type: "line",
    source: "lm-lines",
    filter: ["==", ["get", "kind"], "street"],
    paint: { "line-color": "#cbd5e1", "line-width": 1 },
  });
  map.addLayer({
    id: "lm-polygon-outline",
    type: "line",
    source: "lm-polygons",
    paint: { "line-color": ["match", ["get", "tone"], "muted", "#64748b", "#0f766e"], "line-width": 2 },
  });
  map.addLayer({
    id: "lm-route",
    type: "line",
    source: "lm-lines",
    filter: ["==", ["get", "kind"], "route"],
    layout: { "line-cap": "round" },
    paint: { "line-color": "#0369a1", "line-width": 4, "line-dasharray": [1, 2] },
  });
}

const markerClass = (m: TMapMarker) =>
  `grid size-8 place-items-center rounded-full border-2 border-white text-sm font-bold shadow-md ${m.tone ?? MARKER_CLASS[m.kind ?? "pin"].className}`;

function markerElement(m: TMapMarker) {
  const el = document.createElement("div");
  const look = MARKER_CLASS[m.kind ?? "pin"];
  el.className = markerClass(m);
  el.dataset.tone = m.tone ?? look.className;
  el.textContent = look.text;
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", m.label);
  el.title = m.label;
  el.dataset.marker = m.kind ?? "pin";
  return el;
}

/** Each gliding marker's pending frame and destination, so a newer glide can stop the one it replaces. */
const glides = new WeakMap<TGlMarker, { frame: number; to: TLngLat }>();

function stopGlide(marker: TGlMarker) {
  const running = glides.get(marker);
  if (running) cancelAnimationFrame(running.frame);
  glides.delete(marker);
  marker.getElement().removeAttribute("aria-busy");
}

/**
 * Glides a marker to its new spot in ~0.8 s (at once when the person prefers reduced motion).
 * A position that arrives mid-glide takes over from wherever the marker is: two loops animating
 * one marker would fight frame by frame. The marker is aria-busy while it moves.
 */
function glide(marker: TGlMarker, to: TLngLat) {
  const running = glides.get(marker);
  // A re-render while already on the way there: let the glide finish as it is.
  if (running && running.to[0] === to[0] && running.to[1] === to[1]) return;
  stopGlide(marker);
  const from = marker.getLngLat();
  if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) return void marker.setLngLat(to);
  marker.getElement().setAttribute("aria-busy", "true");
  const start = performance.now();
  const step = (now: number) => {
    const t = Math.min(1, (now - start) / 800);
    marker.setLngLat([from.lng + (to[0] - from.lng) * t, from.lat + (to[1] - from.lat) * t]);
    if (t < 1) glides.set(marker, { frame: requestAnimationFrame(step), to });
    else stopGlide(marker);
  };
  glides.set(marker, { frame: requestAnimationFrame(step), to });
}

export function Map({
  label,
  center,
  zoom = 13,
  polygons = [],
  lines = [],
  markers = [],
  fitTo,
  onPick,
  mapboxToken,
  mapboxStyle = "mapbox://styles/mapbox/streets-v12",
  className,
}: TMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<TGlMap | null>(null);
  const markerRefs = useRef(new globalThis.Map<string, TGlMarker>());
  const libRef = useRef<{ Marker: typeof TGlMarker } | null>(null);
  const onPickRef = useRef(onPick);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    onPickRef.current = onPick;
  }, [onPick]);

  // Create the map once; the overlays follow the props in the effects below.
  useEffect(() => {
    let cancelled = false;
    const markersNow = markerRefs.current;
    void (async () => {
      try {
        // mapbox-gl v3 and maplibre-gl v5 share the API this component uses.
        const lib = mapboxToken ? ((await import("mapbox-gl")).default as unknown as TGlLib) : await import("maplibre-gl");
        if (cancelled || !container.current) return;
        if (mapboxToken) (lib as unknown as { accessToken: string }).accessToken = mapboxToken;
        const map = new lib.Map({
          container: container.current,
          style: mapboxToken ? mapboxStyle : OFFLINE_STYLE,
          center,
          zoom,
          attributionControl: mapboxToken ? undefined : false,
        });
        map.addControl(new lib.NavigationControl({ showCompass: false }), "top-right");
        map.getCanvas().setAttribute("aria-label", label);
        map.on("click", (e) => onPickRef.current?.({ lng: e.lngLat.lng, lat: e.lngLat.lat }));
        map.on("load", () => {
          if (cancelled) return;
          addOverlays(map);
          setReady(true);
        });
        map.on("error", (e) => {
          // Tiles that fail on a flaky network are retried by the library; a style that cannot
          // load at all leaves an empty map, which is worth saying.
          if (!map.isStyleLoaded()) setFailed(e.error instanceof Error ? e.error.message : "The map could not load.");
        });
        mapRef.current = map;
        libRef.current = lib;
      } catch (error) {
        if (!cancelled) setFailed(error instanceof Error ? error.message : "The map could not load.");
      }
    })();
    return () => {
      cancelled = true;
      for (const m of markersNow.values()) {
        stopGlide(m);
        m.remove();
      }
      markersNow.clear();
      mapRef.current?.remove();
      mapRef.current = null;
      setReady(false);
    };
    // The map is created once per token; later prop changes move the view or the overlays.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapboxToken]);

  useEffect(() => {
    if (!ready) return;
    (mapRef.current?.getSource("lm-polygons") as GeoJSONSource | undefined)?.setData(polygonData(polygons));
  }, [ready, polygons]);

  useEffect(() => {
    if (!ready) return;
    (mapRef.current?.getSource("lm-lines") as GeoJSONSource | undefined)?.setData(lineData(lines));
  }, [ready, lines]);

  useEffect(() => {
    const map = mapRef.current;
    const lib = libRef.current;
    if (!ready || !map || !lib) return;
    const current = markerRefs.current;
    for (const [id, marker] of current) {
      if (!markers.some((m) => m.id === id)) {
        stopGlide(marker);
        marker.remove();
        current.delete(id);
      }
    }
    for (const m of markers) {
      const existing = current.get(m.id);
      if (existing) {
        const at = existing.getLngLat();
        if (at.lng !== m.at[0] || at.lat !== m.at[1]) glide(existing, m.at);
        existing.getElement().setAttribute("aria-label", m.label);
        existing.getElement().title = m.label;
        // Swap only the tone's classes: the library keeps its own (position, anchor) on the element.
        const el = existing.getElement();
        const tone = m.tone ?? MARKER_CLASS[m.kind ?? "pin"].className;
        if (el.dataset.tone !== tone) {
          el.classList.remove(...(el.dataset.tone ?? "").split(" ").filter(Boolean));
          el.classList.add(...tone.split(" ").filter(Boolean));
          el.dataset.tone = tone;
        }
      } else {
        current.set(m.id, new lib.Marker({ element: markerElement(m) }).setLngLat(m.at).addTo(map));
      }
    }
  }, [ready, markers]);

  const fitKey = fitTo ? JSON.stringify(fitTo) : "";
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !fitTo || fitTo.length === 0) return;
    if (fitTo.length === 1) return void map.easeTo({ center: fitTo[0], zoom: Math.max(map.getZoom(), 14) });
    const lngs = fitTo.map((p) => p[0]);
    const lats = fitTo.map((p) => p[1]);
    map.fitBounds(
      [
        [Math.min(...lngs), Math.min(...lats)],
        [Math.max(...lngs), Math.max(...lats)],
      ],
      { padding: 48, maxZoom: 15, duration: 0 },
    );
    // fitKey stands for fitTo's content; a new array with the same points must not refit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, fitKey]);

  return (
    <div className={`relative overflow-hidden rounded-xl border border-slate-200 bg-[#eef2f1] ${className ?? "h-72"}`}>
      {/* The library's canvas carries the role (region) and the accessible name. Inline position:
          the library's stylesheet makes its container relative, which would collapse it to 0 px. */}
      <div ref={container} style={{ position: "absolute", inset: 0 }} data-map-ready={ready || undefined} />
      {onPick ? (
        <>
          <span aria-hidden className="pointer-events-none absolute top-1/2 left-1/2 -translate-1/2 text-2xl text-slate-500">
            +
          </span>
          <button
            type="button"
            disabled={!ready}
            onClick={() => {
              const c = mapRef.current?.getCenter();
              if (c) onPickRef.current?.({ lng: c.lng, lat: c.lat });
            }}
            className="absolute bottom-3 left-3 rounded-lg bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400"
          >
            Pick the centre of the map
          </button>
        </>
      ) : null}
      {failed ? (
        <p role="status" className="absolute inset-x-3 top-3 rounded-lg bg-white/95 p-3 text-sm text-slate-700 shadow">
          The map could not be shown ({failed}). Everything else on this page still works.
        </p>
      ) : null}
    </div>
  );
}
