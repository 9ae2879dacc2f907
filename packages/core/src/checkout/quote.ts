// Quoting a cart for a drop-off: the itemised price the customer sees before paying, stored so
// the order can be placed at exactly that price while it is fresh.
import { and, eq } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { customerAddresses, quotes } from "@lastmile/db/schema";

import { getCart } from "../cart";
import { activeConfig, ZPricingConfig } from "../config";
import { invalid, notFound } from "../errors";
import { priceQuote, surgeFor } from "../pricing";
import { merchantReach, travelMin, zoneLoad } from "./availability";
import { assertDeliverySlot } from "./delivery-slot";

/** How long a quote holds its price. */
export const QUOTE_TTL_MS = 5 * 60_000;

export type TDropoff = { addressId: string } | { lng: number; lat: number; address: string };

export async function resolveDropoff(db: TDb, customerId: string, dropoff: TDropoff) {
  if ("addressId" in dropoff) {
    const [a] = await db
      .select()
      .from(customerAddresses)
      .where(and(eq(customerAddresses.id, dropoff.addressId), eq(customerAddresses.userId, customerId)));
    if (!a) throw notFound("That address");
    const line = [a.line1, a.line2, a.postcode, a.city].filter(Boolean).join(", ");
    return { lng: a.location.coordinates[0], lat: a.location.coordinates[1], address: line, instructions: a.instructions };
  }
  if (!dropoff.address.trim()) throw invalid("address", "Tell the courier the street and number.");
  return { lng: dropoff.lng, lat: dropoff.lat, address: dropoff.address.trim(), instructions: null };
}

/** `scheduledFor`: a delivery slot for later (the restaurant may be closed now); absent, as soon as possible. */
export async function quoteCart(db: TDb, customerId: string, input: { dropoff: TDropoff; tipCents: number; scheduledFor?: Date; now?: Date }) {
  const now = input.now ?? new Date();
  if (!Number.isInteger(input.tipCents) || input.tipCents < 0 || input.tipCents > 10_000) throw invalid("tipCents", "A tip is between €0 and €100, in whole cents.");
  const cart = await getCart(db, customerId);
  if (!cart.merchantId || cart.lines.length === 0) throw invalid("cart", "Your cart is empty.");
  const dropoff = await resolveDropoff(db, customerId, input.dropoff);
  const reach = await merchantReach(db, cart.merchantId, dropoff, now, input.scheduledFor ? "later" : "now");
  if (input.scheduledFor) await assertDeliverySlot(db, reach, input.scheduledFor, now);
  const { version, value: cfg } = await activeConfig(db, "pricing", ZPricingConfig);
  const load = await zoneLoad(db, reach.zoneId);
  const q = priceQuote(cfg, {
    subtotalCents: cart.subtotalCents,
    distanceM: reach.distanceM,
    zoneMultiplierBp: reach.zoneMultiplierBp,
    surgeBp: surgeFor(load.openOrders, load.available, cfg.surgeCapBp),
    tipCents: input.tipCents,
    discountCents: 0,
    freeDeliveryOverCents: reach.freeDeliveryOverCents,
  });
  const [row] = await db
    .insert(quotes)
    .values({
      customerId,
      merchantId: cart.merchantId,
      zoneId: reach.zoneId,
      cartFingerprint: cart.fingerprint,
      dropoffLocation: { type: "Point", coordinates: [dropoff.lng, dropoff.lat] },
      dropoffAddress: dropoff.address,
      distanceM: reach.distanceM,
      currency: reach.currency,
      lines: q.lines,
      subtotalCents: q.subtotalCents,
      deliveryFeeCents: q.deliveryFeeCents,
      merchantFundedDeliveryCents: q.merchantFundedDeliveryCents,
      serviceFeeCents: q.serviceFeeCents,
      smallOrderFeeCents: q.smallOrderFeeCents,
      taxCents: q.taxCents,
      tipCents: q.tipCents,
      discountCents: q.discountCents,
      totalCents: q.totalCents,
      courierFeeCents: q.courierFeeCents,
      pricingVersion: version,
      surgeBp: q.surgeBp,
      expiresAt: new Date(now.getTime() + QUOTE_TTL_MS),
    })
    .returning();
  if (!row) throw new Error("quote insert failed");
  return { quote: row, cart, merchantName: reach.merchantName, timezone: reach.timezone, etaMin: reach.prepTimeMin + travelMin(reach.distanceM), scheduledFor: input.scheduledFor ?? null };
}
