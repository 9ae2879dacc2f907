// Putting a courier on an order (dispatch's acceptance, or ops by hand). Exactly once: the order
// must be unassigned and live, the courier online with spare capacity, both checked in the
// same conditional UPDATEs.
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";

import type { TDb, TDbOrTx } from "@lastmile/db/client";
import { couriers, deliveryOffers, orderEvents, orders } from "@lastmile/db/schema";

import { areasCoverZone } from "../areas";
import { writeAudit } from "../audit";
import { conflict, notFound } from "../errors";
import type { TDomainEvent, TEventPublisher } from "../events";
import type { TActor } from "./actor";

export type TAssignInput = { orderId: string; courierId: string; actor: TActor; reason?: string; metadata?: Record<string, unknown> };
type TOrderRow = typeof orders.$inferSelect;

/**
 * The conditional UPDATEs that put a courier on an order, inside the caller's transaction — the
 * single source of exactly-once assignment for ops by hand and for an accepted offer alike. The
 * courier must be approved, on duty and below capacity; the order live, before pick-up and
 * unassigned. Any still-open offers of the order are withdrawn. Throws a Conflict (and the
 * caller's transaction rolls back) when either side no longer qualifies.
 */
export async function assignCourierInTx(tx: TDbOrTx, input: TAssignInput) {
  // Order row first, then the courier's: every assigning path takes them in this order, so
  // racing assignments wait for each other instead of deadlocking.
  await tx.execute(sql`select id from orders where id = ${input.orderId} for update`);
  const [courier] = await tx
    .update(couriers)
    .set({ activeOrders: sql`${couriers.activeOrders} + 1`, status: "busy" })
    .where(and(eq(couriers.id, input.courierId), eq(couriers.applicationStatus, "approved"), inArray(couriers.status, ["online", "busy"]), lt(couriers.activeOrders, couriers.capacity)))
    .returning({ id: couriers.id });
  if (!courier) throw conflict("That courier is off duty or already at capacity; choose another.");
  const [order] = await tx
    .update(orders)
    .set({ courierId: input.courierId, version: sql`${orders.version} + 1`, dispatchFlaggedAt: null, dispatchFlagReason: null })
    .where(and(eq(orders.id, input.orderId), isNull(orders.courierId), inArray(orders.status, ["PENDING", "ACCEPTED", "PREPARING", "READY_FOR_PICKUP"])))
    .returning();
  if (!order) {
    const [exists] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, input.orderId));
    if (!exists) throw notFound("That order");
    throw conflict("This order already has a courier or is no longer waiting for one.");
  }
  const withdrawn = await tx
    .update(deliveryOffers)
    .set({ status: "withdrawn", respondedAt: sql`now()`, endReason: "order assigned" })
    // The assigned courier's own open offer too, when ops assign them by hand while it is open.
    .where(and(eq(deliveryOffers.orderId, order.id), eq(deliveryOffers.status, "pending")))
    .returning({ id: deliveryOffers.id, courierId: deliveryOffers.courierId });
  await tx.insert(orderEvents).values({
    orderId: order.id,
    fromStatus: order.status,
    toStatus: order.status,
    actorId: input.actor.userId,
    actorRole: input.actor.role,
    reason: input.reason ?? "courier assigned",
    metadata: { kind: "dispatch.assigned", courierId: input.courierId, ...input.metadata, withdrawnOfferIds: withdrawn.map((w) => w.id) },
  });
  if (input.actor.role !== "system" && input.actor.role !== "courier") {
    await writeAudit(tx, { userId: input.actor.userId, role: input.actor.role, ip: input.actor.ip }, { action: "order.assign_courier", entityType: "order", entityId: order.id, before: { courierId: null }, after: { courierId: input.courierId } });
  }
  return { order, withdrawn };
}

/** What the live screens are told after an assignment commits. */
export function assignmentEvents(order: TOrderRow, courierId: string, withdrawn: { id: string; courierId: string }[]): TDomainEvent[] {
  return [
    { channel: `private-order-${order.id}`, name: "order.courier", data: { orderId: order.id, courierId } },
    { channel: `private-courier-${courierId}`, name: "assignment.new", data: { orderId: order.id } },
    { channel: `private-merchant-${order.merchantId}`, name: "order.changed", data: { orderId: order.id, status: order.status, version: order.version } },
    ...withdrawn.map((w) => ({ channel: `private-courier-${w.courierId}`, name: "offer.withdrawn", data: { offerId: w.id, orderId: order.id, reason: "taken" } })),
  ];
}

export async function assignCourier(db: TDb, events: TEventPublisher, input: TAssignInput) {
  if (input.actor.role === "ops_manager") {
    // An ops manager steers only the orders of their own areas.
    const [o] = await db.select({ zoneId: orders.zoneId }).from(orders).where(eq(orders.id, input.orderId));
    if (!o || !(await areasCoverZone(db, input.actor.areaIds, o.zoneId))) throw notFound("That order");
  }
  const { order, withdrawn } = await db.transaction((tx) => assignCourierInTx(tx, input));
  await events.publish(assignmentEvents(order, input.courierId, withdrawn));
  return order;
}
