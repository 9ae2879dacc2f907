// The server's check of a scheduled order's delivery slot. A slot is a quarter hour within the
// next two days, at least the preparation and travel time ahead, with the kitchen open both when
// cooking starts and at the slot; the order reaches the kitchen at its release time (slot minus
// that lead time).
import type { TDbOrTx } from "@lastmile/db/client";
import { deliverySlots, SLOT_HORIZON_H, SLOT_STEP_MIN } from "@lastmile/geo";

import { invalid } from "../errors";
import type { TReach } from "./availability";
import { travelMin } from "./availability";

/** Minutes between the kitchen receiving a scheduled order and its delivery slot. */
export const leadTimeMin = (reach: Pick<TReach, "prepTimeMin" | "distanceM">) =>
  reach.prepTimeMin + travelMin(reach.distanceM);

export const releaseTimeFor = (slot: Date, leadMin: number) =>
  new Date(slot.getTime() - leadMin * 60_000);

/** Refuses a slot the restaurant does not offer, saying why; returns when the kitchen gets the order. */
export async function assertDeliverySlot(db: TDbOrTx, reach: TReach, slot: Date, now: Date) {
  const fail = (message: string) => invalid("scheduledFor", message);
  if (Number.isNaN(slot.getTime())) throw fail("Pick a delivery time from the list.");
  const lead = leadTimeMin(reach);
  if (slot.getTime() % (SLOT_STEP_MIN * 60_000) !== 0)
    throw fail(`Delivery times are on the quarter hour (…:00, :15, :30, :45).`);
  if (slot.getTime() < now.getTime() + lead * 60_000)
    throw fail(
      `${reach.merchantName} needs at least ${lead} minutes to cook and deliver: pick a later time.`,
    );
  if (slot.getTime() > now.getTime() + SLOT_HORIZON_H * 3_600_000)
    throw fail(`Orders can be scheduled up to ${SLOT_HORIZON_H / 24} days ahead.`);
  const slots = await deliverySlots(db, reach.merchantId, { now, leadMin: lead });
  if (!slots.some((s) => s.getTime() === slot.getTime()))
    throw fail(`${reach.merchantName} is closed at that time. Pick one of the times offered.`);
  return releaseTimeFor(slot, lead);
}
