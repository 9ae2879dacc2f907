// How dispatch ranks the couriers it may offer an order to. Every term is a cost in seconds, so
// the weights read as exchange rates: a second the food waits for the courier costs 1.5 (the
// 0.5 every second of riding costs, plus 1 for the food getting cold), a second the courier
// waits for the food 0.2 more than riding, a star of rating 60 s, and so on. Lower is better;
// ties go to the nearer courier, then the smaller id, so the ranking is deterministic.
export type TCandidate = {
  id: string;
  /** Geodesic distance to the pickup, metres. */
  distanceM: number;
  /** Travel time to the pickup by the courier's vehicle, seconds. */
  etaS: number;
  ratingSum: number;
  ratingCount: number;
  offersReceived: number;
  offersAccepted: number;
  activeOrders: number;
};

export type TScore = {
  courierId: string;
  total: number;
  /** Each term of the total, for the timeline: why this courier and not another. */
  parts: { travel: number; foodWaits: number; courierWaits: number; rating: number; acceptance: number; load: number };
  etaS: number;
  distanceM: number;
  rating: number;
  acceptanceRate: number;
};

export const SCORE_WEIGHTS = {
  travelPerS: 0.5,
  foodWaitsPerS: 1,
  courierWaitsPerS: 0.3,
  perMissingStar: 60,
  perMissingAcceptance: 180,
  perActiveOrder: 300,
} as const;

/** New couriers start near the platform's typical figures instead of at 0 or 100 %. */
const PRIOR = { rating: 4.6, ratings: 3, acceptance: 0.8, offers: 5 } as const;

export const smoothedRating = (sum: number, count: number) => (sum + PRIOR.rating * PRIOR.ratings) / (count + PRIOR.ratings);
export const smoothedAcceptance = (accepted: number, received: number) => (accepted + PRIOR.acceptance * PRIOR.offers) / (received + PRIOR.offers);

/** `readyInS`: seconds until the kitchen expects the food ready (0 or less when it already is). */
export function scoreCandidate(c: TCandidate, readyInS: number): TScore {
  const w = SCORE_WEIGHTS;
  const rating = smoothedRating(c.ratingSum, c.ratingCount);
  const acceptanceRate = smoothedAcceptance(c.offersAccepted, c.offersReceived);
  const ready = Math.max(0, readyInS);
  const parts = {
    travel: c.etaS * w.travelPerS,
    foodWaits: Math.max(0, c.etaS - ready) * w.foodWaitsPerS,
    courierWaits: Math.max(0, ready - c.etaS) * w.courierWaitsPerS,
    rating: (5 - rating) * w.perMissingStar,
    acceptance: (1 - acceptanceRate) * w.perMissingAcceptance,
    load: c.activeOrders * w.perActiveOrder,
  };
  const total = Object.values(parts).reduce((a, b) => a + b, 0);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    courierId: c.id,
    total: round(total),
    parts: Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(v)])) as TScore["parts"],
    etaS: c.etaS,
    distanceM: Math.round(c.distanceM),
    rating: Math.round(rating * 100) / 100,
    acceptanceRate: Math.round(acceptanceRate * 1000) / 1000,
  };
}

/** The candidates best first. */
export function rankCandidates(candidates: TCandidate[], readyInS: number): TScore[] {
  return candidates
    .map((c) => scoreCandidate(c, readyInS))
    .sort((a, b) => a.total - b.total || a.distanceM - b.distanceM || (a.courierId < b.courierId ? -1 : a.courierId > b.courierId ? 1 : 0));
}
