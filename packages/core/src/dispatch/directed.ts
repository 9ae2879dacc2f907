// Ops offering an order to the courier they chose, instead of dispatch's ranking: a directed
// offer through the same path as any other — a delivery offer with a deadline, a recorded round
// ("offered by hand: assigned by ops <name>"), the courier's screen told at once — so the courier
// still says yes. Open offers of the order to other couriers are withdrawn: ops overrode them.
// If the courier declines or lets it lapse, dispatch carries on as usual.
import { and, eq, gt, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { couriers, deliveryOffers, orderEvents, orders, users } from "@lastmile/db/schema";
import type { TOrderStatus } from "@lastmile/db/schema";

import { areasCoverZone } from "../areas";
import { writeAudit } from "../audit";
import { activeConfig, ZDispatchConfig } from "../config";
import { conflict, notFound } from "../errors";
import type { TDomainEvent, TEventPublisher } from "../events";
import type { TActor } from "../orders/actor";
import { AWAITING_COURIER, expireOrderOffers } from "./round";

export type TDirectedOfferInput = { orderId: string; courierId: string; actor: TActor; now?: Date };

const clock = (at: Date) => at.toISOString().slice(11, 16) + " UTC";

export async function offerOrderToCourier(
  db: TDb,
  events: TEventPublisher,
  input: TDirectedOfferInput,
) {
  const now = input.now ?? new Date();
  const { value: cfg } = await activeConfig(db, "dispatch", ZDispatchConfig);
  const published: TDomainEvent[] = [];

  const result = await db.transaction(async (tx) => {
    // The order row first, as every assigning path takes it, so an accept racing this waits.
    const [o] = rowsOf<{
      id: string;
      number: number;
      status: TOrderStatus;
      courier_id: string | null;
      zone_id: string | null;
      courier_fee_cents: number;
      dispatch_round: number;
      m_lng: number;
      m_lat: number;
      m_name: string;
      d_lng: number;
      d_lat: number;
      trip_m: number;
    }>(
      await tx.execute(sql`
        select o.id, o.number, o.status, o.courier_id, o.zone_id, o.courier_fee_cents, o.dispatch_round,
               ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat, m.name as m_name,
               ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat,
               coalesce(o.distance_m, round(ST_Distance(m.location, o.dropoff_location)))::int as trip_m
        from orders o join merchants m on m.id = o.merchant_id
        where o.id = ${input.orderId}
        for update of o`),
    );
    if (
      !o ||
      (input.actor.role === "ops_manager" &&
        !(await areasCoverZone(tx, input.actor.areaIds, o.zone_id)))
    )
      throw notFound("That order");
    if (o.courier_id || !(AWAITING_COURIER as readonly string[]).includes(o.status))
      throw conflict(`Order #${o.number} already has a courier or is no longer waiting for one.`, {
        status: o.status,
      });

    const [c] = rowsOf<{
      id: string;
      name: string | null;
      status: string;
      application_status: string;
      active_orders: number;
      capacity: number;
      to_pickup_m: number | null;
    }>(
      await tx.execute(sql`
        select c.id, u.name, c.status, c.application_status, c.active_orders, c.capacity,
               round(ST_Distance(c.current_location, ST_SetSRID(ST_MakePoint(${Number(o.m_lng)}, ${Number(o.m_lat)}), 4326)::geography))::int as to_pickup_m
        from couriers c join users u on u.id = c.user_id where c.id = ${input.courierId}`),
    );
    if (!c) throw notFound("That courier");
    const who = c.name ?? "That courier";
    if (
      c.application_status !== "approved" ||
      !["online", "busy"].includes(c.status) ||
      c.active_orders >= c.capacity
    )
      throw conflict(`${who} is off duty or already at capacity; choose another courier.`);

    await expireOrderOffers(tx, o.id, o.status, now, published);
    // The courier's own open offer for another order: lapsed ones end now; a live one is theirs to answer first.
    const [busy] = rowsOf<{
      order_id: string;
      number: number;
      status: TOrderStatus;
      expires_at: string | Date;
    }>(
      await tx.execute(
        sql`select d.order_id, x.number, x.status, d.expires_at from delivery_offers d join orders x on x.id = d.order_id where d.courier_id = ${c.id} and d.status = 'pending' and d.order_id <> ${o.id}`,
      ),
    );
    if (busy && new Date(busy.expires_at) > now)
      throw conflict(
        `${who} is considering an offer for order #${busy.number} until ${clock(new Date(busy.expires_at))}; wait for their answer or choose another courier.`,
      );
    if (busy) await expireOrderOffers(tx, busy.order_id, busy.status, now, published);
    const [before] = await tx
      .select({
        status: deliveryOffers.status,
        endReason: deliveryOffers.endReason,
        expiresAt: deliveryOffers.expiresAt,
      })
      .from(deliveryOffers)
      .where(and(eq(deliveryOffers.orderId, o.id), eq(deliveryOffers.courierId, c.id)));
    if (before?.status === "pending")
      throw conflict(
        `${who} already has order #${o.number} on offer until ${clock(before.expiresAt)}; wait for their answer.`,
        { offerStatus: before.status },
      );
    if (before)
      throw conflict(
        `${who} was already offered order #${o.number} (${before.status}${before.endReason ? `: ${before.endReason}` : ""}); assign them directly if they agreed, or choose another courier.`,
        { offerStatus: before.status },
      );

    const [opsUser] = input.actor.userId
      ? await tx
          .select({ name: users.name, email: users.email })
          .from(users)
          .where(eq(users.id, input.actor.userId))
      : [];
    const opsName = opsUser?.name ?? opsUser?.email ?? input.actor.role;
    const withdrawn = await tx
      .update(deliveryOffers)
      .set({ status: "withdrawn", respondedAt: now, endReason: `offered by ops to ${who}` })
      .where(
        and(
          eq(deliveryOffers.orderId, o.id),
          eq(deliveryOffers.status, "pending"),
          gt(deliveryOffers.expiresAt, now),
        ),
      )
      .returning({ id: deliveryOffers.id, courierId: deliveryOffers.courierId });

    const round = o.dispatch_round + 1;
    const expiresAt = new Date(now.getTime() + cfg.offerTimeoutS * 1000);
    const distanceM = (c.to_pickup_m ?? 0) + Number(o.trip_m);
    const [offer] = await tx
      .insert(deliveryOffers)
      .values({
        orderId: o.id,
        courierId: c.id,
        round,
        distanceM,
        feeCents: o.courier_fee_cents,
        expiresAt,
        createdAt: now,
      })
      .returning({ id: deliveryOffers.id });
    if (!offer) throw conflict(`${who} could not be offered order #${o.number}; try again.`);
    await tx
      .update(couriers)
      .set({ offersReceived: sql`${couriers.offersReceived} + 1` })
      .where(eq(couriers.id, c.id));
    await tx
      .update(orders)
      .set({ dispatchRound: round, dispatchFlaggedAt: null, dispatchFlagReason: null })
      .where(eq(orders.id, o.id));
    await tx.insert(orderEvents).values({
      orderId: o.id,
      fromStatus: o.status,
      toStatus: o.status,
      actorId: input.actor.userId,
      actorRole: input.actor.role,
      reason: `dispatch round ${round}: offered to ${who} by hand — assigned by ops ${opsName}`,
      metadata: {
        kind: "dispatch.offered",
        round,
        directed: true,
        byOps: opsName,
        offers: [{ offerId: offer.id, courierId: c.id }],
        withdrawnOfferIds: withdrawn.map((w) => w.id),
      },
      at: now,
    });
    await writeAudit(
      tx,
      { userId: input.actor.userId, role: input.actor.role, ip: input.actor.ip },
      {
        action: "order.offer_courier",
        entityType: "order",
        entityId: o.id,
        before: { courierId: null, openOffers: withdrawn.length },
        after: { offeredTo: c.id, offerId: offer.id, expiresAt: expiresAt.toISOString() },
      },
    );

    for (const w of withdrawn)
      published.push({
        channel: `private-courier-${w.courierId}`,
        name: "offer.withdrawn",
        data: { offerId: w.id, orderId: o.id, reason: "taken" },
      });
    published.push({
      channel: `private-courier-${c.id}`,
      name: "offer.new",
      data: {
        offerId: offer.id,
        orderId: o.id,
        expiresAt: expiresAt.toISOString(),
        pickup: { lng: Number(o.m_lng), lat: Number(o.m_lat), name: o.m_name },
        dropoff: { lng: Number(o.d_lng), lat: Number(o.d_lat) },
        distanceM,
        feeCents: o.courier_fee_cents,
      },
    });
    return {
      offerId: offer.id,
      orderId: o.id,
      orderNumber: Number(o.number),
      courierId: c.id,
      courierName: who,
      round,
      expiresAt,
    };
  });

  await events.publish(published);
  return result;
}
