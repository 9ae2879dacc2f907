// Scheduled orders go to the kitchen at their slot minus preparation and travel time; see
// releaseScheduledOrders in @lastmile/core/orders (idempotent, so a restart or a second worker
// never releases an order twice).
import { releaseScheduledOrders } from "@lastmile/core/orders";

import type { TJobDefinition } from "../runner";

export const releaseScheduledOrdersJob: TJobDefinition = {
  name: "orders.release-scheduled",
  everyS: 15,
  async run(ctx, now) {
    const { released } = await releaseScheduledOrders(
      ctx.db,
      { payments: ctx.payments, events: ctx.events },
      now,
    );
    return released ? `${released} scheduled order(s) sent to the kitchen` : null;
  },
};
