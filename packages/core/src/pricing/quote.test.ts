import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { DEFAULT_PRICING } from "@lastmile/db/seed";
import { demoFees } from "@lastmile/db/seed/config-defaults";

import { priceQuote, surgeFor } from "./quote";

const base = { subtotalCents: 2400, distanceM: 1800, zoneMultiplierBp: 10000, surgeBp: 10000, tipCents: 0, discountCents: 0 };

describe("pricing", () => {
  it("itemises a typical dinner", () => {
    const q = priceQuote(DEFAULT_PRICING, base);
    // 99 + 55 × 1.8 km = 198 delivery; 5 % service = 120; VAT 23 % on fees = 73.
    expect(q.lines).toEqual([
      { code: "subtotal", label: "Items", amountCents: 2400 },
      { code: "delivery_fee", label: "Delivery", amountCents: 198 },
      { code: "service_fee", label: "Service fee", amountCents: 120 },
      { code: "tax", label: "VAT on fees", amountCents: 73 },
    ]);
    expect(q.totalCents).toBe(2791);
  });

  it("adds a small-order fee under the threshold and shows tip and promotion", () => {
    const q = priceQuote(DEFAULT_PRICING, { ...base, subtotalCents: 800, tipCents: 150, discountCents: 300 });
    expect(q.lines.map((l) => l.code)).toEqual(["subtotal", "delivery_fee", "service_fee", "small_order_fee", "tax", "tip", "discount"]);
    expect(q.smallOrderFeeCents).toBe(150);
    expect(q.lines.at(-1)).toEqual({ code: "discount", label: "Promotion", amountCents: -300 });
  });

  it("makes delivery free over the merchant's threshold, the fee moving to the merchant", () => {
    const under = priceQuote(DEFAULT_PRICING, { ...base, subtotalCents: 1499, freeDeliveryOverCents: 1500 });
    expect(under).toMatchObject({ deliveryFeeCents: 198, merchantFundedDeliveryCents: 0 });
    const over = priceQuote(DEFAULT_PRICING, { ...base, subtotalCents: 1500, freeDeliveryOverCents: 1500 });
    expect(over).toMatchObject({ deliveryFeeCents: 0, merchantFundedDeliveryCents: 198 });
    expect(over.lines[1]).toEqual({ code: "delivery_fee", label: "Delivery (free over €15)", amountCents: 0 });
    // VAT on the fees the customer pays; the total still adds up.
    expect(over.lines.reduce((t, l) => t + l.amountCents, 0)).toBe(over.totalCents);
    expect(over.totalCents).toBe(under.totalCents + 1 - 198 - Math.round(198 * 0.23));
  });

  it("caps surge at the configured maximum and never lowers prices below normal", () => {
    expect(priceQuote(DEFAULT_PRICING, { ...base, surgeBp: 90000 }).surgeBp).toBe(DEFAULT_PRICING.surgeCapBp);
    expect(priceQuote(DEFAULT_PRICING, { ...base, surgeBp: 5000 }).surgeBp).toBe(10000);
    expect(surgeFor(3, 10, 20000)).toBe(10000);
    expect(surgeFor(30, 10, 20000)).toBe(13000);
    expect(surgeFor(500, 1, 20000)).toBe(20000);
  });

  it("always adds up, in whole cents, with fees within their bounds", () => {
    fc.assert(
      fc.property(
        fc.record({
          subtotalCents: fc.integer({ min: 0, max: 500_000 }),
          distanceM: fc.integer({ min: 0, max: 30_000 }),
          zoneMultiplierBp: fc.integer({ min: 5000, max: 30000 }),
          surgeBp: fc.integer({ min: 0, max: 50000 }),
          tipCents: fc.integer({ min: 0, max: 10_000 }),
          discountCents: fc.integer({ min: 0, max: 10_000 }),
        }),
        (input) => {
          const q = priceQuote(DEFAULT_PRICING, input);
          expect(q.lines.reduce((s, l) => s + l.amountCents, 0)).toBe(q.totalCents);
          for (const l of q.lines) expect(Number.isInteger(l.amountCents)).toBe(true);
          expect(q.deliveryFeeCents).toBeGreaterThanOrEqual(DEFAULT_PRICING.minDeliveryFeeCents);
          expect(q.deliveryFeeCents).toBeLessThanOrEqual(DEFAULT_PRICING.maxDeliveryFeeCents);
          expect(q.totalCents).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it("prices exactly as the seeded history did, without surge", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 8000 }), fc.integer({ min: 8000, max: 15000 }), (subtotal, distance, zone) => {
        const q = priceQuote(DEFAULT_PRICING, { ...base, subtotalCents: subtotal, distanceM: distance, zoneMultiplierBp: zone });
        const seeded = demoFees(DEFAULT_PRICING, subtotal, distance, zone);
        expect({ d: q.deliveryFeeCents, s: q.serviceFeeCents, o: q.smallOrderFeeCents, t: q.taxCents, c: q.courierFeeCents }).toEqual({
          d: seeded.deliveryFeeCents,
          s: seeded.serviceFeeCents,
          o: seeded.smallOrderFeeCents,
          t: seeded.taxCents,
          c: seeded.courierFeeCents,
        });
      }),
    );
  });
});
