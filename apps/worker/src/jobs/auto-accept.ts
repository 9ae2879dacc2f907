// Finishes an auto-accepting kitchen's accept when the process that should have made it stopped
// first; see acceptForAutoAcceptingKitchens in @lastmile/core/orders.
import { acceptForAutoAcceptingKitchens } from "@lastmile/core/orders";

import type { TJobDefinition } from "../runner";

export const autoAcceptJob: TJobDefinition = {
  name: "orders.auto-accept",
  everyS: 15,
  async run(ctx, now) {
    const { accepted } = await acceptForAutoAcceptingKitchens(
      ctx.db,
      { payments: ctx.payments, events: ctx.events },
      now,
    );
    return accepted ? `${accepted} order(s) accepted for auto-accepting kitchens` : null;
  },
};
