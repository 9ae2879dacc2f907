// Delivery slots for a scheduled order: quarter-hour instants over the next days at which a
// merchant can deliver — the kitchen open (hours, no closure) both when cooking has to start
// (slot minus preparation and travel) and at the slot itself. Pauses are momentary and do not
// close a slot. One list serves the picker and the server's check of what was picked.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

import { notInClosure, openByHours } from "./opening-hours";

export type TDeliverySlotOptions = {
  now: Date;
  /** Minutes the order needs from the kitchen's first look to the door (preparation + travel). */
  leadMin: number;
  /** Slot spacing; slots sit on multiples of it from the hour. */
  stepMin?: number;
  /** How far ahead slots are offered. */
  horizonH?: number;
};

export const SLOT_STEP_MIN = 15;
export const SLOT_HORIZON_H = 48;

export async function deliverySlots(
  db: TDbOrTx,
  merchantId: string,
  options: TDeliverySlotOptions,
): Promise<Date[]> {
  const step = options.stepMin ?? SLOT_STEP_MIN;
  const horizon = options.horizonH ?? SLOT_HORIZON_H;
  const lead = Math.max(0, Math.ceil(options.leadMin));
  const now = sql`${options.now.toISOString()}::timestamptz`;
  const slot = sql`s.t`;
  const kitchenStart = sql`s.t - make_interval(mins => ${lead})`;
  const rows = rowsOf<{ t: string | Date }>(
    await db.execute(sql`
      select s.t
      from merchants m
      cross join generate_series(
        to_timestamp(ceil(extract(epoch from ${now} + make_interval(mins => ${lead})) / ${step * 60}) * ${step * 60}),
        ${now} + make_interval(hours => ${horizon}),
        make_interval(mins => ${step})) as s(t)
      where m.id = ${merchantId}
        and ${openByHours(slot)} and ${notInClosure(slot)}
        and ${openByHours(kitchenStart)} and ${notInClosure(kitchenStart)}
      order by s.t`),
  );
  return rows.map((r) => new Date(r.t));
}
