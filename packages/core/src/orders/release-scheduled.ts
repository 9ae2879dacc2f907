// Scheduled orders reach the kitchen at their release time (slot minus preparation and travel):
// from then on they are ordinary new orders — they ring on the board, the acceptance clock starts,
// an auto-accepting kitchen accepts them, and dispatch follows acceptance as usual. Each release
// is a conditional UPDATE on `released_at is null`, so running this twice, on two workers, or
// again after a crash releases every order exactly once.
import { and, eq, isNotNull, isNull, lte } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { merchants, orderEvents, orderItems, orders } from "@lastmile/db/schema";

import { enqueueMerchantNewOrderEmails } from "../checkout/merchant-new-order-email";
import { isLostRace } from "../errors";
import type { TOrderDeps } from "./apply";
import { applyTransition } from "./apply";
import { systemActor } from "./actor";

export async function releaseScheduledOrders(db: TDb, deps: TOrderDeps, now: Date, limit = 100) {
  const due = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.status, "PENDING"),
        isNotNull(orders.scheduledFor),
        isNull(orders.releasedAt),
        lte(orders.releaseAt, now),
      ),
    )
    .orderBy(orders.releaseAt)
    .limit(limit);
  let released = 0;
  for (const { id } of due) {
    const order = await db.transaction(async (tx) => {
      const [o] = await tx
        .update(orders)
        .set({ releasedAt: now })
        .where(and(eq(orders.id, id), eq(orders.status, "PENDING"), isNull(orders.releasedAt)))
        .returning();
      if (!o) return null;
      await tx.insert(orderEvents).values({
        orderId: o.id,
        fromStatus: o.status,
        toStatus: o.status,
        actorRole: "system",
        reason: "Sent to the kitchen for its delivery slot",
        metadata: {
          kind: "scheduled.released",
          scheduledFor: o.scheduledFor?.toISOString() ?? null,
        },
        at: now,
      });
      const [m] = await tx
        .select({ autoAccept: merchants.autoAccept, name: merchants.name })
        .from(merchants)
        .where(eq(merchants.id, o.merchantId));
      // The owners' new-order mail goes now, with the kitchen's ring, not when it was paid.
      const items = await tx
        .select({ name: orderItems.name, quantity: orderItems.quantity, lineTotalCents: orderItems.lineTotalCents, modifiers: orderItems.modifiers })
        .from(orderItems)
        .where(eq(orderItems.orderId, o.id));
      await enqueueMerchantNewOrderEmails(
        tx,
        o.merchantId,
        { ...o, merchantName: m?.name ?? "the restaurant", lines: items.map((l) => ({ name: l.name, quantity: l.quantity, lineTotalCents: l.lineTotalCents, modifiers: l.modifiers.map((x) => x.name) })) },
        now,
      );
      return { ...o, autoAccept: m?.autoAccept ?? false };
    });
    // Released a moment ago by another worker, or cancelled meanwhile.
    if (!order) continue;
    released += 1;
    await deps.events.publish([
      {
        channel: `private-merchant-${order.merchantId}`,
        name: "order.new",
        data: { orderId: order.id, number: order.number },
      },
    ]);
    if (order.autoAccept) {
      try {
        await applyTransition(db, deps, {
          orderId: order.id,
          action: "accept",
          actor: systemActor,
        });
      } catch (error) {
        // Accepted or cancelled by someone else in between: the order is where it should be.
        if (!isLostRace(error)) throw error;
      }
    }
  }
  return { considered: due.length, released };
}
