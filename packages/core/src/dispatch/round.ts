// One dispatch round for one order: find the eligible couriers near the restaurant (geo's KNN:
// online, fresh position, spare capacity, never offered this order, no other open offer), rank
// them (score.ts), and offer the order to the best with a deadline — widening the radius every
// `roundsPerRadius` rounds, or at once when nobody is within it, and flagging the order for ops
// when nobody is left within the maximum. Each round is an `order_events` row saying what was
// decided and why. The order row is locked (SKIP LOCKED) for the round, so two dispatchers never
// offer the same order at once; offers are told to couriers after commit.
import { and, eq, gt, lte, sql } from "drizzle-orm";

import type { TDb, TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { couriers, deliveryOffers, orderEvents, orders } from "@lastmile/db/schema";
import type { TOrderStatus } from "@lastmile/db/schema";
import { activeGeoConfig, nearestAvailableCouriers } from "@lastmile/geo";

import { activeConfig, ZDispatchConfig } from "../config";
import type { TDispatchConfig } from "../config";
import type { TDomainEvent, TEventPublisher } from "../events";
import { rankCandidates } from "./score";
import type { TScore } from "./score";

export const AWAITING_COURIER = ["ACCEPTED", "PREPARING", "READY_FOR_PICKUP"] as const;

export type TRoundOutcome =
  | { kind: "offered"; round: number; radiusM: number; offers: { offerId: string; courierId: string; expiresAt: Date }[] }
  | { kind: "flagged"; round: number; radiusM: number; reason: string }
  | { kind: "skipped"; reason: "locked" | "not-waiting" | "offer-open" | "flagged-recently" | "raced" };

/** The radius of round `round` (1-based): it widens by a step every `roundsPerRadius` rounds. */
export function radiusForRound(cfg: TDispatchConfig, round: number) {
  return Math.min(cfg.maxRadiusM, cfg.initialRadiusM + Math.floor((round - 1) / cfg.roundsPerRadius) * cfg.radiusStepM);
}

type TLockedOrder = {
  id: string;
  number: number;
  status: TOrderStatus;
  merchant_id: string;
  zone_id: string | null;
  courier_fee_cents: number;
  dispatch_round: number;
  dispatch_flagged_at: string | Date | null;
  accepted_at: string | Date | null;
  ready_at: string | Date | null;
  prep_time_min: number | null;
  m_lng: number;
  m_lat: number;
  m_name: string;
  m_zone_id: string | null;
  d_lng: number;
  d_lat: number;
  trip_m: number;
};

/** Seconds until the kitchen expects the food: ready already, or accepted-at plus prep time. */
function readyInS(o: TLockedOrder, now: Date) {
  if (o.status === "READY_FOR_PICKUP" || o.ready_at) return 0;
  const accepted = o.accepted_at ? new Date(o.accepted_at).getTime() : now.getTime();
  return (accepted + (o.prep_time_min ?? 15) * 60_000 - now.getTime()) / 1000;
}

export async function runDispatchRound(db: TDb, events: TEventPublisher, orderId: string, now: Date = new Date()): Promise<TRoundOutcome> {
  const { value: cfg } = await activeConfig(db, "dispatch", ZDispatchConfig);
  const geoCfg = await activeGeoConfig(db);
  const published: TDomainEvent[] = [];

  const outcome = await db.transaction(async (tx): Promise<TRoundOutcome> => {
    const [o] = rowsOf<TLockedOrder>(
      await tx.execute(sql`
        select o.id, o.number, o.status, o.merchant_id, o.zone_id, o.courier_fee_cents, o.dispatch_round, o.dispatch_flagged_at,
               o.accepted_at, o.ready_at, o.prep_time_min,
               ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat, m.name as m_name, m.zone_id as m_zone_id,
               ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat,
               coalesce(o.distance_m, round(ST_Distance(m.location, o.dropoff_location)))::int as trip_m
        from orders o join merchants m on m.id = o.merchant_id
        where o.id = ${orderId}
        for update of o skip locked`),
    );
    if (!o) return { kind: "skipped", reason: "locked" };
    if (!(AWAITING_COURIER as readonly string[]).includes(o.status)) return { kind: "skipped", reason: "not-waiting" };
    const [assigned] = await tx.select({ courierId: orders.courierId }).from(orders).where(eq(orders.id, orderId));
    if (assigned?.courierId) return { kind: "skipped", reason: "not-waiting" };

    // Offers past their deadline end here too, so a round never waits on the expiry job.
    await expireOrderOffers(tx, orderId, o.status, now, published);
    const [open] = await tx
      .select({ id: deliveryOffers.id })
      .from(deliveryOffers)
      .where(and(eq(deliveryOffers.orderId, orderId), eq(deliveryOffers.status, "pending"), gt(deliveryOffers.expiresAt, now)))
      .limit(1);
    if (open) return { kind: "skipped", reason: "offer-open" };
    const flaggedAt = o.dispatch_flagged_at ? new Date(o.dispatch_flagged_at) : null;
    if (flaggedAt && now.getTime() - flaggedAt.getTime() < cfg.flaggedRetryS * 1000) return { kind: "skipped", reason: "flagged-recently" };

    const round = o.dispatch_round + 1;
    const offeredBefore = (await tx.select({ courierId: deliveryOffers.courierId }).from(deliveryOffers).where(eq(deliveryOffers.orderId, orderId))).map((r) => r.courierId);
    // A courier thinking about another order is not interrupted with a second offer.
    const busyWithOffer = (
      await tx
        .select({ courierId: deliveryOffers.courierId })
        .from(deliveryOffers)
        .where(and(eq(deliveryOffers.status, "pending"), gt(deliveryOffers.expiresAt, now)))
    ).map((r) => r.courierId);
    const excludeIds = [...new Set([...offeredBefore, ...busyWithOffer])];
    const pickup = { lng: Number(o.m_lng), lat: Number(o.m_lat) };
    const zoneId = o.zone_id ?? o.m_zone_id;

    // Nobody within this round's radius: widen step by step now rather than waste a round.
    const plannedRadiusM = radiusForRound(cfg, round);
    let radiusM = plannedRadiusM;
    let nearby = await nearestAvailableCouriers(tx, pickup, { config: geoCfg, maxDistanceM: radiusM, freshWithinS: cfg.freshLocationS, excludeIds, at: now, limit: 10 });
    while (!nearby.length && radiusM < cfg.maxRadiusM) {
      radiusM = Math.min(cfg.maxRadiusM, radiusM + cfg.radiusStepM);
      nearby = await nearestAvailableCouriers(tx, pickup, { config: geoCfg, maxDistanceM: radiusM, freshWithinS: cfg.freshLocationS, excludeIds, at: now, limit: 10 });
    }
    const widened = radiusM !== plannedRadiusM ? { plannedRadiusM } : {};

    if (!nearby.length) {
      const reason = `no eligible courier within ${radiusM} m of ${o.m_name} (${offeredBefore.length} already offered)`;
      await tx.update(orders).set({ dispatchRound: round, dispatchFlaggedAt: now, dispatchFlagReason: reason }).where(eq(orders.id, orderId));
      await tx.insert(orderEvents).values({
        orderId,
        fromStatus: o.status,
        toStatus: o.status,
        actorRole: "system",
        reason: `dispatch round ${round}: flagged for ops — ${reason}`,
        metadata: { kind: "dispatch.flagged", round, radiusM, ...widened, offeredBefore: offeredBefore.length, retry: flaggedAt !== null },
        at: now,
      });
      // Ops hear about it once; later automatic retries only update the timeline.
      if (!flaggedAt && zoneId) {
        published.push({ channel: `private-ops-${zoneId}`, name: "dispatch.alert", data: { orderId, orderNumber: o.number, merchantId: o.merchant_id, round, radiusM, reason } });
      }
      return { kind: "flagged", round, radiusM, reason };
    }

    const stats = await tx
      .select({ id: couriers.id, ratingSum: couriers.ratingSum, ratingCount: couriers.ratingCount, offersReceived: couriers.offersReceived, offersAccepted: couriers.offersAccepted })
      .from(couriers)
      .where(sql`${couriers.id} in (${sql.join(nearby.map((c) => sql`${c.id}`), sql`, `)})`);
    const byId = new Map(stats.map((s) => [s.id, s]));
    const ranked = rankCandidates(
      nearby.map((c) => {
        const s = byId.get(c.id);
        return { id: c.id, distanceM: c.distanceM, etaS: c.etaS, activeOrders: c.activeOrders, ratingSum: s?.ratingSum ?? 0, ratingCount: s?.ratingCount ?? 0, offersReceived: s?.offersReceived ?? 0, offersAccepted: s?.offersAccepted ?? 0 };
      }),
      readyInS(o, now),
    );
    const chosen = ranked.slice(0, cfg.offersPerRound);
    const expiresAt = new Date(now.getTime() + cfg.offerTimeoutS * 1000);
    const inserted = await tx
      .insert(deliveryOffers)
      .values(chosen.map((c) => ({ orderId, courierId: c.courierId, round, distanceM: c.distanceM + o.trip_m, feeCents: o.courier_fee_cents, expiresAt, createdAt: now })))
      // Another dispatcher may have just offered one of them something else: skip that courier.
      .onConflictDoNothing()
      .returning({ id: deliveryOffers.id, courierId: deliveryOffers.courierId, distanceM: deliveryOffers.distanceM });
    if (!inserted.length) return { kind: "skipped", reason: "raced" };
    await tx
      .update(couriers)
      .set({ offersReceived: sql`${couriers.offersReceived} + 1` })
      .where(sql`${couriers.id} in (${sql.join(inserted.map((i) => sql`${i.courierId}`), sql`, `)})`);
    await tx.update(orders).set({ dispatchRound: round, dispatchFlaggedAt: null, dispatchFlagReason: null }).where(eq(orders.id, orderId));
    const why = (s: TScore) => ({ courierId: s.courierId, score: s.total, etaS: s.etaS, distanceM: s.distanceM, rating: s.rating, acceptanceRate: s.acceptanceRate, parts: s.parts });
    await tx.insert(orderEvents).values({
      orderId,
      fromStatus: o.status,
      toStatus: o.status,
      actorRole: "system",
      reason: `dispatch round ${round}: offered to ${inserted.length} of ${ranked.length} eligible courier(s) within ${radiusM} m${"plannedRadiusM" in widened ? ` (widened from ${plannedRadiusM} m: nobody nearer)` : ""}`,
      metadata: {
        kind: "dispatch.offered",
        round,
        radiusM,
        ...widened,
        readyInS: Math.round(readyInS(o, now)),
        offers: inserted.map((i) => ({ offerId: i.id, courierId: i.courierId })),
        // The runners-up with their scores: why the chosen courier and not the next.
        ranking: ranked.slice(0, 5).map(why),
        excluded: excludeIds.length,
      },
      at: now,
    });
    for (const i of inserted) {
      published.push({
        channel: `private-courier-${i.courierId}`,
        name: "offer.new",
        data: { offerId: i.id, orderId, expiresAt: expiresAt.toISOString(), pickup: { ...pickup, name: o.m_name }, dropoff: { lng: Number(o.d_lng), lat: Number(o.d_lat) }, distanceM: i.distanceM, feeCents: o.courier_fee_cents },
      });
    }
    return { kind: "offered", round, radiusM, offers: inserted.map((i) => ({ offerId: i.id, courierId: i.courierId, expiresAt })) };
  });

  if (published.length) await events.publish(published);
  return outcome;
}

/**
 * Ends this order's offers whose deadline has passed (as `expired`), one timeline row each, and
 * queues `offer.withdrawn` for the courier's screen.
 */
export async function expireOrderOffers(tx: TDbOrTx, orderId: string, status: TOrderStatus, now: Date, published: TDomainEvent[]) {
  const expired = await tx
    .update(deliveryOffers)
    .set({ status: "expired", respondedAt: now, endReason: "no answer before the deadline" })
    .where(and(eq(deliveryOffers.orderId, orderId), eq(deliveryOffers.status, "pending"), lte(deliveryOffers.expiresAt, now)))
    .returning({ id: deliveryOffers.id, courierId: deliveryOffers.courierId, round: deliveryOffers.round });
  if (!expired.length) return expired;
  await tx.insert(orderEvents).values(
    expired.map((e) => ({
      orderId,
      fromStatus: status,
      toStatus: status,
      actorRole: "system",
      reason: `dispatch round ${e.round}: offer expired unanswered`,
      metadata: { kind: "dispatch.expired", round: e.round, offerId: e.id, courierId: e.courierId },
      at: now,
    })),
  );
  for (const e of expired) published.push({ channel: `private-courier-${e.courierId}`, name: "offer.withdrawn", data: { offerId: e.id, orderId, reason: "expired" } });
  return expired;
}
