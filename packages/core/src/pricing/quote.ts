// Pricing: from the active configuration, a delivery distance, the zone's multiplier and the
// current surge, an itemised quote in integer minor units. Pure: the same inputs always give
// the same quote, and the lines always add up to the total.
import type { TQuoteLine } from "@lastmile/db/schema";

import type { TPricingConfig } from "../config";

export type TQuoteInput = {
  subtotalCents: number;
  distanceM: number;
  zoneMultiplierBp: number;
  /** Demand/supply surge in basis points (10000 = none); capped by the configuration. */
  surgeBp: number;
  tipCents: number;
  discountCents: number;
  /** The merchant's offer: from this subtotal on, it pays the delivery fee (null or absent: no offer). */
  freeDeliveryOverCents?: number | null;
};

export type TQuote = {
  lines: TQuoteLine[];
  subtotalCents: number;
  deliveryFeeCents: number;
  /** The delivery fee the merchant pays instead of the customer (0 unless free delivery applies). */
  merchantFundedDeliveryCents: number;
  serviceFeeCents: number;
  smallOrderFeeCents: number;
  taxCents: number;
  tipCents: number;
  discountCents: number;
  totalCents: number;
  /** What the courier earns before the tip (the tip goes to them in full). */
  courierFeeCents: number;
  surgeBp: number;
};

const euros = (cents: number) => `€${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;

const bp = (amount: number, basisPoints: number) => Math.round((amount * basisPoints) / 10000);

export function priceQuote(cfg: TPricingConfig, input: TQuoteInput): TQuote {
  const km = input.distanceM / 1000;
  const surgeBp = Math.min(cfg.surgeCapBp, Math.max(10000, input.surgeBp));
  const raw = bp(bp(cfg.baseFeeCents + cfg.perKmCents * km, input.zoneMultiplierBp), surgeBp);
  const fullDeliveryFeeCents = Math.min(cfg.maxDeliveryFeeCents, Math.max(cfg.minDeliveryFeeCents, raw));
  // Merchant-funded free delivery: the customer pays nothing for delivery; the fee comes off the merchant's share.
  const free = input.freeDeliveryOverCents != null && input.subtotalCents >= input.freeDeliveryOverCents;
  const merchantFundedDeliveryCents = free ? fullDeliveryFeeCents : 0;
  const deliveryFeeCents = fullDeliveryFeeCents - merchantFundedDeliveryCents;
  const serviceFeeCents = Math.min(cfg.serviceFeeCapCents, bp(input.subtotalCents, cfg.serviceFeeBp));
  const smallOrderFeeCents = input.subtotalCents < cfg.smallOrderThresholdCents ? cfg.smallOrderFeeCents : 0;
  const taxCents = bp(deliveryFeeCents + serviceFeeCents + smallOrderFeeCents, cfg.taxOnFeesBp);
  const discountCents = Math.min(input.discountCents, input.subtotalCents);
  const totalCents =
    input.subtotalCents + deliveryFeeCents + serviceFeeCents + smallOrderFeeCents + taxCents + input.tipCents - discountCents;
  const lines: TQuoteLine[] = [
    { code: "subtotal", label: "Items", amountCents: input.subtotalCents },
    {
      code: "delivery_fee",
      label: free ? `Delivery (free over ${euros(input.freeDeliveryOverCents ?? 0)})` : surgeBp > 10000 ? `Delivery (busy: ×${(surgeBp / 10000).toFixed(2)})` : "Delivery",
      amountCents: deliveryFeeCents,
    },
    { code: "service_fee", label: "Service fee", amountCents: serviceFeeCents },
    ...(smallOrderFeeCents ? [{ code: "small_order_fee", label: "Small order fee", amountCents: smallOrderFeeCents }] : []),
    { code: "tax", label: "VAT on fees", amountCents: taxCents },
    ...(input.tipCents ? [{ code: "tip", label: "Courier tip", amountCents: input.tipCents }] : []),
    ...(discountCents ? [{ code: "discount", label: "Promotion", amountCents: -discountCents }] : []),
  ];
  return {
    lines,
    subtotalCents: input.subtotalCents,
    deliveryFeeCents,
    merchantFundedDeliveryCents,
    serviceFeeCents,
    smallOrderFeeCents,
    taxCents,
    tipCents: input.tipCents,
    discountCents,
    totalCents,
    courierFeeCents: Math.round(cfg.courierBaseFeeCents + cfg.courierPerKmCents * km),
    surgeBp,
  };
}

/** Surge from demand and supply in a zone: open orders per available courier above 1.5 raise it, capped. */
export function surgeFor(openOrders: number, availableCouriers: number, capBp: number) {
  const ratio = openOrders / Math.max(1, availableCouriers);
  if (ratio <= 1.5) return 10000;
  return Math.min(capBp, 10000 + Math.round((ratio - 1.5) * 2000));
}
