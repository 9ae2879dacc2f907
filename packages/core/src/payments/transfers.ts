// After capture, each payee with a Stripe Connect account receives their share of the order as a
// separate transfer in the order's transfer group. One row per payee and order (unique), one
// idempotency key per payee and order: a retry after a timeout finds the row and replays the same
// Stripe request, so a share is never sent twice. Payees without an account are left owed in the
// ledger, for the periodic payout.
import { and, eq, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { couriers, merchants, orders, payments, paymentTransfers } from "@lastmile/db/schema";
import type { TPaymentProvider } from "@lastmile/payments";
import { transferGroupOf } from "@lastmile/payments";

import { assertOrderBalanced, payableBalance, recordPaidOut } from "../orders/ledger";
import type { TPayee } from "../orders/ledger";

export async function transferOrderShares(db: TDb, provider: TPaymentProvider, orderId: string) {
  const transfer = provider.transfer;
  if (!transfer) return [];
  const [row] = await db
    .select({ order: orders, payment: payments, merchantAccount: merchants.stripeAccountId, courierAccount: couriers.stripeAccountId })
    .from(orders)
    .innerJoin(payments, eq(payments.orderId, orders.id))
    .innerJoin(merchants, eq(merchants.id, orders.merchantId))
    .leftJoin(couriers, eq(couriers.id, orders.courierId))
    .where(eq(orders.id, orderId));
  if (!row) throw new Error(`order ${orderId} has no payment to transfer from`);
  const providerRef = row.payment.providerRef;
  if (!providerRef || row.payment.amountCapturedCents === 0) throw new Error(`order ${orderId}: payment not captured yet`);
  const payees: (TPayee & { destination: string | null })[] = [
    { type: "merchant", id: row.order.merchantId, destination: row.merchantAccount },
    ...(row.order.courierId ? [{ type: "courier" as const, id: row.order.courierId, destination: row.courierAccount ?? null }] : []),
  ];
  const sent: { payee: TPayee["type"]; amountCents: number; transferRef: string }[] = [];
  for (const payee of payees) {
    const destination = payee.destination;
    if (!destination) continue;
    const result = await db.transaction(async (tx) => {
      // What this order still owes this payee: zero once transferred, so a re-run sends nothing.
      const owed = await payableBalance(tx, payee, orderId);
      const [existing] = await tx.select().from(paymentTransfers).where(and(eq(paymentTransfers.orderId, orderId), eq(paymentTransfers.payeeType, payee.type))).for("update");
      if (existing?.status === "succeeded" || owed <= 0) return null;
      const amount = existing?.amountCents ?? owed;
      if (!existing) {
        await tx.insert(paymentTransfers).values({ paymentId: row.payment.id, orderId, payeeType: payee.type, payeeId: payee.id, destination, amountCents: amount, currency: row.order.currency, transferGroup: transferGroupOf(orderId) });
      }
      try {
        const { transferRef } = await transfer({
          providerRef,
          destination,
          amountCents: amount,
          currency: row.order.currency,
          transferGroup: transferGroupOf(orderId),
          idempotencyKey: `${orderId}:transfer:${payee.type}`,
          metadata: { orderId, payee: payee.type },
        });
        await tx.update(paymentTransfers).set({ status: "succeeded", providerRef: transferRef, failureReason: null }).where(and(eq(paymentTransfers.orderId, orderId), eq(paymentTransfers.payeeType, payee.type)));
        await recordPaidOut(tx, payee, amount, row.order.currency, `Transfer ${transferRef} to ${destination}`, orderId);
        await assertOrderBalanced(tx, orderId);
        return { payee: payee.type, amountCents: amount, transferRef };
      } catch (error) {
        // Keep the row (and its amount) so the retry sends the very same request.
        await tx.update(paymentTransfers).set({ status: "failed", failureReason: (error as Error).message, updatedAt: sql`now()` }).where(and(eq(paymentTransfers.orderId, orderId), eq(paymentTransfers.payeeType, payee.type)));
        return { error: error as Error };
      }
    });
    if (result && "error" in result) throw result.error;
    if (result) sent.push(result);
  }
  return sent;
}
