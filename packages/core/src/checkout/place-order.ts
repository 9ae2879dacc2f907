// Placing an order: idempotent per customer and idempotency key. The same key and the same cart
// give the same order, however many times and however concurrently it is sent; the same key
// with a different cart is a conflict. Everything is re-checked at this moment (quote fresh,
// cart and prices unchanged, restaurant open and in reach), and the payment is authorised in the
// same transaction that writes the order — a declined card leaves nothing behind.
import { createHash, randomInt } from "node:crypto";

import { and, eq, isNotNull, sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { menuItems, orderEvents, orderItems, orders, payments, quotes, users } from "@lastmile/db/schema";
import { enqueueEmail, orderEmails } from "@lastmile/email";
import { customerLink } from "@lastmile/email/env";
import type { TPaymentMethod } from "@lastmile/payments";

import { clearCart, getCart } from "../cart";
import { conflict, DomainError, invalid, notFound } from "../errors";
import { applyTransition, systemActor } from "../orders";
import type { TOrderDeps } from "../orders";
import { merchantReach } from "./availability";
import { assertDeliverySlot } from "./delivery-slot";

export type TPlaceOrderInput = {
  quoteId: string;
  idempotencyKey: string;
  payment: TPaymentMethod;
  instructions?: string;
  /** A delivery slot for later; the order reaches the kitchen at the slot minus preparation and travel. */
  scheduledFor?: Date;
  now?: Date;
};

class LostRace extends Error {}

const fingerprint = (parts: (string | number)[]) => createHash("sha256").update(parts.join("|")).digest("hex");

async function existingOrder(db: TDb, customerId: string, key: string, requestFingerprint: string | null) {
  const [o] = await db.select().from(orders).where(and(eq(orders.customerId, customerId), eq(orders.idempotencyKey, key)));
  if (!o) return null;
  if (requestFingerprint !== null && o.requestFingerprint !== requestFingerprint) {
    throw conflict("This checkout was already used to place a different order. Reload the page to start a new checkout.", { orderId: o.id });
  }
  return o;
}

export async function placeOrder(db: TDb, deps: TOrderDeps, customerId: string, input: TPlaceOrderInput) {
  const now = input.now ?? new Date();
  if (!/^[A-Za-z0-9_-]{8,100}$/.test(input.idempotencyKey)) throw invalid("idempotencyKey", "The checkout key must be 8–100 letters, digits, '-' or '_'.");
  const [quote] = await db.select().from(quotes).where(and(eq(quotes.id, input.quoteId), eq(quotes.customerId, customerId)));
  if (!quote) throw notFound("That quote");
  // A slot joins the digest only when there is one, so digests of orders for "now" stay as they were.
  const requestFingerprint = fingerprint([quote.cartFingerprint, quote.totalCents, quote.dropoffAddress, ...(input.scheduledFor ? [input.scheduledFor.toISOString()] : [])]);

  // A retry of an order already placed gets that order back, even after its quote expired.
  const replay = await existingOrder(db, customerId, input.idempotencyKey, requestFingerprint);
  if (replay) return { order: replay, replayed: true };

  try {
    return await placeFresh(db, deps, customerId, input, quote, requestFingerprint, now);
  } catch (error) {
    // A concurrent duplicate may have placed the order (and emptied the cart) meanwhile; if so
    // its answer is ours, whatever this attempt ran into.
    if (error instanceof DomainError && error.kind !== "PaymentFailed") {
      const winner = await existingOrder(db, customerId, input.idempotencyKey, requestFingerprint);
      if (winner) return { order: winner, replayed: true };
    }
    throw error;
  }
}

async function placeFresh(
  db: TDb,
  deps: TOrderDeps,
  customerId: string,
  input: TPlaceOrderInput,
  quote: typeof quotes.$inferSelect,
  requestFingerprint: string,
  now: Date,
) {
  if (quote.expiresAt <= now) throw new DomainError("Conflict", "Prices are held for 5 minutes and this quote has expired. Review the updated total.", { field: "quoteId", details: { reason: "quote_expired" } });
  const cart = await getCart(db, customerId);
  if (cart.fingerprint !== quote.cartFingerprint) {
    throw new DomainError("Conflict", "Your cart or its prices changed since you saw the total. Review the new total before paying.", { field: "quoteId", details: { reason: "cart_changed" } });
  }
  const dropoff = { lng: quote.dropoffLocation.coordinates[0], lat: quote.dropoffLocation.coordinates[1] };
  const reach = await merchantReach(db, quote.merchantId, dropoff, now, input.scheduledFor ? "later" : "now");
  const releaseAt = input.scheduledFor ? await assertDeliverySlot(db, reach, input.scheduledFor, now) : null;

  let placed;
  try {
    placed = await db.transaction(async (tx) => {
      const [order] = await tx
        .insert(orders)
        .values({
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
        .onConflictDoNothing({ target: [orders.customerId, orders.idempotencyKey] })
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

      const auth = await deps.payments.authorize({ orderId: order.id, amountCents: order.totalCents, currency: order.currency, method: input.payment, idempotencyKey: `${order.id}:authorize` });
      if (auth.status !== "authorized") {
        throw new DomainError("PaymentFailed", auth.reason, { field: "payment", details: { retry: auth.status === "retry" } });
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
      if (customer?.email) {
        const receipt = {
          ...order,
          merchantName: cart.merchantName ?? "the restaurant",
          lines: cart.lines.map((l) => ({ name: l.name, quantity: l.quantity, lineTotalCents: l.lineTotalCents, modifiers: l.modifiers.map((m) => m.name) })),
        };
        await enqueueEmail(tx, customer.email, orderEmails.confirmation(receipt, customerLink(`/orders/${order.id}`)), now);
      }
      return order;
    });
  } catch (error) {
    if (error instanceof LostRace) {
      const winner = await existingOrder(db, customerId, input.idempotencyKey, requestFingerprint);
      if (winner) return { order: winner, replayed: true };
    }
    throw error;
  }

  // A scheduled order shows on the board as scheduled; it rings (and may be auto-accepted) when the
  // worker releases it to the kitchen.
  if (placed.scheduledFor) {
    await deps.events.publish([{ channel: `private-merchant-${placed.merchantId}`, name: "order.changed", data: { orderId: placed.id, status: placed.status, version: placed.version } }]);
    return { order: placed, replayed: false };
  }
  await deps.events.publish([{ channel: `private-merchant-${placed.merchantId}`, name: "order.new", data: { orderId: placed.id, number: placed.number } }]);
  if (reach.autoAccept) {
    const accepted = await applyTransition(db, deps, { orderId: placed.id, action: "accept", actor: systemActor });
    return { order: accepted, replayed: false };
  }
  return { order: placed, replayed: false };
}
