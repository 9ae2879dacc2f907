// A restaurant that does not answer a new order within the configured minutes loses it: the
// order is cancelled through the state machine, so the payment is voided, the timeline records
// why, and the customer is told (in-app and by email through the outbox).
import { sql } from "drizzle-orm";

import { activeConfig, ZDispatchConfig } from "@lastmile/core/config";
import { isLostRace } from "@lastmile/core/errors";
import { applyTransition, systemActor } from "@lastmile/core/orders";
import { rowsOf } from "@lastmile/db/client";

import type { TJobDefinition, TWorkerContext } from "../runner";

export async function cancelUnacceptedOrders(ctx: TWorkerContext, now: Date, limit = 100) {
  const { value: cfg } = await activeConfig(ctx.db, "dispatch", ZDispatchConfig);
  const stale = rowsOf<{ id: string }>(
    await ctx.db.execute(sql`
      select id from orders
      where status = 'PENDING'
        -- A scheduled order's clock starts when it reaches the kitchen (released), not when it was placed.
        and coalesce(released_at, placed_at) <= ${now.toISOString()}::timestamptz - make_interval(mins => ${cfg.merchantAcceptTimeoutMin})
        and (scheduled_for is null or released_at is not null)
      order by coalesce(released_at, placed_at)
      limit ${limit}`),
  );
  let cancelled = 0;
  for (const { id } of stale) {
    try {
      await applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, {
        orderId: id,
        action: "cancel",
        actor: systemActor,
        reason: `the restaurant did not accept it within ${cfg.merchantAcceptTimeoutMin} minutes`,
      });
      cancelled += 1;
    } catch (error) {
      // Accepted (or cancelled) a moment ago by someone else: nothing left to do.
      if (isLostRace(error)) continue;
      throw error;
    }
  }
  return { considered: stale.length, cancelled };
}

export const merchantAcceptanceTimeoutJob: TJobDefinition = {
  name: "orders.merchant-acceptance-timeout",
  everyS: 30,
  async run(ctx, now) {
    const { cancelled } = await cancelUnacceptedOrders(ctx, now);
    return cancelled ? `${cancelled} unaccepted order(s) cancelled and voided` : null;
  },
};
