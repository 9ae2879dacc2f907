// Money: one payment per order (authorise at checkout, capture on delivery), refunds, the
// double-entry ledger (every transaction's entries sum to zero) and payouts that settle it.
import { sql } from "drizzle-orm";
import { check, index, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

import { createdAt, currency, id, money, timestamptz, updatedAt } from "./_columns";
import { users } from "./identity";
import { orders } from "./orders";
import { quotes } from "./quotes";

export const paymentProviderEnum = pgEnum("payment_provider", ["local", "stripe"]);
export const paymentStatusEnum = pgEnum("payment_status", [
  "requires_action",
  "authorized",
  "captured",
  "voided",
  "failed",
  "partially_refunded",
  "refunded",
]);

export const payments = pgTable(
  "payments",
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .unique()
      .references(() => orders.id),
    provider: paymentProviderEnum().notNull(),
    providerRef: text(),
    status: paymentStatusEnum().notNull(),
    currency: currency(),
    amountAuthorizedCents: money().notNull(),
    amountCapturedCents: money().notNull().default(0),
    amountRefundedCents: money().notNull().default(0),
    authorizationExpiresAt: timestamptz(),
    failureReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("payments_provider_ref_idx").on(t.provider, t.providerRef),
    // The worker's sweep for authorisations about to lapse (Stripe holds a card for 7 days).
    index("payments_authorized_expiry_idx")
      .on(t.authorizationExpiresAt)
      .where(sql`${t.status} = 'authorized'`),
    check(
      "payments_amounts",
      sql`${t.amountAuthorizedCents} >= 0 and ${t.amountCapturedCents} between 0 and ${t.amountAuthorizedCents} and ${t.amountRefundedCents} between 0 and ${t.amountCapturedCents}`,
    ),
  ],
);

export const refundStatusEnum = pgEnum("refund_status", ["pending", "succeeded", "failed"]);

export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    amountCents: money().notNull(),
    reason: text().notNull(),
    status: refundStatusEnum().notNull().default("pending"),
    providerRef: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("refunds_order_idx").on(t.orderId),
    check("refunds_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/** Who a ledger line belongs to; merchant and courier accounts carry the owner's id. */
export const ledgerAccountEnum = pgEnum("ledger_account", [
  "customer_payments",
  "merchant_payable",
  "courier_payable",
  "platform_revenue",
  "tax_payable",
  "refunds",
  "payouts",
]);

export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: id(),
    /** Entries of one transaction are written together and sum to zero. */
    transactionId: uuid().notNull(),
    orderId: uuid().references(() => orders.id),
    account: ledgerAccountEnum().notNull(),
    ownerId: uuid(),
    /** Signed minor units: debits positive, credits negative. */
    amountCents: money().notNull(),
    currency: currency(),
    description: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("ledger_entries_transaction_idx").on(t.transactionId),
    index("ledger_entries_order_idx").on(t.orderId),
    index("ledger_entries_owner_idx").on(t.account, t.ownerId, t.createdAt),
    check("ledger_entries_non_zero", sql`${t.amountCents} <> 0`),
    check(
      "ledger_entries_owner_for_payables",
      sql`${t.account} not in ('merchant_payable', 'courier_payable') or ${t.ownerId} is not null`,
    ),
  ],
);

export const payeeTypeEnum = pgEnum("payee_type", ["merchant", "courier"]);
export const payoutStatusEnum = pgEnum("payout_status", ["pending", "paid", "failed"]);

export const payouts = pgTable(
  "payouts",
  {
    id: id(),
    payeeType: payeeTypeEnum().notNull(),
    payeeId: uuid().notNull(),
    amountCents: money().notNull(),
    currency: currency(),
    status: payoutStatusEnum().notNull().default("pending"),
    /** How it was paid: Stripe's payout id, or the bank transfer's reference for a manual payout. */
    paidReference: text(),
    paidBy: uuid().references(() => users.id),
    periodStart: timestamp({ withTimezone: true }).notNull(),
    periodEnd: timestamp({ withTimezone: true }).notNull(),
    providerRef: text(),
    createdAt: createdAt(),
    paidAt: timestamptz(),
  },
  (t) => [
    index("payouts_payee_idx").on(t.payeeType, t.payeeId, t.periodEnd),
    check("payouts_amount_positive", sql`${t.amountCents} > 0`),
    check("payouts_period_order", sql`${t.periodEnd} > ${t.periodStart}`),
  ],
);

export const transferStatusEnum = pgEnum("transfer_status", ["pending", "succeeded", "failed", "reversed"]);

/**
 * Money sent to a merchant's or courier's Stripe Connect account after an order's payment was
 * captured: one row per payee and order, all in the order's `transfer_group`. A payee without a
 * connected account has no row; their share waits in the ledger for a payout.
 */
export const paymentTransfers = pgTable(
  "payment_transfers",
  {
    id: id(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    payeeType: payeeTypeEnum().notNull(),
    payeeId: uuid().notNull(),
    destination: text().notNull(),
    amountCents: money().notNull(),
    /** Taken back from the connected account after a refund (Stripe transfer reversals). */
    amountReversedCents: money().notNull().default(0),
    currency: currency(),
    transferGroup: text().notNull(),
    status: transferStatusEnum().notNull().default("pending"),
    providerRef: text(),
    failureReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("payment_transfers_order_payee_key").on(t.orderId, t.payeeType),
    check("payment_transfers_amount_positive", sql`${t.amountCents} > 0`),
    check("payment_transfers_reversed_within", sql`${t.amountReversedCents} between 0 and ${t.amountCents}`),
  ],
);

export const checkoutAuthenticationStatusEnum = pgEnum("checkout_authentication_status", ["requires_action", "completed", "failed", "abandoned"]);

/**
 * A checkout waiting for the customer's bank (3-D Secure): the card was authorised only after a
 * challenge the customer answers in the browser. No order exists yet; this row holds the order id
 * the payment was made for, and the request, until a second call finds the payment authorised at
 * the provider and writes the order (then `completed`), or it failed or was abandoned, and the
 * authorisation was voided.
 */
export const checkoutAuthentications = pgTable(
  "checkout_authentications",
  {
    id: id(),
    customerId: uuid()
      .notNull()
      .references(() => users.id),
    idempotencyKey: text().notNull(),
    /** The id the order will have: the provider's idempotency keys and metadata already carry it. */
    orderId: uuid().notNull(),
    quoteId: uuid()
      .notNull()
      .references(() => quotes.id),
    requestFingerprint: text().notNull(),
    /** The rest of the checkout request (instructions, …), never the card. */
    request: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    provider: paymentProviderEnum().notNull(),
    providerRef: text().notNull(),
    /** Lets the customer's browser finish the bank's challenge (Stripe.js); nothing more. */
    clientSecret: text().notNull(),
    amountCents: money().notNull(),
    currency: currency(),
    status: checkoutAuthenticationStatusEnum().notNull().default("requires_action"),
    failureReason: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("checkout_authentications_customer_key").on(t.customerId, t.idempotencyKey),
    // The worker's sweep for challenges left unanswered.
    index("checkout_authentications_waiting_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'requires_action'`),
  ],
);
