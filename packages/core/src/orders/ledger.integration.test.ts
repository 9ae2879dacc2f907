// The ledger invariant as a property: over random order histories — any totals, commission,
// tip, capture shortfall, partial refunds (some charged back to the restaurant or courier, with
// their transfers reversed), per-order transfers and payouts, in any mix — every
// order's entries sum to zero, the courier always earns the fee plus the whole tip, and after a
// payout settlement nobody is owed anything (a charge-back after a payout is owed by the payee).
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { settlePayouts } from "../payments/payouts";
import { testDeps } from "../testing/deps";
import { placeTestOrder } from "../testing/place-test-order";
import { assertOrderBalanced, payableBalance, recordCapture, recordPaidOut, recordRecovery, recordRefund, recordReversal, recoverableShare, splitCapture } from "./ledger";

let db: TDb;
let city: TMiniCity;
const orderIds: string[] = [];

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  // Real orders to hang entries on (the ledger references them); their amounts vary per run below.
  for (let i = 0; i < 3; i++) {
    const { order } = await placeTestOrder(db, testDeps(), city, { idempotencyKey: `ledger-prop-${i}-xxxx` });
    orderIds.push(order.id);
  }
});

const history = fc
  .record({
    slot: fc.integer({ min: 0, max: 2 }),
    subtotal: fc.integer({ min: 100, max: 20_000 }),
    deliveryFee: fc.integer({ min: 0, max: 800 }),
    serviceFee: fc.integer({ min: 0, max: 500 }),
    tax: fc.integer({ min: 0, max: 400 }),
    tip: fc.integer({ min: 0, max: 2_000 }),
    courierFee: fc.integer({ min: 0, max: 700 }),
    commissionBp: fc.integer({ min: 0, max: 10_000 }),
    withCourier: fc.boolean(),
    shortfallPct: fc.integer({ min: 0, max: 100 }),
    refundPcts: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
    transfer: fc.constantFrom("none", "merchant", "courier", "both"),
    settle: fc.boolean(),
    lateRefundPct: fc.integer({ min: 0, max: 100 }),
    recoverFrom: fc.constantFrom([], ["merchant"], ["courier"], ["merchant", "courier"], ["courier", "merchant"]) as fc.Arbitrary<("merchant" | "courier")[]>,
  })
  .filter((h) => h.tax <= h.serviceFee + h.deliveryFee + h.subtotal);

describe(`ledger invariant on ${testBackend()}`, () => {
  it("holds over random order histories", async () => {
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const orderId = orderIds[h.slot] ?? "";
        const total = h.subtotal + h.deliveryFee + h.serviceFee + h.tip;
        const order = { id: orderId, customerId: city.users.customer.id, merchantId: city.merchant.id, courierId: h.withCourier ? city.couriers.courier.id : null, currency: "EUR", totalCents: total, subtotalCents: h.subtotal, taxCents: h.tax, tipCents: h.tip, courierFeeCents: h.courierFee };
        const captured = Math.max(1, total - Math.floor((total * h.shortfallPct) / 100));
        await db.transaction(async (tx) => {
          const split = splitCapture(order, h.commissionBp, captured);
          expect(split.merchant + split.courier + split.tax + split.platform).toBe(captured);
          expect(split.courier).toBe(h.withCourier ? h.courierFee + h.tip : 0);
          expect(split.merchant).toBeGreaterThanOrEqual(0);
          await recordCapture(tx, order, h.commissionBp, captured);
          let refunded = 0;
          for (const pct of h.refundPcts) {
            const amount = Math.floor(((captured - refunded) * pct) / 100);
            if (amount <= 0) continue;
            await recordRefund(tx, order, amount);
            refunded += amount;
          }
          if ((h.transfer === "merchant" || h.transfer === "both") && split.merchant > 0) await recordPaidOut(tx, { type: "merchant", id: order.merchantId }, split.merchant, "EUR", "transfer", orderId);
          if ((h.transfer === "courier" || h.transfer === "both") && split.courier > 0 && order.courierId) await recordPaidOut(tx, { type: "courier", id: order.courierId }, split.courier, "EUR", "transfer", orderId);
          // A refund after the transfers, charged to payees: recovered in the ledger, and what was
          // already transferred comes back by reversal (as recoverRefundFromPayees does with Stripe).
          const late = Math.floor(((captured - refunded) * h.lateRefundPct) / 100);
          if (late > 0) {
            await recordRefund(tx, order, late);
            let left = late;
            for (const type of h.recoverFrom) {
              const id = type === "merchant" ? order.merchantId : order.courierId;
              if (!id) continue;
              const recovered = Math.min(left, await recoverableShare(tx, { type, id }, orderId));
              if (recovered <= 0) continue;
              await recordRecovery(tx, { type, id }, order, recovered);
              left -= recovered;
              const transferred = type === "merchant" ? h.transfer === "merchant" || h.transfer === "both" : h.transfer === "courier" || h.transfer === "both";
              if (transferred) await recordReversal(tx, { type, id }, recovered, "EUR", "reversal", orderId);
            }
          }
          await assertOrderBalanced(tx, orderId);
        });
        if (h.settle) {
          await settlePayouts(db, new Date(Date.now() + 1000));
          // Nobody is owed anything; a refund charged back after a payout leaves the payee owing it,
          // which their next payout nets off.
          expect(await payableBalance(db, { type: "merchant", id: city.merchant.id })).toBeLessThanOrEqual(0);
          expect(await payableBalance(db, { type: "courier", id: city.couriers.courier.id })).toBeLessThanOrEqual(0);
        }
        const [all] = rowsOf<{ s: number | null; bad: number }>(
          await db.execute(sql`select (select sum(amount_cents)::int from ledger_entries) as s,
            (select count(*)::int from (select transaction_id from ledger_entries group by transaction_id having sum(amount_cents) <> 0) t) as bad`),
        );
        expect(Number(all?.s ?? 0)).toBe(0);
        expect(all?.bad).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it("refuses to write an unbalanced or fractional transaction", async () => {
    const order = { id: orderIds[0] ?? "", customerId: city.users.customer.id, merchantId: city.merchant.id, courierId: null, currency: "EUR", totalCents: 1000, subtotalCents: 800, taxCents: 0, tipCents: 0, courierFeeCents: 0 };
    expect(() => splitCapture(order, 2500, 1001)).toThrow(/captured 1001 of an order totalling 1000/);
    await expect(recordRefund(db, order, 12.5)).rejects.toThrow(/whole minor units|refund of 12.5/);
  });
});
