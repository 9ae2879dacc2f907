"use client";
// Four ways to say where the food goes — a saved address, a search, the browser's location, a
// point on the map — converging on one candidate that the server checks against the service
// zones before the customer confirms it.
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState, useTransition } from "react";

import type { RouterOutputs } from "@lastmile/api";
import { useTRPC } from "@lastmile/api/react";
import { Button, FormAlert } from "@lastmile/ui/form";

import { chooseDropoff } from "~/app/_actions/dropoff";
import { Map } from "~/app/_components/map";
import type { TDropoffChoice } from "~/lib/dropoff";

type TCityMap = RouterOutputs["catalog"]["cityMap"];
type TSaved = { addressId: string; name: string; label: string; detail: string; lng: number; lat: number };
type TCandidate = TDropoffChoice & { source: "saved" | "search" | "location" | "map" };
type TPlace = { label: string; detail: string; lng: number; lat: number };

const round = (n: number) => Math.round(n * 10000) / 10000;

/** Mapbox forward geocoding, near Lisbon, when a token is configured. */
async function mapboxSearch(query: string, token: string, signal: AbortSignal): Promise<TPlace[]> {
  const url = new URL("https://api.mapbox.com/search/geocode/v6/forward");
  url.search = new URLSearchParams({ q: query, access_token: token, proximity: "-9.14,38.72", country: "pt", limit: "6", language: "en" }).toString();
  const res = await fetch(url, { signal });
  if (!res.ok) throw new Error(`Address search failed (${res.status}).`);
  const body = (await res.json()) as {
    features: { geometry: { coordinates: [number, number] }; properties: { name: string; place_formatted?: string } }[];
  };
  return body.features.map((f) => ({ label: f.properties.name, detail: f.properties.place_formatted ?? "", lng: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
}

function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const section = "rounded-xl border border-slate-200 bg-white p-4 shadow-sm";
const heading = "mb-3 text-base font-semibold text-slate-900";
const choice =
  "flex w-full flex-col items-start rounded-lg border border-slate-200 px-3 py-2 text-left hover:border-brand-600 hover:bg-brand-50 aria-pressed:border-brand-700 aria-pressed:bg-brand-50";

export function AddressPicker({
  city,
  saved,
  current,
  mapboxToken,
}: {
  city: TCityMap;
  saved: TSaved[];
  current: TDropoffChoice | null;
  mapboxToken?: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const searchId = useId();
  const [candidate, setCandidate] = useState<TCandidate | null>(current ? { ...current, source: "saved" } : null);
  const [query, setQuery] = useState("");
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const debounced = useDebounced(query.trim(), 250);

  const offline = useQuery({
    ...trpc.catalog.searchPlaces.queryOptions({ query: debounced }),
    enabled: !mapboxToken && debounced.length >= 2,
  });
  const online = useQuery({
    queryKey: ["mapbox-geocode", debounced],
    queryFn: ({ signal }) => mapboxSearch(debounced, mapboxToken ?? "", signal),
    enabled: Boolean(mapboxToken) && debounced.length >= 2,
  });
  const search = mapboxToken ? online : offline;
  const results: TPlace[] = search.data ?? [];

  const zone = useQuery({
    ...trpc.catalog.deliveryZone.queryOptions(candidate ? { lng: candidate.lng, lat: candidate.lat } : { lng: 0, lat: 0 }),
    enabled: candidate !== null,
  });

  const polygons = useMemo(() => city.zones.map((z) => ({ id: z.id, rings: z.coordinates, label: z.name })), [city]);
  const lines = useMemo(() => city.streets.map((s) => ({ id: s.id, path: s.coordinates, kind: "street" as const })), [city]);
  const markers = useMemo(
    () => (candidate ? [{ id: "candidate", at: [candidate.lng, candidate.lat] as [number, number], label: `Chosen: ${candidate.label}`, kind: "dropoff" as const }] : []),
    [candidate],
  );
  // Zoom to the chosen point; when it is outside every zone, show it together with the zones so
  // the customer sees how far off they are and where to tap instead.
  const outside = zone.data?.found === false;
  const fitTo = useMemo(() => {
    const zones = city.zones.flatMap((z) => z.coordinates[0] ?? []);
    if (!candidate) return zones;
    const here: [number, number] = [candidate.lng, candidate.lat];
    return outside ? [...zones, here] : [here];
  }, [candidate, city, outside]);

  function locate() {
    setLocationError(null);
    if (!("geolocation" in navigator)) return setLocationError("This browser cannot share its location. Search for your street instead.");
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setCandidate({ label: "My current location", lng: round(pos.coords.longitude), lat: round(pos.coords.latitude), source: "location" });
      },
      (err) => {
        setLocating(false);
        setLocationError(
          err.code === err.PERMISSION_DENIED
            ? "Location access was blocked. Allow it in your browser's site settings, or search for your street."
            : "Your location could not be found just now. Try again, or search for your street.",
        );
      },
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 60_000 },
    );
  }

  function confirm() {
    if (!candidate) return;
    setSaveError(null);
    startSaving(async () => {
      const { source: _source, ...choice } = candidate;
      const result = await chooseDropoff(choice);
      if (!result.ok) return setSaveError(result.error);
      router.push("/");
      router.refresh();
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <div className="space-y-4">
        {saved.length > 0 ? (
          <section className={section} aria-labelledby="saved-heading">
            <h2 id="saved-heading" className={heading}>
              Your addresses
            </h2>
            <ul className="space-y-2">
              {saved.map((a) => (
                <li key={a.addressId}>
                  <button
                    type="button"
                    className={choice}
                    aria-pressed={candidate?.addressId === a.addressId}
                    onClick={() => setCandidate({ label: a.label, lng: a.lng, lat: a.lat, addressId: a.addressId, source: "saved" })}
                  >
                    <span className="font-medium text-slate-900">{a.name}</span>
                    <span className="text-sm text-slate-600">
                      {a.label}
                      {a.detail ? `, ${a.detail}` : ""}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section className={section} aria-labelledby="search-heading">
          <h2 id="search-heading" className={heading}>
            Search for a street or place
          </h2>
          <label htmlFor={searchId} className="mb-1 block text-sm font-medium text-slate-800">
            Street and number, or a place
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="e.g. Rua Augusta 25"
            autoComplete="street-address"
            aria-describedby={`${searchId}-status`}
            className="block w-full rounded-lg border border-slate-300 px-3 py-2.5 text-base shadow-sm focus:border-brand-600"
          />
          <p id={`${searchId}-status`} role="status" className="mt-1.5 text-sm text-slate-600">
            {debounced.length < 2
              ? mapboxToken
                ? "Addresses from Mapbox."
                : "Streets and landmarks of Lisbon, searched offline."
              : search.isFetching
                ? "Searching…"
                : search.isError
                  ? search.error.message
                  : results.length === 0
                    ? "No street or place by that name. Try fewer words, or tap the map."
                    : `${results.length} ${results.length === 1 ? "match" : "matches"}`}
          </p>
          {results.length > 0 && debounced.length >= 2 ? (
            <ul className="mt-2 space-y-1.5" aria-label="Matching places">
              {results.map((p) => (
                <li key={`${p.label}-${p.lng}-${p.lat}`}>
                  <button
                    type="button"
                    className={choice}
                    aria-pressed={candidate?.source === "search" && candidate.label === p.label}
                    onClick={() => setCandidate({ label: p.label, lng: round(p.lng), lat: round(p.lat), source: "search" })}
                  >
                    <span className="font-medium text-slate-900">{p.label}</span>
                    <span className="text-sm text-slate-600">{p.detail}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </section>

        <section className={section} aria-labelledby="locate-heading">
          <h2 id="locate-heading" className={heading}>
            Where you are now
          </h2>
          <Button type="button" variant="secondary" onClick={locate} pending={locating} pendingLabel="Finding you…">
            Use my location
          </Button>
          {locationError ? (
            <p role="alert" className="mt-2 text-sm font-medium text-red-700">
              {locationError}
            </p>
          ) : null}
        </section>
      </div>

      <div className="space-y-4">
        <Map
          label="Map: tap to choose the delivery point. Shaded areas are where we deliver."
          center={city.center}
          zoom={12}
          className="h-80 sm:h-96"
          polygons={polygons}
          lines={lines}
          markers={markers}
          fitTo={fitTo}
          mapboxToken={mapboxToken}
          onPick={(at) => setCandidate({ label: `Point on the map (${round(at.lat)}, ${round(at.lng)})`, lng: round(at.lng), lat: round(at.lat), source: "map" })}
        />
        <section className={section} aria-labelledby="chosen-heading" aria-live="polite">
          <h2 id="chosen-heading" className={heading}>
            Deliver to
          </h2>
          {candidate ? (
            <>
              <p className="font-medium text-slate-900">{candidate.label}</p>
              {zone.isPending ? (
                <p className="mt-2 text-sm text-slate-600">Checking whether we deliver there…</p>
              ) : zone.isError ? (
                <p className="mt-2 text-sm text-red-700">We could not check this address: {zone.error.message}</p>
              ) : zone.data.found ? (
                <p className="mt-2 text-sm font-medium text-emerald-800">
                  <span aria-hidden>✓ </span>We deliver here ({zone.data.zoneName}).
                </p>
              ) : (
                <div className="mt-2">
                  <FormAlert tone="error" title="We don't deliver here yet" autoFocus={false}>
                    {candidate.label} is outside the areas our couriers cover. The shaded areas on the map are where we
                    deliver: choose a point inside one of them.
                  </FormAlert>
                </div>
              )}
              {saveError ? (
                <p role="alert" className="mt-2 text-sm font-medium text-red-700">
                  {saveError}
                </p>
              ) : null}
              {zone.data?.found ? (
                <Button type="button" className="mt-4" onClick={confirm} pending={saving} pendingLabel="Saving…">
                  Deliver here
                </Button>
              ) : null}
            </>
          ) : (
            <p className="text-sm text-slate-600">Choose an address on the left, or tap the map.</p>
          )}
        </section>
      </div>
    </div>
  );
}
