// An auto-accepting kitchen accepts the moment an order reaches it (on payment, or on release for
// a scheduled one). That accept is a second step after the order is written, so a process that
// stops in between leaves the order waiting on a kitchen that will never press "accept" — and
// the acceptance timeout would then cancel it. This sweep finishes the step: any order such a
// kitchen has had for a little while and not accepted is accepted now, once, however many
// workers run it (a lost race is a conflict and is skipped).
import { and, asc, eq, isNotNull, isNull, or, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { merchants, orders } from "@lastmile/db/schema";

import { isLostRace } from "../errors";
import type { TOrderDeps } from "./apply";
import { applyTransition } from "./apply";
import { systemActor } from "./actor";

/** Long enough that the request placing the order has surely accepted it itself. */
const GRACE_S = 30;

export async function acceptForAutoAcceptingKitchens(
  db: TDb,
  deps: TOrderDeps,
  now: Date,
  limit = 100,
) {
  const reachedKitchenAt = sql`coalesce(${orders.releasedAt}, ${orders.placedAt})`;
  const waiting = await db
    .select({ id: orders.id })
    .from(orders)
    .innerJoin(merchants, eq(merchants.id, orders.merchantId))
    .where(
      and(
        eq(orders.status, "PENDING"),
        eq(merchants.autoAccept, true),
        // A scheduled order reaches the kitchen when it is released, not before.
        or(isNull(orders.scheduledFor), isNotNull(orders.releasedAt)),
        // An ISO string, cast: a bare Date beside a SQL expression has no column type to map it.
        sql`${reachedKitchenAt} <= ${new Date(now.getTime() - GRACE_S * 1000).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(reachedKitchenAt))
    .limit(limit);
  let accepted = 0;
  for (const { id } of waiting) {
    try {
      await applyTransition(db, deps, { orderId: id, action: "accept", actor: systemActor });
      accepted += 1;
    } catch (error) {
      // Accepted or cancelled by someone else in between: the order is where it should be.
      if (isLostRace(error)) continue;
      throw error;
    }
  }
  return { considered: waiting.length, accepted };
}
