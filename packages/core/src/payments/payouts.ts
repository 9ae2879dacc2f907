// Payouts settle the ledger: everything a merchant or courier is owed (their payable balance,
// net of per-order transfers already sent to a connected account) becomes one payout for the
// period, written with the ledger lines that move it out of their payable account. Balances and
// earnings pages read the same ledger, so they drop to zero once settled. A payout is written
// `pending` (the ledger already counts it as leaving) and becomes `paid` when the money has gone:
// an administrator records the bank transfer's reference, audited. The ledger does not move again.
import { and, desc, eq, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { couriers, merchants, payouts, users } from "@lastmile/db/schema";

import { writeAudit } from "../audit";
import type { TActorContext } from "../audit";
import { conflict, invalid, notFound } from "../errors";
import { recordPaidOut } from "../orders/ledger";

export type TSettledPayout = { payeeType: "merchant" | "courier"; payeeId: string; amountCents: number; currency: string };

/** Creates a pending payout per payee owed money at `now`; a payee owed nothing gets none. */
export async function settlePayouts(db: TDb, now: Date = new Date()): Promise<TSettledPayout[]> {
  return db.transaction(async (tx) => {
    // Serialise settlements: two workers must not pay the same balance twice.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('lastmile.settle-payouts'))`);
    const owed = rowsOf<{ account: "merchant_payable" | "courier_payable"; owner_id: string; currency: string; owed: number }>(
      await tx.execute(sql`
        select account, owner_id, currency, (-sum(amount_cents))::int as owed from ledger_entries
        where account in ('merchant_payable', 'courier_payable') and created_at <= ${now.toISOString()}::timestamptz
        group by account, owner_id, currency having -sum(amount_cents) > 0`),
    );
    const settled: TSettledPayout[] = [];
    for (const o of owed) {
      const payeeType = o.account === "merchant_payable" ? ("merchant" as const) : ("courier" as const);
      const [last] = await tx.select({ end: payouts.periodEnd }).from(payouts).where(and(eq(payouts.payeeType, payeeType), eq(payouts.payeeId, o.owner_id))).orderBy(desc(payouts.periodEnd)).limit(1);
      const periodStart = last?.end && last.end < now ? last.end : new Date(now.getTime() - 86_400_000 * 3650);
      const amountCents = Number(o.owed);
      await tx.insert(payouts).values({ payeeType, payeeId: o.owner_id, amountCents, currency: o.currency, status: "pending", periodStart, periodEnd: now });
      await recordPaidOut(tx, { type: payeeType, id: o.owner_id }, amountCents, o.currency, `Payout for the period ending ${now.toISOString().slice(0, 10)}`);
      settled.push({ payeeType, payeeId: o.owner_id, amountCents, currency: o.currency });
    }
    return settled;
  });
}

/** Records that a pending payout was paid (a bank transfer's reference); the same reference again is a no-op. */
export async function markPayoutPaid(db: TDb, actor: TActorContext, input: { payoutId: string; reference: string; now?: Date }) {
  const reference = input.reference.trim();
  if (reference.length < 3 || reference.length > 100) throw invalid("reference", "Enter the bank transfer's reference (3–100 characters).");
  return db.transaction(async (tx) => {
    const [payout] = await tx.select().from(payouts).where(eq(payouts.id, input.payoutId)).for("update");
    if (!payout) throw notFound("That payout");
    if (payout.status === "paid") {
      if (payout.paidReference === reference) return payout;
      throw conflict(`This payout was already marked paid (reference ${payout.paidReference ?? "none"}).`);
    }
    if (payout.status !== "pending") throw conflict(`Only a pending payout can be marked paid; this one is ${payout.status}.`);
    const [paid] = await tx
      .update(payouts)
      .set({ status: "paid", paidAt: input.now ?? new Date(), paidReference: reference, paidBy: actor.userId })
      .where(and(eq(payouts.id, payout.id), eq(payouts.status, "pending")))
      .returning();
    if (!paid) throw conflict("This payout changed meanwhile. Reload and try again.");
    await writeAudit(tx, actor, { action: "payout.mark_paid", entityType: "payout", entityId: payout.id, before: { status: payout.status }, after: { status: "paid", reference, amountCents: payout.amountCents, currency: payout.currency } });
    return paid;
  });
}

/** Payouts for the console, newest first, with whom they pay. */
export async function listPayouts(db: TDb, params: { status?: "pending" | "paid" | "failed"; limit: number }) {
  const rows = await db
    .select({
      payout: payouts,
      merchantName: merchants.name,
      courierName: users.name,
    })
    .from(payouts)
    .leftJoin(merchants, and(eq(payouts.payeeType, "merchant"), eq(merchants.id, payouts.payeeId)))
    .leftJoin(couriers, and(eq(payouts.payeeType, "courier"), eq(couriers.id, payouts.payeeId)))
    .leftJoin(users, eq(users.id, couriers.userId))
    .where(params.status ? eq(payouts.status, params.status) : undefined)
    .orderBy(desc(payouts.periodEnd), desc(payouts.createdAt))
    .limit(params.limit);
  return rows.map((r) => ({ ...r.payout, payeeName: r.merchantName ?? r.courierName ?? "Unknown payee" }));
}
