// Payouts settle the ledger: everything a merchant or courier is owed (their payable balance,
// net of per-order transfers already sent to a connected account) becomes one payout for the
// period, written with the ledger lines that move it out of their payable account. Balances and
// earnings pages read the same ledger, so they drop to zero once settled.
import { and, desc, eq, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { payouts } from "@lastmile/db/schema";

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
