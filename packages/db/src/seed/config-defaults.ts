// The first version of each configuration key the seed activates. Pricing amounts are minor
// units; rates are basis points (10000 = 100 %).
export const DEFAULT_PRICING = {
  currency: "EUR",
  baseFeeCents: 99,
  perKmCents: 55,
  minDeliveryFeeCents: 149,
  maxDeliveryFeeCents: 599,
  serviceFeeBp: 500,
  serviceFeeCapCents: 299,
  smallOrderThresholdCents: 1000,
  smallOrderFeeCents: 150,
  /** VAT charged on the platform's own fees (food prices already include it). */
  taxOnFeesBp: 2300,
  surgeCapBp: 20000,
  courierBaseFeeCents: 250,
  courierPerKmCents: 45,
};

export const DEFAULT_DISPATCH = {
  offerTimeoutS: 30,
  initialRadiusM: 2500,
  maxRadiusM: 8000,
  radiusStepM: 1500,
  freshLocationS: 60,
  pickupGeofenceM: 150,
  dropoffGeofenceM: 200,
  maxPinAttempts: 5,
  /** Rounds offered at one radius before it widens by radiusStepM. */
  roundsPerRadius: 2,
  /** Couriers offered at once in a round; the first to accept wins, the others are withdrawn. */
  offersPerRound: 1,
  /** A PENDING order the restaurant has not accepted within this is cancelled and voided. */
  merchantAcceptTimeoutMin: 10,
  /** How long an order flagged for ops waits before dispatch tries again by itself. */
  flaggedRetryS: 120,
};

/** Straight-line distance × detour factor ÷ speed gives a travel-time estimate per vehicle. */
export const DEFAULT_GEO = {
  detourFactor: 1.35,
  speedMps: { foot: 1.3, bicycle: 4.2, ebike: 5.5, scooter: 6.5, motorbike: 7.5, car: 6.0 },
};

export type TPricingConfig = typeof DEFAULT_PRICING;

/** Fees for a delivery of `distanceM` with the zone's multiplier, as the seeded history used. */
export function demoFees(
  cfg: TPricingConfig,
  subtotalCents: number,
  distanceM: number,
  zoneMultiplierBp: number,
) {
  const km = distanceM / 1000;
  const raw = Math.round(((cfg.baseFeeCents + cfg.perKmCents * km) * zoneMultiplierBp) / 10000);
  const deliveryFeeCents = Math.min(
    cfg.maxDeliveryFeeCents,
    Math.max(cfg.minDeliveryFeeCents, raw),
  );
  const serviceFeeCents = Math.min(
    cfg.serviceFeeCapCents,
    Math.round((subtotalCents * cfg.serviceFeeBp) / 10000),
  );
  const smallOrderFeeCents =
    subtotalCents < cfg.smallOrderThresholdCents ? cfg.smallOrderFeeCents : 0;
  const taxCents = Math.round(
    ((deliveryFeeCents + serviceFeeCents + smallOrderFeeCents) * cfg.taxOnFeesBp) / 10000,
  );
  const courierFeeCents = Math.round(cfg.courierBaseFeeCents + cfg.courierPerKmCents * km);
  return { deliveryFeeCents, serviceFeeCents, smallOrderFeeCents, taxCents, courierFeeCents };
}
