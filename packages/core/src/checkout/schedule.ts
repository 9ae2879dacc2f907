// The checkout's time picker: "as soon as possible" when the restaurant is open, and the delivery
// slots it offers to this drop-off over the next two days (see delivery-slot.ts for the rules).
import type { TDb } from "@lastmile/db/client";
import { deliverySlots, SLOT_HORIZON_H } from "@lastmile/geo";

import { getCart } from "../cart";
import { DomainError, invalid } from "../errors";
import { merchantReach } from "./availability";
import { leadTimeMin } from "./delivery-slot";
import type { TDropoff } from "./quote";
import { resolveDropoff } from "./quote";

/** What the checkout's time picker offers for the cart's restaurant and this drop-off. */
export async function scheduleOptions(
  db: TDb,
  customerId: string,
  input: { dropoff: TDropoff; now?: Date },
) {
  const now = input.now ?? new Date();
  const cart = await getCart(db, customerId);
  if (!cart.merchantId || cart.lines.length === 0) throw invalid("cart", "Your cart is empty.");
  const dropoff = await resolveDropoff(db, customerId, input.dropoff);
  const reach = await merchantReach(db, cart.merchantId, dropoff, now, "later");
  const leadMin = leadTimeMin(reach);
  const slots = await deliverySlots(db, reach.merchantId, { now, leadMin });
  if (!reach.openNow && slots.length === 0) {
    throw new DomainError(
      "Conflict",
      `${reach.merchantName} is closed and has no delivery times in the next ${SLOT_HORIZON_H / 24} days.`,
      { details: { reason: "no_slots" } },
    );
  }
  return {
    merchantName: reach.merchantName,
    timezone: reach.timezone,
    openNow: reach.openNow,
    asapEtaMin: leadMin,
    slots,
  };
}
