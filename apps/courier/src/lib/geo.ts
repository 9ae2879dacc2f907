// Small geometry for the phone: straight-line distances (the server does the real checks in
// PostGIS) and links that hand navigation to the phone's own maps app.

export type TPoint = { lng: number; lat: number };

/** Great-circle metres between two points. */
export function metresBetween(a: TPoint, b: TPoint) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/**
 * A link that opens turn-by-turn directions. Google's universal maps URL opens the Maps app on
 * Android and iOS (and a browser tab elsewhere); `geo:` lets Android offer any installed app.
 */
export function directionsUrl(
  to: TPoint,
  travelMode: "bicycling" | "driving" | "walking" = "bicycling",
) {
  return `https://www.google.com/maps/dir/?api=1&destination=${to.lat.toFixed(6)},${to.lng.toFixed(6)}&travelmode=${travelMode}`;
}

export function geoUri(to: TPoint, label: string) {
  return `geo:${to.lat.toFixed(6)},${to.lng.toFixed(6)}?q=${to.lat.toFixed(6)},${to.lng.toFixed(6)}(${encodeURIComponent(label)})`;
}

export function travelModeFor(vehicle: string | undefined) {
  if (vehicle === "foot") return "walking" as const;
  if (vehicle === "car" || vehicle === "motorbike" || vehicle === "scooter")
    return "driving" as const;
  return "bicycling" as const;
}
