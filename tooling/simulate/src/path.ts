// How a simulated phone moves: along a polyline at its vehicle's speed, reporting where it is.
// This is the device's side of the world (a GPS does its own arithmetic), so plain haversine
// in JavaScript is right here; the platform itself measures everything in PostGIS.
export type TLngLat = { lng: number; lat: number };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversineM(a: TLngLat, b: TLngLat): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Compass bearing from a to b in degrees, 0 = north, clockwise, in [0, 360). */
export function bearingDeg(a: TLngLat, b: TLngLat): number {
  const y = Math.sin(rad(b.lng - a.lng)) * Math.cos(rad(b.lat));
  const x = Math.cos(rad(a.lat)) * Math.sin(rad(b.lat)) - Math.sin(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.cos(rad(b.lng - a.lng));
  const deg = (Math.atan2(y, x) * 180) / Math.PI;
  return (deg + 360) % 360;
}

export type TRoute = { points: TLngLat[]; cumulativeM: number[]; lengthM: number };

export function routeOf(points: TLngLat[]): TRoute {
  if (points.length === 0) throw new RangeError("A route needs at least one point");
  const cumulativeM = [0];
  for (let i = 1; i < points.length; i++) cumulativeM.push((cumulativeM[i - 1] as number) + haversineM(points[i - 1] as TLngLat, points[i] as TLngLat));
  return { points, cumulativeM, lengthM: cumulativeM[cumulativeM.length - 1] as number };
}

/** Where a device `travelledM` metres along the route is, and which way it faces. */
export function positionAlong(route: TRoute, travelledM: number): { at: TLngLat; headingDeg: number; arrived: boolean } {
  const { points, cumulativeM, lengthM } = route;
  const last = points[points.length - 1] as TLngLat;
  if (points.length === 1) return { at: last, headingDeg: 0, arrived: true };
  const d = Math.max(0, travelledM);
  if (d >= lengthM) return { at: last, headingDeg: bearingDeg(points[points.length - 2] as TLngLat, last), arrived: true };
  // The segment holding d: the first vertex whose cumulative distance passes it.
  let i = 1;
  while ((cumulativeM[i] as number) < d) i++;
  const a = points[i - 1] as TLngLat;
  const b = points[i] as TLngLat;
  const segM = (cumulativeM[i] as number) - (cumulativeM[i - 1] as number);
  const f = segM === 0 ? 1 : (d - (cumulativeM[i - 1] as number)) / segM;
  return { at: { lng: a.lng + (b.lng - a.lng) * f, lat: a.lat + (b.lat - a.lat) * f }, headingDeg: bearingDeg(a, b), arrived: false };
}

/**
 * A plausible way from `from` to `to` through the demo city's streets: via the street vertex
 * that adds the least to the straight line (a bend through a real avenue rather than a flight
 * over the rooftops). Without streets, the straight line.
 */
export function pathVia(from: TLngLat, to: TLngLat, streets: TLngLat[][]): TLngLat[] {
  let best: TLngLat | null = null;
  let bestM = Number.POSITIVE_INFINITY;
  const direct = haversineM(from, to);
  for (const street of streets) {
    for (const v of street) {
      const m = haversineM(from, v) + haversineM(v, to);
      // A detour of more than 40 % is not "on the way".
      if (m < bestM && m <= direct * 1.4) {
        best = v;
        bestM = m;
      }
    }
  }
  return best ? [from, best, to] : [from, to];
}

/** Average speeds the simulated vehicles keep (m/s), a little under the platform's estimates. */
export const SIM_SPEED_MPS = { foot: 1.2, bicycle: 4, ebike: 5, scooter: 6, motorbike: 7, car: 5.5 } as const;
export type TSimVehicle = keyof typeof SIM_SPEED_MPS;
