// What the platform will believe about a reported position. Phones lie in known ways — clocks a
// little off, a bad GPS fix that jumps a kilometre, a queue replayed hours later — and each rule
// below names the lie it catches. Rejections carry a code the PWA can act on and a message a
// person can read.
import type { TVehicle } from "@lastmile/db/schema";

/** A phone's clock may run this far ahead of ours before its points count as "in the future". */
export const CLOCK_SKEW_MS = 30_000;

/**
 * Points older than this are refused outright: an offline queue replayed after a day is no
 * longer a position anybody can use, and it would only bloat the history.
 */
export const MAX_POINT_AGE_MS = 24 * 60 * 60_000;

/** The most points one report may carry (the router's schema says the same to the client). */
export const MAX_POINTS_PER_REPORT = 100;

/**
 * Top speeds no honest device reaches on that vehicle in a city, in m/s — well above the
 * averages dispatch plans with (geo config), because this only has to catch teleports.
 */
export const MAX_SPEED_MPS: Record<TVehicle, number> = {
  foot: 5, // 18 km/h: running for the lift
  bicycle: 15, // 54 km/h: downhill from Graça
  ebike: 15,
  scooter: 22, // 79 km/h
  motorbike: 40, // 144 km/h on the 2ª Circular, with margin
  car: 40,
};

/**
 * GPS scatter is not movement: a distance up to the two fixes' reported accuracy (at least
 * this many metres) is forgiven before the speed is judged, so a parked courier whose fix
 * wanders 30 m in one second is not "doing 108 km/h".
 */
export const MIN_SCATTER_M = 25;

export type TRejectReason =
  "coordinates_out_of_range" | "in_the_future" | "too_old" | "implausible_speed" | "duplicate";

export type TRejection = { index: number; reason: TRejectReason; message: string };
