// The double-entry ledger lines an order writes: on capture, who earns what; on refund, what
// goes back; on a transfer or payout, a payee's share leaving the platform. Debits are
// positive, credits negative. Each call writes one transaction whose entries sum to zero, so
// every order's entries — and the whole ledger — sum to zero as well; `assertOrderBalanced`
// checks it in the same transaction as the write, so an unbalanced order never commits.
import { randomUUID } from "node:crypto";

import { and, eq, sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { ledgerEntries } from "@lastmile/db/schema";

type TEntry = typeof ledgerEntries.$inferInsert;

async function writeTransaction(db: TDbOrTx, lines: Omit<TEntry, "transactionId">[]) {
  const transactionId = randomUUID();
  for (const l of lines) if (!Number.isInteger(l.amountCents)) throw new Error(`ledger amounts are whole minor units, not ${l.amountCents} (${l.account})`);
  const nonZero = lines.filter((l) => l.amountCents !== 0);
  const sum = nonZero.reduce((s, l) => s + l.amountCents, 0);
  if (sum !== 0) throw new Error(`ledger transaction does not balance (${sum}): ${nonZero.map((l) => `${l.account} ${l.amountCents}`).join(", ")}`);
  if (nonZero.length) await db.insert(ledgerEntries).values(nonZero.map((l) => ({ ...l, transactionId })));
  return transactionId;
}

export type TLedgerOrder = { id: string; customerId: string; merchantId: string; courierId: string | null; currency: string; totalCents: number; subtotalCents: number; taxCents: number; tipCents: number; courierFeeCents: number; merchantFundedDeliveryCents?: number };

/**
 * Who earns what from a captured payment. The merchant keeps the subtotal less commission, the
 * courier the fee plus all of the tip, tax is owed to the state, the platform keeps the rest.
 * Free delivery the merchant offered is paid from its share: the customer paid no delivery fee,
 * so the platform's part of it comes from the merchant instead.
 * When less than the total was captured (items missing), the shortfall comes off the merchant's
 * share — the missing food was theirs — and, past that, off the platform's; never the courier's.
 */
export function splitCapture(o: TLedgerOrder, commissionBp: number, capturedCents: number = o.totalCents) {
  if (!Number.isInteger(capturedCents) || capturedCents < 0 || capturedCents > o.totalCents) throw new Error(`captured ${capturedCents} of an order totalling ${o.totalCents}`);
  const commission = Math.round((o.subtotalCents * commissionBp) / 10000);
  const shortfall = o.totalCents - capturedCents;
  const fullMerchant = o.subtotalCents - commission - (o.merchantFundedDeliveryCents ?? 0);
  const merchant = Math.max(fullMerchant - shortfall, 0);
  const courier = o.courierId ? o.courierFeeCents + o.tipCents : 0;
  const tax = o.taxCents;
  const platform = capturedCents - merchant - courier - tax;
  return { captured: capturedCents, merchant, courier, tax, platform };
}

export async function recordCapture(db: TDbOrTx, o: TLedgerOrder, commissionBp: number, capturedCents: number = o.totalCents) {
  const split = splitCapture(o, commissionBp, capturedCents);
  const base = { orderId: o.id, currency: o.currency };
  return writeTransaction(db, [
    { ...base, account: "customer_payments", ownerId: o.customerId, amountCents: split.captured, description: split.captured < o.totalCents ? `Payment captured (${o.totalCents - split.captured} less: items missing)` : "Payment captured" },
    { ...base, account: "merchant_payable", ownerId: o.merchantId, amountCents: -split.merchant, description: "Merchant share after commission" },
    { ...base, account: "courier_payable", ownerId: o.courierId, amountCents: -split.courier, description: "Courier fee and tip" },
    { ...base, account: "tax_payable", ownerId: null, amountCents: -split.tax, description: "VAT on fees" },
    { ...base, account: "platform_revenue", ownerId: null, amountCents: -split.platform, description: "Platform fees and commission" },
  ]);
}

/** A refund is the platform's cost (goodwill and disputes): payees keep what they earned. */
export async function recordRefund(db: TDbOrTx, o: { id: string; customerId: string; currency: string }, amountCents: number, description = "Refund to customer") {
  if (!Number.isInteger(amountCents) || amountCents <= 0) throw new Error(`refund of ${amountCents} minor units`);
  const base = { orderId: o.id, currency: o.currency };
  return writeTransaction(db, [
    { ...base, account: "refunds", ownerId: o.customerId, amountCents, description },
    { ...base, account: "customer_payments", ownerId: o.customerId, amountCents: -amountCents, description: "Refund paid out" },
  ]);
}

export type TPayee = { type: "merchant" | "courier"; id: string };
const payableOf = (p: TPayee) => (p.type === "merchant" ? "merchant_payable" : "courier_payable");

/** A payee's share leaving the platform: to their connected account (per order) or in a payout. */
export async function recordPaidOut(db: TDbOrTx, payee: TPayee, amountCents: number, currency: string, description: string, orderId: string | null = null) {
  if (!Number.isInteger(amountCents) || amountCents <= 0) throw new Error(`payout of ${amountCents} minor units`);
  return writeTransaction(db, [
    { orderId, currency, account: payableOf(payee), ownerId: payee.id, amountCents, description },
    { orderId, currency, account: "payouts", ownerId: payee.id, amountCents: -amountCents, description },
  ]);
}

/**
 * Part of a refund charged to a payee (the dish never came: the restaurant pays it back): their
 * payable on the order goes down, and the platform's refund cost with it. The `refunds` line
 * carries the payee's id, so what was recovered from whom can be read back.
 */
export async function recordRecovery(db: TDbOrTx, payee: TPayee, o: { id: string; currency: string }, amountCents: number) {
  if (!Number.isInteger(amountCents) || amountCents <= 0) throw new Error(`recovery of ${amountCents} minor units`);
  const base = { orderId: o.id, currency: o.currency };
  return writeTransaction(db, [
    { ...base, account: payableOf(payee), ownerId: payee.id, amountCents, description: `Refund charged to the ${payee.type}` },
    { ...base, account: "refunds", ownerId: payee.id, amountCents: -amountCents, description: `Refund recovered from the ${payee.type}` },
  ]);
}

/** Money taken back from a payee's connected account (a transfer reversal): the opposite of recordPaidOut. */
export async function recordReversal(db: TDbOrTx, payee: TPayee, amountCents: number, currency: string, description: string, orderId: string) {
  if (!Number.isInteger(amountCents) || amountCents <= 0) throw new Error(`reversal of ${amountCents} minor units`);
  return writeTransaction(db, [
    { orderId, currency, account: "payouts", ownerId: payee.id, amountCents, description },
    { orderId, currency, account: payableOf(payee), ownerId: payee.id, amountCents: -amountCents, description },
  ]);
}

/**
 * What a refund can still recover from a payee on one order: their share from the capture, less
 * what earlier refunds recovered. (Capture credits the payable; reversals credit it too, and
 * are told apart by their `payouts` debit.)
 */
export async function recoverableShare(db: TDbOrTx, payee: TPayee, orderId: string) {
  const [row] = rowsOf<{ earned: number; recovered: number }>(
    await db.execute(sql`
      select (coalesce(-sum(amount_cents) filter (where account = ${payableOf(payee)} and amount_cents < 0), 0)
              - coalesce(sum(amount_cents) filter (where account = 'payouts' and amount_cents > 0), 0))::int as earned,
             coalesce(-sum(amount_cents) filter (where account = 'refunds'), 0)::int as recovered
      from ledger_entries where order_id = ${orderId} and owner_id = ${payee.id}`),
  );
  return Math.max(Number(row?.earned ?? 0) - Number(row?.recovered ?? 0), 0);
}

/** What the platform owes a payee now (positive), from the whole ledger. */
export async function payableBalance(db: TDbOrTx, payee: TPayee, orderId?: string) {
  const [row] = await db
    .select({ owed: sql<number>`coalesce(-sum(${ledgerEntries.amountCents}), 0)::int` })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.account, payableOf(payee)), eq(ledgerEntries.ownerId, payee.id), orderId ? eq(ledgerEntries.orderId, orderId) : undefined));
  return Number(row?.owed ?? 0);
}

/** Throws unless an order's ledger entries sum to zero (call inside the writing transaction). */
export async function assertOrderBalanced(db: TDbOrTx, orderId: string) {
  const [row] = rowsOf<{ s: number | null }>(await db.execute(sql`select sum(amount_cents)::int as s from ledger_entries where order_id = ${orderId}`));
  const sum = Number(row?.s ?? 0);
  if (sum !== 0) throw new Error(`ledger of order ${orderId} does not balance: its entries sum to ${sum}`);
}
