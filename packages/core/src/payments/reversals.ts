// A refund charged (in part) to the restaurant or the courier. Their share on the order is
// reduced in the ledger; if it was already sent to their Stripe Connect account, that much of
// the transfer is reversed (`transfers.createReversal`, one idempotency key per refund and payee,
// so a retried refund reverses once) and the ledger records the money coming back. Runs inside
// the refund's transaction: the refund, the recovery and the reversal commit together.
import { and, eq } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { paymentTransfers } from "@lastmile/db/schema";
import type { TPaymentProvider } from "@lastmile/payments";

import { recordRecovery, recordReversal, recoverableShare } from "../orders/ledger";
import type { TPayee } from "../orders/ledger";

export type TRecovered = { payee: TPayee["type"]; recoveredCents: number; reversedCents: number; reversalRef: string | null };

export async function recoverRefundFromPayees(
  tx: TDbOrTx,
  provider: TPaymentProvider,
  order: { id: string; merchantId: string; courierId: string | null; currency: string },
  refundCents: number,
  from: readonly TPayee["type"][],
  refundNumber: number,
): Promise<TRecovered[]> {
  const done: TRecovered[] = [];
  let left = refundCents;
  for (const type of from) {
    const id = type === "merchant" ? order.merchantId : order.courierId;
    if (!id || left <= 0) continue;
    const payee = { type, id };
    const recovered = Math.min(left, await recoverableShare(tx, payee, order.id));
    if (recovered <= 0) continue;
    await recordRecovery(tx, payee, order, recovered);
    left -= recovered;

    let reversedCents = 0;
    let reversalRef: string | null = null;
    const [transfer] = await tx.select().from(paymentTransfers).where(and(eq(paymentTransfers.orderId, order.id), eq(paymentTransfers.payeeType, type))).for("update");
    const reversible = transfer && transfer.status !== "pending" && transfer.status !== "failed" && transfer.providerRef ? transfer.amountCents - transfer.amountReversedCents : 0;
    if (transfer?.providerRef && reversible > 0) {
      if (!provider.reverseTransfer) throw new Error(`order ${order.id}: the ${type}'s share was transferred but ${provider.name} cannot reverse transfers`);
      reversedCents = Math.min(recovered, reversible);
      ({ reversalRef } = await provider.reverseTransfer({
        transferRef: transfer.providerRef,
        amountCents: reversedCents,
        idempotencyKey: `${order.id}:reversal:${type}:${refundNumber}`,
        metadata: { orderId: order.id, payee: type, refund: String(refundNumber) },
      }));
      const total = transfer.amountReversedCents + reversedCents;
      await tx
        .update(paymentTransfers)
        .set({ amountReversedCents: total, status: total === transfer.amountCents ? "reversed" : transfer.status })
        .where(eq(paymentTransfers.id, transfer.id));
      await recordReversal(tx, payee, reversedCents, order.currency, `Reversal ${reversalRef} of transfer ${transfer.providerRef}`, order.id);
    }
    done.push({ payee: type, recoveredCents: recovered, reversedCents, reversalRef });
  }
  return done;
}
