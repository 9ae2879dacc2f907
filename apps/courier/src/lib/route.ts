// The line drawn from the courier to where they are going. With a Mapbox token the app asks the
// Directions API for the real way along streets (and its length); without one — the embedded
// default, or offline — it draws the straight line and says so, never passing one off as the other.
import type { TPoint } from "./geo";
import { metresBetween } from "./geo";

export type TRoute = {
  path: [number, number][];
  distanceM: number;
  /** Seconds by the routing profile; null for a straight line (no honest estimate). */
  durationS: number | null;
  kind: "streets" | "straight";
};

const PROFILE = { walking: "walking", bicycling: "cycling", driving: "driving" } as const;

export function straightRoute(from: TPoint, to: TPoint): TRoute {
  return {
    path: [
      [from.lng, from.lat],
      [to.lng, to.lat],
    ],
    distanceM: Math.round(metresBetween(from, to)),
    durationS: null,
    kind: "straight",
  };
}

export function directionsRequestUrl(
  from: TPoint,
  to: TPoint,
  mode: keyof typeof PROFILE,
  token: string,
) {
  const coords = `${from.lng.toFixed(6)},${from.lat.toFixed(6)};${to.lng.toFixed(6)},${to.lat.toFixed(6)}`;
  const query = new URLSearchParams({
    geometries: "geojson",
    overview: "full",
    access_token: token,
  });
  return `https://api.mapbox.com/directions/v5/mapbox/${PROFILE[mode]}/${coords}?${query.toString()}`;
}

type TDirectionsResponse = {
  code?: string;
  message?: string;
  routes?: { distance: number; duration: number; geometry: { coordinates: [number, number][] } }[];
};

/** The first route of a Directions answer; null when Mapbox found none (then draw straight). */
export function routeFromDirections(body: TDirectionsResponse): TRoute | null {
  const r = body.code === "Ok" ? body.routes?.[0] : undefined;
  if (!r || r.geometry.coordinates.length < 2) return null;
  return {
    path: r.geometry.coordinates,
    distanceM: Math.round(r.distance),
    durationS: Math.round(r.duration),
    kind: "streets",
  };
}

/** Asks Mapbox; any failure (offline, quota, no route) falls back to the straight line. */
export async function fetchRoute(
  from: TPoint,
  to: TPoint,
  mode: keyof typeof PROFILE,
  token: string | undefined,
  signal?: AbortSignal,
): Promise<TRoute> {
  if (!token) return straightRoute(from, to);
  try {
    const res = await fetch(directionsRequestUrl(from, to, mode, token), { signal });
    if (!res.ok) return straightRoute(from, to);
    return (
      routeFromDirections((await res.json()) as TDirectionsResponse) ?? straightRoute(from, to)
    );
  } catch {
    return straightRoute(from, to);
  }
}
