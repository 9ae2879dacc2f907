// Which reported points to believe. The cheap checks (range, clock) run here; distance and
// speed are measured by PostGIS in the statement that records them (record-points.ts).
import type { TRejection } from "./rules";
import { CLOCK_SKEW_MS, MAX_POINT_AGE_MS } from "./rules";

export type TLocationPoint = {
  lng: number;
  lat: number;
  /** The device's clock when the fix was taken. */
  recordedAt: Date;
  headingDeg?: number | null;
  speedMps?: number | null;
  accuracyM?: number | null;
};

export type TIndexedPoint = TLocationPoint & { index: number };

/** Postgres array literals as one text parameter each: one statement text whatever the batch size. */
export const floatArray = (xs: (number | null | undefined)[]) =>
  `{${xs.map((x) => (x === null || x === undefined ? "NULL" : String(x))).join(",")}}`;
export const textArray = (xs: string[]) => `{${xs.map((x) => `"${x}"`).join(",")}}`;

/** Range, clock and in-batch duplicate checks; returns the survivors in time order. */
export function screenPoints(
  points: TLocationPoint[],
  now: Date,
): { candidates: TIndexedPoint[]; rejected: TRejection[] } {
  const rejected: TRejection[] = [];
  const candidates: TIndexedPoint[] = [];
  const seen = new Set<number>();
  const nowMs = now.getTime();
  points.forEach((p, index) => {
    const t = p.recordedAt.getTime();
    if (
      !Number.isFinite(p.lng) ||
      !Number.isFinite(p.lat) ||
      p.lng < -180 ||
      p.lng > 180 ||
      p.lat < -90 ||
      p.lat > 90
    ) {
      rejected.push({
        index,
        reason: "coordinates_out_of_range",
        message: `(${p.lng}, ${p.lat}) is not a place on Earth: longitude must be within ±180 and latitude within ±90.`,
      });
    } else if (!Number.isFinite(t) || t > nowMs + CLOCK_SKEW_MS) {
      rejected.push({
        index,
        reason: "in_the_future",
        message: `Recorded at ${p.recordedAt.toISOString()}, ahead of the server's clock (${now.toISOString()}) by more than ${CLOCK_SKEW_MS / 1000} s: check the phone's clock.`,
      });
    } else if (t < nowMs - MAX_POINT_AGE_MS) {
      rejected.push({
        index,
        reason: "too_old",
        message: `Recorded at ${p.recordedAt.toISOString()}, more than ${MAX_POINT_AGE_MS / 3_600_000} h ago: too old to be of use.`,
      });
    } else if (seen.has(t)) {
      rejected.push({
        index,
        reason: "duplicate",
        message: `Another point in this report has the same time (${p.recordedAt.toISOString()}).`,
      });
    } else {
      seen.add(t);
      candidates.push({ ...p, index });
    }
  });
  candidates.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
  return { candidates, rejected };
}
