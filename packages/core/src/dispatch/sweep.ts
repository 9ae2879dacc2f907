// The worker's two dispatch duties. Dispatch is driven by the database, not by the moment of
// acceptance: an accepted order without a courier and without an open offer is work, whoever
// accepted it and whenever, so an order is never forgotten if a process dies between the
// merchant's commit and the first offer.
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TOrderStatus } from "@lastmile/db/schema";

import { activeConfig, ZDispatchConfig } from "../config";
import type { TDomainEvent, TEventPublisher } from "../events";
import { expireOrderOffers, runDispatchRound } from "./round";
import type { TRoundOutcome } from "./round";

/** Ends every offer past its deadline, then offers each of those orders to the next courier. */
export async function expireDueOffers(db: TDb, events: TEventPublisher, now: Date = new Date()) {
  const due = rowsOf<{ order_id: string; status: TOrderStatus }>(
    await db.execute(sql`
      select distinct d.order_id, o.status from delivery_offers d join orders o on o.id = d.order_id
      where d.status = 'pending' and d.expires_at <= ${now.toISOString()}::timestamptz`),
  );
  const published: TDomainEvent[] = [];
  let expired = 0;
  for (const d of due) {
    const rows = await db.transaction((tx) => expireOrderOffers(tx, d.order_id, d.status, now, published));
    expired += rows.length;
  }
  if (published.length) await events.publish(published);
  const rounds: TRoundOutcome[] = [];
  for (const d of due) rounds.push(await runDispatchRound(db, events, d.order_id, now));
  return { expired, rounds };
}

/**
 * Runs a round for every order waiting for a courier with no open offer: newly accepted ones,
 * ones whose last round found nobody, and flagged ones whose retry time has come.
 */
export async function dispatchWaitingOrders(db: TDb, events: TEventPublisher, now: Date = new Date(), limit = 50) {
  const { value: cfg } = await activeConfig(db, "dispatch", ZDispatchConfig);
  const at = now.toISOString();
  const waiting = rowsOf<{ id: string }>(
    await db.execute(sql`
      select o.id from orders o
      where o.courier_id is null and o.status in ('ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP')
        and not exists (select 1 from delivery_offers d where d.order_id = o.id and d.status = 'pending' and d.expires_at > ${at}::timestamptz)
        and (o.dispatch_flagged_at is null or o.dispatch_flagged_at <= ${at}::timestamptz - make_interval(secs => ${cfg.flaggedRetryS}::float8))
      order by o.accepted_at nulls first
      limit ${limit}`),
  );
  const outcomes: { orderId: string; outcome: TRoundOutcome }[] = [];
  for (const w of waiting) outcomes.push({ orderId: w.id, outcome: await runDispatchRound(db, events, w.id, now) });
  return outcomes;
}
