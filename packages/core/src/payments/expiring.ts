// Card authorisations lapse (Stripe holds one for 7 days). Before that happens the worker
// settles each one still open: a delivered order's payment is captured; any other order's hold is
// released — an order still in progress is cancelled by the system (which voids the payment and
// tells the customer), one already cancelled just has its void retried.
import { and, eq, lte, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { merchants, orderEvents, orders, payments } from "@lastmile/db/schema";

import { systemActor } from "../orders/actor";
import { applyTransition } from "../orders/apply";
import type { TOrderDeps } from "../orders/apply";
import { recordCapture } from "../orders/ledger";


/** Act this long before a hold lapses: leaves room for retries if the provider is down. */
export const EXPIRY_MARGIN_MS = 24 * 3_600_000;

export async function settleExpiringAuthorizations(db: TDb, deps: TOrderDeps, now: Date = new Date(), marginMs = EXPIRY_MARGIN_MS) {
  const due = await db
    .select({ payment: payments, order: orders })
    .from(payments)
    .innerJoin(orders, eq(orders.id, payments.orderId))
    .where(and(eq(payments.status, "authorized"), lte(payments.authorizationExpiresAt, new Date(now.getTime() + marginMs))))
    .limit(100);
  const outcome: { orderId: string; action: "captured" | "cancelled" | "voided" }[] = [];
  for (const { payment, order } of due) {
    if (!payment.providerRef) continue;
    if (order.status === "DELIVERED" || order.status === "DISPUTED") {
      const providerRef = payment.providerRef;
      await db.transaction(async (tx) => {
        const { capturedCents } = await deps.payments.capture({ providerRef, amountCents: payment.amountAuthorizedCents, idempotencyKey: `${order.id}:capture` });
        await tx.update(payments).set({ status: "captured", amountCapturedCents: capturedCents }).where(and(eq(payments.id, payment.id), eq(payments.status, "authorized")));
        const [m] = await tx.select({ commissionBp: merchants.commissionBp }).from(merchants).where(eq(merchants.id, order.merchantId));
        await recordCapture(tx, order, m?.commissionBp ?? 2500, capturedCents);
        await tx.insert(orderEvents).values({ orderId: order.id, fromStatus: order.status, toStatus: order.status, actorRole: "system", reason: "Payment captured before the card authorisation lapsed", metadata: { capturedCents } });
      });
      outcome.push({ orderId: order.id, action: "captured" });
    } else if (order.status === "CANCELLED" || order.status === "REFUNDED") {
      const providerRef = payment.providerRef;
      await deps.payments.void({ providerRef, idempotencyKey: `${order.id}:void` });
      await db.update(payments).set({ status: "voided", failureReason: sql`coalesce(${payments.failureReason}, 'released before the hold lapsed')` }).where(eq(payments.id, payment.id));
      outcome.push({ orderId: order.id, action: "voided" });
    } else {
      // Still in progress after days: the money can no longer be held, so the order cannot stand.
      await applyTransition(db, deps, { orderId: order.id, action: "cancel", actor: systemActor, reason: "the hold on your card was about to expire before the order was completed" });
      outcome.push({ orderId: order.id, action: "cancelled" });
    }
  }
  return outcome;
}
