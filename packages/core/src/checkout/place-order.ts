// Placing an order: idempotent per customer and idempotency key. The same key and the same cart
// give the same order, however many times and however concurrently it is sent; the same key
// with a different cart is a conflict. Everything is re-checked at this moment (quote fresh,
// cart and prices unchanged, restaurant open and in reach), and the payment is authorised in the
// same transaction that writes the order — a declined card leaves nothing behind.
//
// When the customer's bank asks them to confirm the payment (3-D Secure), nothing is written but a
// `checkout_authentications` row holding the order id the payment was made for; the answer is
// `requires_action` with what the browser needs for the bank's challenge. The order is written by
// a later call (completeOrder, or the same placeOrder again) only once the provider itself says the
// payment is authorised; a refused, expired or abandoned challenge leaves no order and the
// authorisation is voided.
import { createHash, randomInt, randomUUID } from "node:crypto";

import { and, eq, isNotNull, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { checkoutAuthentications, menuItems, orderEvents, orderItems, orders, payments, quotes, users } from "@lastmile/db/schema";
import { enqueueEmail, orderEmails } from "@lastmile/email";
import { customerLink } from "@lastmile/email/env";
import type { TAuthorizeResult, TPaymentMethod } from "@lastmile/payments";

import { clearCart, getCart } from "../cart";
import { conflict, DomainError, invalid, notFound } from "../errors";
import { applyTransition, systemActor } from "../orders";
import type { TOrderDeps } from "../orders";
import { merchantReach } from "./availability";
import { assertDeliverySlot } from "./delivery-slot";
import { enqueueMerchantNewOrderEmails } from "./merchant-new-order-email";

export type TPlaceOrderInput = {
  quoteId: string;
  idempotencyKey: string;
  payment: TPaymentMethod;
  instructions?: string;
  /** A delivery slot for later; the order reaches the kitchen at the slot minus preparation and travel. */
  scheduledFor?: Date;
  now?: Date;
};

/** The part of a checkout request kept while the bank asks the customer (never the card). */
type TCheckoutRequest = Omit<TPlaceOrderInput, "payment" | "now" | "quoteId" | "idempotencyKey">;

type TOrder = typeof orders.$inferSelect;
type TWaiting = typeof checkoutAuthentications.$inferSelect;

/** What the customer's browser needs to answer the bank's challenge. */
export type TCheckoutChallenge = { provider: "local" | "stripe"; clientSecret: string; amountCents: number; currency: string; expiresAt: Date };

export type TCheckoutResult = { status: "placed"; order: TOrder; replayed: boolean } | { status: "requires_action"; challenge: TCheckoutChallenge };

/** How long the customer has to answer their bank; afterwards the authorisation is voided. */
export const AUTHENTICATION_WINDOW_MS = 10 * 60_000;

class LostRace extends Error {}
class BankAsks extends Error {
  constructor(readonly auth: Extract<TAuthorizeResult, { status: "requires_action" }>) {
    super("the customer's bank asks them to confirm the payment");
  }
}

const placed = (order: TOrder, replayed: boolean): TCheckoutResult => ({ status: "placed", order, replayed });
const challengeOf = (w: TWaiting): TCheckoutResult => ({
  status: "requires_action",
  challenge: { provider: w.provider, clientSecret: w.clientSecret, amountCents: w.amountCents, currency: w.currency, expiresAt: new Date(w.createdAt.getTime() + AUTHENTICATION_WINDOW_MS) },
});

const fingerprint = (parts: (string | number)[]) => createHash("sha256").update(parts.join("|")).digest("hex");

async function existingOrder(db: TDb, customerId: string, key: string, requestFingerprint: string | null) {
  const [o] = await db.select().from(orders).where(and(eq(orders.customerId, customerId), eq(orders.idempotencyKey, key)));
  if (!o) return null;
  if (requestFingerprint !== null && o.requestFingerprint !== requestFingerprint) {
    throw conflict("This checkout was already used to place a different order. Reload the page to start a new checkout.", { orderId: o.id });
  }
  return o;
}

/**
 * Places the order, or — when the card's bank wants the customer to confirm — answers with the
 * challenge the checkout page shows. A second call with the same key continues where it stands.
 */
export async function placeOrderOrChallenge(db: TDb, deps: TOrderDeps, customerId: string, input: TPlaceOrderInput): Promise<TCheckoutResult> {
  const now = input.now ?? new Date();
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(input.idempotencyKey)) throw invalid("idempotencyKey", "The checkout key must be 8–100 letters, digits, '-' or '_'.");
  const [quote] = await db.select().from(quotes).where(and(eq(quotes.id, input.quoteId), eq(quotes.customerId, customerId)));
  if (!quote) throw notFound("That quote");
  // A slot joins the digest only when there is one, so digests of orders for "now" stay as they were.
  const requestFingerprint = fingerprint([quote.cartFingerprint, quote.totalCents, quote.dropoffAddress, ...(input.scheduledFor ? [input.scheduledFor.toISOString()] : [])]);

  // A retry of an order already placed gets that order back, even after its quote expired.
  const replay = await existingOrder(db, customerId, input.idempotencyKey, requestFingerprint);
  if (replay) return placed(replay, true);

  // A payment already waiting for the bank: carry on with it (a double click, a retry).
  const waiting = await waitingFor(db, customerId, input.idempotencyKey);
  if (waiting) {
    if (waiting.requestFingerprint !== requestFingerprint) throw conflict("This checkout was already used for a different order. Reload the page to start a new checkout.");
    return continueAfterBank(db, deps, waiting, now);
  }

  const { payment, now: _now, quoteId: _quoteId, idempotencyKey, ...request } = input;
  try {
    return await placeFresh(db, deps, customerId, { idempotencyKey, request, quote, requestFingerprint, now, payment: { method: payment } });
  } catch (error) {
    // A concurrent duplicate may have placed the order (and emptied the cart) meanwhile; if so
    // its answer is ours, whatever this attempt ran into.
    if (error instanceof DomainError && error.kind !== "PaymentFailed") {
      const winner = await existingOrder(db, customerId, input.idempotencyKey, requestFingerprint);
      if (winner) return placed(winner, true);
    }
    throw error;
  }
}

/**
 * Places the order with a card that needs no confirmation from the bank (scripts, the simulated
 * city, tests); a bank that asks is a payment failure here.
 */
export async function placeOrder(db: TDb, deps: TOrderDeps, customerId: string, input: TPlaceOrderInput) {
  const result = await placeOrderOrChallenge(db, deps, customerId, input);
  if (result.status !== "placed") throw new DomainError("PaymentFailed", "Your bank asks you to confirm this payment: pay from the checkout page.", { field: "payment", details: { reason: "requires_action" } });
  return { order: result.order, replayed: result.replayed };
}

/**
 * The second call of a payment the bank asked the customer to confirm: reads the payment's state
 * from the provider (never from the browser) and places the order once it is authorised.
 */
export async function completeOrder(db: TDb, deps: TOrderDeps, customerId: string, input: { idempotencyKey: string; now?: Date }): Promise<TCheckoutResult> {
  const now = input.now ?? new Date();
  const waiting = await waitingFor(db, customerId, input.idempotencyKey);
  if (!waiting) throw notFound("That payment");
  return continueAfterBank(db, deps, waiting, now);
}

/** The Local provider's bank challenge, answered by the customer in the checkout's dialog. */
export async function answerBankChallenge(db: TDb, deps: TOrderDeps, customerId: string, input: { idempotencyKey: string; approve: boolean }) {
  const waiting = await waitingFor(db, customerId, input.idempotencyKey);
  if (!waiting) throw notFound("That payment");
  if (waiting.provider !== deps.payments.name || !deps.payments.answerBankChallenge) throw conflict("Confirm this payment in your bank's own window.");
  if (waiting.status === "requires_action") await deps.payments.answerBankChallenge({ providerRef: waiting.providerRef, approve: input.approve });
}

/** Challenges nobody finished within the window (the page was closed): their authorisations are voided. */
export async function releaseUnconfirmedCheckouts(db: TDb, deps: TOrderDeps, now: Date = new Date()) {
  const stale = await db
    .select()
    .from(checkoutAuthentications)
    .where(and(eq(checkoutAuthentications.status, "requires_action"), sql`${checkoutAuthentications.createdAt} < ${new Date(now.getTime() - AUTHENTICATION_WINDOW_MS).toISOString()}::timestamptz`))
    .limit(100);
  for (const w of stale) await giveUp(db, deps, w, "abandoned", "The bank's check was not finished in time.");
  return stale.map((w) => w.orderId);
}

/** The kept request, as placeOrder took it (JSON keeps the slot as a string). */
function requestOf(w: TWaiting): TCheckoutRequest {
  const kept = w.request as Omit<TCheckoutRequest, "scheduledFor"> & { scheduledFor?: string | null };
  return { ...kept, scheduledFor: kept.scheduledFor ? new Date(kept.scheduledFor) : undefined };
}

async function waitingFor(db: TDb, customerId: string, key: string) {
  const [w] = await db.select().from(checkoutAuthentications).where(and(eq(checkoutAuthentications.customerId, customerId), eq(checkoutAuthentications.idempotencyKey, key)));
  return w ?? null;
}

/** Voids the authorisation first (so a failure here is retried by the sweep), then closes the row. */
async function giveUp(db: TDb, deps: TOrderDeps, w: TWaiting, status: "failed" | "abandoned", reason: string) {
  await deps.payments.void({ providerRef: w.providerRef, idempotencyKey: `${w.orderId}:void-unconfirmed` });
  await db
    .update(checkoutAuthentications)
    .set({ status, failureReason: reason })
    .where(and(eq(checkoutAuthentications.id, w.id), eq(checkoutAuthentications.status, "requires_action")));
}

async function continueAfterBank(db: TDb, deps: TOrderDeps, w: TWaiting, now: Date): Promise<TCheckoutResult> {
  if (w.status === "completed") {
    const [order] = await db.select().from(orders).where(eq(orders.id, w.orderId));
    if (order) return placed(order, true);
  }
  const notConfirmed = (reason: string) => new DomainError("PaymentFailed", reason, { field: "payment", details: { reason: "not_confirmed" } });
  if (w.status !== "requires_action") throw notConfirmed(w.failureReason ?? "This payment was not confirmed, so nothing was charged. Press Pay to try again.");
  if (now.getTime() - w.createdAt.getTime() > AUTHENTICATION_WINDOW_MS) {
    await giveUp(db, deps, w, "abandoned", "The bank's check was not finished in time.");
    throw notConfirmed("Your bank's check took too long, so nothing was charged. Press Pay to try again.");
  }
  const outcome = await deps.payments.checkAuthorization(w.providerRef);
  if (outcome.status === "requires_action") return challengeOf(w);
  if (outcome.status !== "authorized") {
    await giveUp(db, deps, w, "failed", outcome.reason);
    throw new DomainError("PaymentFailed", outcome.reason, { field: "payment", details: { reason: "not_confirmed", retry: outcome.status === "retry" } });
  }
  const [quote] = await db.select().from(quotes).where(eq(quotes.id, w.quoteId));
  if (!quote) throw notFound("That quote");
  try {
    return await placeFresh(db, deps, w.customerId, {
      idempotencyKey: w.idempotencyKey,
      request: requestOf(w),
      quote,
      requestFingerprint: w.requestFingerprint,
      now,
      // The price was agreed when the customer pressed Pay, before the bank's check.
      pricedAt: w.createdAt,
      payment: { orderId: w.orderId, authenticationId: w.id, providerRef: outcome.providerRef, expiresAt: outcome.expiresAt },
    });
  } catch (error) {
    const [order] = await db.select().from(orders).where(eq(orders.id, w.orderId));
    if (order) return placed(order, true);
    // The restaurant closed, the cart changed, a dish sold out: no order, so no hold either.
    if (error instanceof DomainError) await giveUp(db, deps, w, "failed", error.message);
    throw error;
  }
}

type TFreshPayment = { method: TPaymentMethod } | { orderId: string; authenticationId: string; providerRef: string; expiresAt: Date };

async function placeFresh(
  db: TDb,
  deps: TOrderDeps,
  customerId: string,
  args: { idempotencyKey: string; request: TCheckoutRequest; quote: typeof quotes.$inferSelect; requestFingerprint: string; now: Date; pricedAt?: Date; payment: TFreshPayment },
): Promise<TCheckoutResult> {
  const { quote, requestFingerprint, now, payment } = args;
  const input = { ...args.request, idempotencyKey: args.idempotencyKey };
  const orderId = "orderId" in payment ? payment.orderId : randomUUID();
  if (quote.expiresAt <= (args.pricedAt ?? now)) throw new DomainError("Conflict", "Prices are held for 5 minutes and this quote has expired. Review the updated total.", { field: "quoteId", details: { reason: "quote_expired" } });
  const cart = await getCart(db, customerId);
  if (cart.fingerprint !== quote.cartFingerprint) {
    throw new DomainError("Conflict", "Your cart or its prices changed since you saw the total. Review the new total before paying.", { field: "quoteId", details: { reason: "cart_changed" } });
  }
  const dropoff = { lng: quote.dropoffLocation.coordinates[0], lat: quote.dropoffLocation.coordinates[1] };
  const reach = await merchantReach(db, quote.merchantId, dropoff, now, input.scheduledFor ? "later" : "now");
  const releaseAt = input.scheduledFor ? await assertDeliverySlot(db, reach, input.scheduledFor, now) : null;

  let written;
  try {
    written = await db.transaction(async (tx) => {
      const [order] = await tx
        .insert(orders)
        .values({
          id: orderId,
          customerId,
          merchantId: quote.merchantId,
          zoneId: quote.zoneId,
          currency: quote.currency,
          subtotalCents: quote.subtotalCents,
          deliveryFeeCents: quote.deliveryFeeCents,
          merchantFundedDeliveryCents: quote.merchantFundedDeliveryCents,
          serviceFeeCents: quote.serviceFeeCents,
          smallOrderFeeCents: quote.smallOrderFeeCents,
          taxCents: quote.taxCents,
          tipCents: quote.tipCents,
          discountCents: quote.discountCents,
          totalCents: quote.totalCents,
          courierFeeCents: quote.courierFeeCents,
          quote: quote.lines,
          quoteId: quote.id,
          pricingVersion: quote.pricingVersion,
          distanceM: quote.distanceM,
          dropoffLocation: quote.dropoffLocation,
          dropoffAddress: quote.dropoffAddress,
          instructions: input.instructions?.trim() || null,
          deliveryPin: String(randomInt(0, 10000)).padStart(4, "0"),
          idempotencyKey: input.idempotencyKey,
          requestFingerprint,
          prepTimeMin: reach.prepTimeMin,
          scheduledFor: input.scheduledFor ?? null,
          releaseAt,
          placedAt: now,
        })
        // Its id (after the bank's check) or its key: another request got there first.
        .onConflictDoNothing()
        .returning();
      // Another request with this key got there first: its answer is ours.
      if (!order) throw new LostRace();

      await tx.insert(orderItems).values(
        cart.lines.map((l) => ({ orderId: order.id, menuItemId: l.itemId, name: l.name, unitPriceCents: l.unitPriceCents, quantity: l.quantity, modifiers: l.modifiers, lineTotalCents: l.lineTotalCents, notes: l.notes })),
      );
      for (const l of cart.lines.filter((x) => x.stockCount !== null)) {
        const [left] = await tx
          .update(menuItems)
          .set({ stockCount: sql`${menuItems.stockCount} - ${l.quantity}` })
          .where(and(eq(menuItems.id, l.itemId), isNotNull(menuItems.stockCount), sql`${menuItems.stockCount} >= ${l.quantity}`))
          .returning({ id: menuItems.id });
        if (!left) throw new DomainError("Conflict", `${l.name} just sold out. Remove it to continue.`, { field: "cart" });
      }
      await tx.insert(orderEvents).values({
        orderId: order.id,
        fromStatus: null,
        toStatus: "PENDING",
        actorId: customerId,
        actorRole: "customer",
        metadata: { quoteId: quote.id, ...(releaseAt ? { scheduledFor: input.scheduledFor?.toISOString(), releaseAt: releaseAt.toISOString() } : {}) },
      });

      let auth: { providerRef: string; expiresAt: Date };
      if ("method" in payment) {
        const result = await deps.payments.authorize({ orderId: order.id, amountCents: order.totalCents, currency: order.currency, method: payment.method, idempotencyKey: `${order.id}:authorize` });
        if (result.status === "requires_action") throw new BankAsks(result);
        if (result.status !== "authorized") throw new DomainError("PaymentFailed", result.reason, { field: "payment", details: { retry: result.status === "retry" } });
        auth = result;
      } else {
        // One completion wins the waiting payment; a concurrent one finds the order instead.
        const [claimed] = await tx
          .update(checkoutAuthentications)
          .set({ status: "completed" })
          .where(and(eq(checkoutAuthentications.id, payment.authenticationId), eq(checkoutAuthentications.status, "requires_action")))
          .returning({ id: checkoutAuthentications.id });
        if (!claimed) throw new LostRace();
        auth = payment;
      }
      await tx.insert(payments).values({
        orderId: order.id,
        provider: deps.payments.name,
        providerRef: auth.providerRef,
        status: "authorized",
        currency: order.currency,
        amountAuthorizedCents: order.totalCents,
        authorizationExpiresAt: auth.expiresAt,
      });
      await clearCart(tx, customerId);
      // The confirmation and receipt go out only if the order commits.
      const [customer] = await tx.select({ email: users.email }).from(users).where(eq(users.id, customerId));
      const receipt = {
        ...order,
        merchantName: cart.merchantName ?? "the restaurant",
        lines: cart.lines.map((l) => ({ name: l.name, quantity: l.quantity, lineTotalCents: l.lineTotalCents, modifiers: l.modifiers.map((m) => m.name) })),
      };
      if (customer?.email) await enqueueEmail(tx, customer.email, orderEmails.confirmation(receipt, customerLink(`/orders/${order.id}`)), now);
      // A scheduled order reaches the kitchen (and its owners' mail) when the worker releases it.
      if (!releaseAt) await enqueueMerchantNewOrderEmails(tx, order.merchantId, receipt, now);
      return order;
    });
  } catch (error) {
    if (error instanceof LostRace) {
      const winner = await existingOrder(db, customerId, input.idempotencyKey, requestFingerprint);
      if (winner) return placed(winner, true);
    }
    if (error instanceof BankAsks) return waitForBank(db, deps, { customerId, orderId, quote, requestFingerprint, request: args.request, idempotencyKey: args.idempotencyKey, auth: error.auth, now });
    throw error;
  }

  // A scheduled order shows on the board as scheduled; it rings (and may be auto-accepted) when the
  // worker releases it to the kitchen.
  if (written.scheduledFor) {
    await deps.events.publish([{ channel: `private-merchant-${written.merchantId}`, name: "order.changed", data: { orderId: written.id, status: written.status, version: written.version } }]);
    return { status: "placed", order: written, replayed: false };
  }
  await deps.events.publish([{ channel: `private-merchant-${written.merchantId}`, name: "order.new", data: { orderId: written.id, number: written.number } }]);
  if (reach.autoAccept) {
    const accepted = await applyTransition(db, deps, { orderId: written.id, action: "accept", actor: systemActor });
    return { status: "placed", order: accepted, replayed: false };
  }
  return { status: "placed", order: written, replayed: false };
}

/** Nothing was written: keep the payment and the request until the customer has answered the bank. */
async function waitForBank(
  db: TDb,
  deps: TOrderDeps,
  a: { customerId: string; orderId: string; quote: typeof quotes.$inferSelect; requestFingerprint: string; request: TCheckoutRequest; idempotencyKey: string; auth: Extract<TAuthorizeResult, { status: "requires_action" }>; now: Date },
): Promise<TCheckoutResult> {
  const [row] = await db
    .insert(checkoutAuthentications)
    .values({
      customerId: a.customerId,
      idempotencyKey: a.idempotencyKey,
      orderId: a.orderId,
      quoteId: a.quote.id,
      requestFingerprint: a.requestFingerprint,
      request: a.request,
      provider: deps.payments.name,
      providerRef: a.auth.providerRef,
      clientSecret: a.auth.clientSecret,
      amountCents: a.quote.totalCents,
      currency: a.quote.currency,
      createdAt: a.now,
    })
    .onConflictDoNothing()
    .returning();
  if (row) return challengeOf(row);
  // A concurrent duplicate is already waiting for the bank: release this second hold, answer as it does.
  await deps.payments.void({ providerRef: a.auth.providerRef, idempotencyKey: `${a.orderId}:void-duplicate` });
  const winner = await waitingFor(db, a.customerId, a.idempotencyKey);
  if (!winner) throw conflict("This checkout is already being paid. Reload the page to see your order.");
  return continueAfterBank(db, deps, winner, a.now);
}
