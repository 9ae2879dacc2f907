// The double-entry ledger lines an order writes: on capture, who earns what; on refund, what
// goes back. Each call writes one transaction whose entries sum to zero.
import { randomUUID } from "node:crypto";

import type { TDbOrTx } from "@lastmile/db/client";
import { ledgerEntries } from "@lastmile/db/schema";

type TEntry = typeof ledgerEntries.$inferInsert;

async function writeTransaction(db: TDbOrTx, lines: Omit<TEntry, "transactionId">[]) {
  const transactionId = randomUUID();
  const nonZero = lines.filter((l) => l.amountCents !== 0);
  const sum = nonZero.reduce((s, l) => s + l.amountCents, 0);
  if (sum !== 0) throw new Error(`ledger transaction does not balance (${sum})`);
  if (nonZero.length) await db.insert(ledgerEntries).values(nonZero.map((l) => ({ ...l, transactionId })));
  return transactionId;
}

export function recordCapture(
  db: TDbOrTx,
  o: { id: string; customerId: string; merchantId: string; courierId: string | null; currency: string; totalCents: number; subtotalCents: number; taxCents: number; tipCents: number; courierFeeCents: number },
  commissionBp: number,
) {
  const commission = Math.round((o.subtotalCents * commissionBp) / 10000);
  const merchantShare = o.subtotalCents - commission;
  const courierShare = o.courierId ? o.courierFeeCents + o.tipCents : 0;
  const platform = o.totalCents - merchantShare - courierShare - o.taxCents;
  const base = { orderId: o.id, currency: o.currency };
  return writeTransaction(db, [
    { ...base, account: "customer_payments", ownerId: o.customerId, amountCents: o.totalCents, description: "Payment captured" },
    { ...base, account: "merchant_payable", ownerId: o.merchantId, amountCents: -merchantShare, description: "Merchant share after commission" },
    { ...base, account: "courier_payable", ownerId: o.courierId, amountCents: -courierShare, description: "Courier fee and tip" },
    { ...base, account: "tax_payable", ownerId: null, amountCents: -o.taxCents, description: "VAT on fees" },
    { ...base, account: "platform_revenue", ownerId: null, amountCents: -platform, description: "Platform fees and commission" },
  ]);
}

export function recordRefund(db: TDbOrTx, o: { id: string; customerId: string; currency: string }, amountCents: number) {
  const base = { orderId: o.id, currency: o.currency };
  return writeTransaction(db, [
    { ...base, account: "refunds", ownerId: o.customerId, amountCents, description: "Refund to customer" },
    { ...base, account: "customer_payments", ownerId: o.customerId, amountCents: -amountCents, description: "Refund paid out" },
  ]);
}
