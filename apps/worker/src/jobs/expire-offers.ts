// Offers nobody answered in time: each ends as `expired` and its order goes to the next courier.
import { expireDueOffers } from "@lastmile/core/dispatch";

import type { TJobDefinition } from "../runner";

export const expireOffersJob: TJobDefinition = {
  name: "dispatch.expire-offers",
  everyS: 2,
  async run(ctx, now) {
    const { expired, rounds } = await expireDueOffers(ctx.db, ctx.events, now);
    return expired ? `${expired} offer(s) expired; ${rounds.filter((r) => r.kind === "offered").length} re-offered, ${rounds.filter((r) => r.kind === "flagged").length} flagged for ops` : null;
  },
};
