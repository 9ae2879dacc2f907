// A courier answering an offer. Accepting is exactly-once: only the offer's own courier, only
// while it is pending and before its deadline, and in the same transaction as the assignment's
// conditional UPDATEs (assignCourierInTx) — so of any number of racing accepts for an order,
// one wins and the rest are told, specifically, why not. Every path that assigns a courier locks
// the order row first, so racing accepts queue up instead of deadlocking.
import { and, eq, gt, sql } from "drizzle-orm";

import type { TDb, TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { couriers, deliveryOffers, orderEvents } from "@lastmile/db/schema";
import type { TOrderStatus } from "@lastmile/db/schema";

import { conflict, notFound } from "../errors";
import type { TEventPublisher } from "../events";
import { assignCourierInTx, assignmentEvents } from "../orders/assign";
import type { TActor } from "../orders/actor";
import { runDispatchRound } from "./round";
import type { TRoundOutcome } from "./round";

export type TOfferAnswer = { offerId: string; courierId: string; now?: Date };

type TOffer = typeof deliveryOffers.$inferSelect;

/** The offer, if it is this courier's; anyone else's offer is, to them, not there. */
async function ownOffer(tx: TDbOrTx, offerId: string, courierId: string) {
  const [offer] = await tx.select().from(deliveryOffers).where(eq(deliveryOffers.id, offerId));
  if (!offer || offer.courierId !== courierId) throw notFound("That offer");
  return offer;
}

async function lockOrder(tx: TDbOrTx, orderId: string) {
  const [row] = rowsOf<{ status: TOrderStatus; number: number }>(await tx.execute(sql`select status, number from orders where id = ${orderId} for update`));
  if (!row) throw notFound("That order");
  return row;
}

/** Why an offer can no longer be answered, in words the courier can act on. */
function closedOfferError(offer: TOffer, now: Date) {
  if (offer.status === "pending" && offer.expiresAt <= now) return conflict(`This offer expired at ${offer.expiresAt.toISOString()}; it has gone to another courier.`, { status: "expired" });
  const why: Record<TOffer["status"], string> = {
    pending: "This offer is still open.",
    accepted: "You already accepted this offer.",
    declined: "You declined this offer.",
    expired: "This offer expired before it was answered; it has gone to another courier.",
    withdrawn: offer.endReason === "order cancelled" ? "This order was cancelled." : "This order went to another courier.",
  };
  return conflict(why[offer.status], { status: offer.status });
}

const courierActor = (userId: string, courierId: string): TActor => ({ userId, role: "courier", merchantIds: [], courierId, areaIds: [] });

export async function acceptOffer(db: TDb, events: TEventPublisher, input: TOfferAnswer) {
  const now = input.now ?? new Date();
  const { order, withdrawn, offer } = await db.transaction(async (tx) => {
    const offer = await ownOffer(tx, input.offerId, input.courierId);
    await lockOrder(tx, offer.orderId);
    const [accepted] = await tx
      .update(deliveryOffers)
      .set({ status: "accepted", respondedAt: now })
      .where(and(eq(deliveryOffers.id, offer.id), eq(deliveryOffers.courierId, input.courierId), eq(deliveryOffers.status, "pending"), gt(deliveryOffers.expiresAt, now)))
      .returning();
    if (!accepted) {
      const [current] = await tx.select().from(deliveryOffers).where(eq(deliveryOffers.id, offer.id));
      throw closedOfferError(current ?? offer, now);
    }
    const [c] = await tx
      .update(couriers)
      .set({ offersAccepted: sql`${couriers.offersAccepted} + 1` })
      .where(eq(couriers.id, input.courierId))
      .returning({ userId: couriers.userId, status: couriers.status, activeOrders: couriers.activeOrders, capacity: couriers.capacity });
    if (!c) throw notFound("Your courier profile");
    // Said in the courier's terms; assignCourierInTx re-checks both conditionally all the same.
    if (c.status === "offline") throw conflict("You are off duty: go on duty to accept offers.");
    if (c.activeOrders >= c.capacity) throw conflict("You are already carrying as many orders as you can; deliver one first.");
    const assigned = await assignCourierInTx(tx, {
      orderId: offer.orderId,
      courierId: input.courierId,
      actor: courierActor(c.userId, input.courierId),
      reason: `dispatch round ${offer.round}: offer accepted`,
      metadata: { offerId: offer.id, round: offer.round },
    });
    return { ...assigned, offer: accepted };
  });
  await events.publish(assignmentEvents(order, input.courierId, withdrawn));
  return { offer, order };
}

/**
 * Declines an open offer (with the courier's reason, if they gave one), then offers the order to
 * the next best courier right away. Should that round fail, the worker's dispatch sweep runs it.
 */
export async function declineOffer(db: TDb, events: TEventPublisher, input: TOfferAnswer & { reason?: string }) {
  const now = input.now ?? new Date();
  const reason = input.reason?.trim() || null;
  const offer = await db.transaction(async (tx) => {
    const offer = await ownOffer(tx, input.offerId, input.courierId);
    const order = await lockOrder(tx, offer.orderId);
    const [declined] = await tx
      .update(deliveryOffers)
      .set({ status: "declined", respondedAt: now, endReason: reason ?? "declined" })
      .where(and(eq(deliveryOffers.id, offer.id), eq(deliveryOffers.courierId, input.courierId), eq(deliveryOffers.status, "pending")))
      .returning();
    if (!declined) throw closedOfferError(offer, now);
    const [c] = await tx.select({ userId: couriers.userId }).from(couriers).where(eq(couriers.id, input.courierId));
    await tx.insert(orderEvents).values({
      orderId: offer.orderId,
      fromStatus: order.status,
      toStatus: order.status,
      actorId: c?.userId ?? null,
      actorRole: "courier",
      reason: `dispatch round ${offer.round}: offer declined${reason ? ` — ${reason}` : ""}`,
      metadata: { kind: "dispatch.declined", round: offer.round, offerId: offer.id, courierId: input.courierId },
      at: now,
    });
    return declined;
  });
  let next: TRoundOutcome | null = null;
  try {
    next = await runDispatchRound(db, events, offer.orderId, now);
  } catch (error) {
    // The decline stands; the worker's sweep offers the order again on its next pass.
    console.error(`[dispatch] re-offering order ${offer.orderId} after a decline failed: ${(error as Error).message}`);
  }
  return { offer, next };
}
