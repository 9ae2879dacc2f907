// Accepted orders waiting for a courier with no open offer — just accepted, or whose last round
// found nobody — get their next round. Driven by the database, so an acceptance is never lost
// between the kitchen's commit and the first offer.
import { dispatchWaitingOrders } from "@lastmile/core/dispatch";

import type { TJobDefinition } from "../runner";

export const dispatchWaitingOrdersJob: TJobDefinition = {
  name: "dispatch.waiting-orders",
  everyS: 2,
  async run(ctx, now) {
    const outcomes = await dispatchWaitingOrders(ctx.db, ctx.events, now, ctx.settings.dispatchBatch);
    const offered = outcomes.filter((o) => o.outcome.kind === "offered").length;
    const flagged = outcomes.filter((o) => o.outcome.kind === "flagged").length;
    return offered || flagged ? `${offered} order(s) offered, ${flagged} flagged for ops` : null;
  },
};
