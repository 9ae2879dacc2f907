// Putting a courier on an order (dispatch's acceptance, or ops by hand). Exactly once: the order
// must be unassigned and live, the courier online with spare capacity, both checked in the
// same conditional UPDATEs.
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { couriers, orderEvents, orders } from "@lastmile/db/schema";

import { areasCoverZone } from "../areas";
import { writeAudit } from "../audit";
import { conflict, notFound } from "../errors";
import type { TEventPublisher } from "../events";
import type { TActor } from "./actor";

export async function assignCourier(db: TDb, events: TEventPublisher, input: { orderId: string; courierId: string; actor: TActor; reason?: string }) {
  if (input.actor.role === "ops_manager") {
    // An ops manager steers only the orders of their own areas.
    const [o] = await db.select({ zoneId: orders.zoneId }).from(orders).where(eq(orders.id, input.orderId));
    if (!o || !(await areasCoverZone(db, input.actor.areaIds, o.zoneId))) throw notFound("That order");
  }
  const result = await db.transaction(async (tx) => {
    const [courier] = await tx
      .update(couriers)
      .set({ activeOrders: sql`${couriers.activeOrders} + 1`, status: "busy" })
      .where(and(eq(couriers.id, input.courierId), eq(couriers.applicationStatus, "approved"), inArray(couriers.status, ["online", "busy"]), lt(couriers.activeOrders, couriers.capacity)))
      .returning({ id: couriers.id });
    if (!courier) throw conflict("That courier is off duty or already at capacity; choose another.");
    const [order] = await tx
      .update(orders)
      .set({ courierId: input.courierId, version: sql`${orders.version} + 1` })
      .where(and(eq(orders.id, input.orderId), isNull(orders.courierId), inArray(orders.status, ["PENDING", "ACCEPTED", "PREPARING", "READY_FOR_PICKUP"])))
      .returning();
    if (!order) {
      const [exists] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, input.orderId));
      if (!exists) throw notFound("That order");
      throw conflict("This order already has a courier or is no longer waiting for one.");
    }
    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: order.status,
      toStatus: order.status,
      actorId: input.actor.userId,
      actorRole: input.actor.role,
      reason: input.reason ?? "courier assigned",
      metadata: { courierId: input.courierId },
    });
    if (input.actor.role !== "system") {
      await writeAudit(tx, { userId: input.actor.userId, role: input.actor.role, ip: input.actor.ip }, { action: "order.assign_courier", entityType: "order", entityId: order.id, before: { courierId: null }, after: { courierId: input.courierId } });
    }
    return order;
  });
  await events.publish([
    { channel: `private-order-${result.id}`, name: "order.courier", data: { orderId: result.id, courierId: input.courierId } },
    { channel: `private-courier-${input.courierId}`, name: "assignment.new", data: { orderId: result.id } },
    { channel: `private-merchant-${result.merchantId}`, name: "order.changed", data: { orderId: result.id, status: result.status, version: result.version } },
  ]);
  return result;
}
