// applyTransition: the only code that moves an order. It authorises the actor against the
// transition table, checks the guards (geofences, delivery PIN), then — in one transaction —
// moves the order with a conditional UPDATE on status and version (so of two racing actors
// exactly one wins), appends the timeline event, and applies the side effects (payment, ledger,
// courier load, notifications, audit). Live screens are told after commit.
import { and, eq, sql } from "drizzle-orm";

import type { TDb, TDbOrTx } from "@lastmile/db/client";
import { couriers, deliveryOffers, merchants, orderEvents, orders, payments, refunds, users } from "@lastmile/db/schema";
import type { TOrderStatus } from "@lastmile/db/schema";
import type { TPaymentProvider } from "@lastmile/payments";

import { areasCoverZone } from "../areas";
import { writeAudit } from "../audit";
import { activeConfig, ZDispatchConfig } from "../config";
import { conflict, DomainError, forbidden, invalid, notFound } from "../errors";
import type { TEventPublisher } from "../events";
import { notifyUser } from "../notify";
import { recoverRefundFromPayees } from "../payments/reversals";
import type { TActor } from "./actor";
import { enqueueJob } from "@lastmile/db/queue";
import { formatMoney, orderEmails } from "@lastmile/email";
import type { TEmail } from "@lastmile/email";
import { customerLink } from "@lastmile/email/env";

import { courierPosition, distanceTo } from "./geofence";
import { assertOrderBalanced, recordCapture, recordRefund } from "./ledger";
import type { TOrderAction, TOwnership } from "./transitions";
import { CUSTOMER_CANCELLABLE, ruleFor, STAMP } from "./transitions";

export type TOrderDeps = { payments: TPaymentProvider; events: TEventPublisher };

export type TTransitionInput = {
  orderId: string;
  action: TOrderAction;
  actor: TActor;
  reason?: string;
  /** accept: minutes the kitchen needs (defaults to the store's). */
  prepTimeMin?: number;
  /** pickUp / deliver: where the courier's device is; defaults to the last reported position. */
  location?: { lng: number; lat: number };
  /** deliver: the customer's PIN. */
  pin?: string;
  /** refund: how much, in minor units (defaults to everything still refundable). */
  refundCents?: number;
  /**
   * refund: who pays it back, in this order, each up to their share of the order (the rest is
   * the platform's cost). Shares already transferred to a connected account are reversed.
   */
  recoverFrom?: readonly ("merchant" | "courier")[];
  /** deliver: what to capture when items were missing (defaults to the order's total). */
  captureCents?: number;
};

type TOrderRow = typeof orders.$inferSelect;

export const STATUS_LABEL: Record<TOrderStatus, string> = {
  PENDING: "waiting for the restaurant",
  ACCEPTED: "accepted",
  PREPARING: "being prepared",
  READY_FOR_PICKUP: "ready for pick-up",
  PICKED_UP: "on its way",
  DELIVERED: "delivered",
  CANCELLED: "cancelled",
  REFUNDED: "refunded",
  DISPUTED: "under dispute",
};

async function assertAllowed(db: TDbOrTx, order: TOrderRow, actor: TActor, action: TOrderAction) {
  const rule = ruleFor(action);
  const ownership: TOwnership | undefined = rule.allow[actor.role];
  if (!ownership) throw forbidden(`Your role (${actor.role.replace("_", " ")}) cannot ${action.replace(/([A-Z])/g, " $1").toLowerCase()} orders.`);
  const owns =
    ownership === "any" ||
    (ownership === "customer" && order.customerId === actor.userId) ||
    (ownership === "merchant" && actor.merchantIds.includes(order.merchantId)) ||
    (ownership === "courier" && actor.courierId !== null && order.courierId === actor.courierId) ||
    (ownership === "area" && (await areasCoverZone(db, actor.areaIds, order.zoneId)));
  // Someone else's order is, as far as this actor can tell, not there at all.
  if (!owns) throw notFound(`Order #${order.number}`);
}

/** Geofences and the delivery PIN. A wrong PIN counts against the order even though the call fails. */
async function checkGuards(db: TDb, order: TOrderRow, input: TTransitionInput) {
  if (input.action !== "pickUp" && input.action !== "deliver") return;
  const { value: cfg } = await activeConfig(db, "dispatch", ZDispatchConfig);
  const at = await courierPosition(db, order.courierId, input.location);
  if (!at) throw invalid("location", "We need your current location to confirm this; turn on location sharing.");
  if (input.action === "pickUp") {
    const m = await distanceTo(db, at, sql`(select location from merchants where id = ${order.merchantId})`);
    if (m > cfg.pickupGeofenceM) throw invalid("location", `You are ${m} m from the restaurant; pick-up can be confirmed within ${cfg.pickupGeofenceM} m.`);
    return;
  }
  const m = await distanceTo(db, at, sql`(select dropoff_location from orders where id = ${order.id})`);
  if (m > cfg.dropoffGeofenceM) throw invalid("location", `You are ${m} m from the drop-off; delivery can be confirmed within ${cfg.dropoffGeofenceM} m.`);
  if (order.pinAttempts >= cfg.maxPinAttempts) throw forbidden("Too many wrong PINs for this order. Contact support to complete the delivery.");
  if (!input.pin || !/^\d{4}$/.test(input.pin)) throw invalid("pin", "Enter the customer's 4-digit PIN.");
  if (input.pin !== order.deliveryPin) {
    const [row] = await db
      .update(orders)
      .set({ pinAttempts: sql`${orders.pinAttempts} + 1` })
      .where(eq(orders.id, order.id))
      .returning({ attempts: orders.pinAttempts });
    const left = cfg.maxPinAttempts - (row?.attempts ?? cfg.maxPinAttempts);
    throw invalid("pin", left > 0 ? `That PIN is not right. ${left} attempt${left === 1 ? "" : "s"} left.` : "That PIN is not right, and no attempts are left. Contact support.");
  }
}

export async function applyTransition(db: TDb, deps: TOrderDeps, input: TTransitionInput) {
  const rule = ruleFor(input.action);
  const [order] = await db.select().from(orders).where(eq(orders.id, input.orderId));
  if (!order) throw notFound("That order");
  await assertAllowed(db, order, input.actor, input.action);
  if (!rule.from.includes(order.status) || (input.action === "cancel" && input.actor.role === "customer" && !CUSTOMER_CANCELLABLE.includes(order.status))) {
    const hint = input.actor.role === "customer" && input.action === "cancel" ? " Once the restaurant has accepted, contact support to cancel." : "";
    throw new DomainError("InvalidTransition", `Order #${order.number} is ${STATUS_LABEL[order.status]}; it cannot be ${rule.to === "CANCELLED" ? "cancelled" : `moved to ${STATUS_LABEL[rule.to]}`} now.${hint}`, {
      details: { status: order.status, action: input.action },
    });
  }
  // One report per order: a customer whose report support declined answers that decision's email.
  if (input.action === "dispute" && order.disputedAt) throw conflict(`Support has already reviewed a report on order #${order.number}. Reply to their email if something is still wrong.`, { status: order.status });
  const reason = input.reason?.trim();
  if (rule.needsReason && !reason) throw invalid("reason", "Say why, in a few words: the customer and support will see it.");
  if (input.action === "accept" && input.prepTimeMin !== undefined && !(Number.isInteger(input.prepTimeMin) && input.prepTimeMin >= 1 && input.prepTimeMin <= 180)) {
    throw invalid("prepTimeMin", "Preparation time must be a whole number of minutes between 1 and 180.");
  }
  await checkGuards(db, order, input);
  // A scheduled order is accepted once it reaches the kitchen, so cooking (and dispatch) start in time for its slot.
  if (input.action === "accept" && order.scheduledFor && !order.releasedAt) {
    throw new DomainError("Conflict", `Order #${order.number} is scheduled; it comes to the kitchen at ${order.releaseAt?.toISOString() ?? "its release time"} and can be accepted then.`, {
      details: { reason: "scheduled", releaseAt: order.releaseAt?.toISOString() ?? null },
    });
  }

  let withdrawnOffers: { id: string; courierId: string }[] = [];
  // What the customer was charged or refunded in this move, for their email.
  let chargedCents = order.totalCents;
  let refundedCents = 0;
  let fullyRefunded = false;
  // The customer's in-app notification, written with the move; their bell hears of it after commit.
  let notifiedKind: string | null = null;
  const moved = await db.transaction(async (tx) => {
    const [merchant] = await tx.select({ name: merchants.name, commissionBp: merchants.commissionBp, prep: merchants.defaultPrepTimeMin }).from(merchants).where(eq(merchants.id, order.merchantId));
    // A declined dispute returns to DELIVERED without moving the time it was delivered.
    const stamp = input.action === "dismissDispute" ? undefined : STAMP[rule.to];
    const [updated] = await tx
      .update(orders)
      .set({
        status: rule.to,
        version: sql`${orders.version} + 1`,
        ...(stamp ? { [stamp]: sql`now()` } : {}),
        ...(input.action === "accept" ? { prepTimeMin: input.prepTimeMin ?? merchant?.prep ?? 15 } : {}),
        ...(rule.to === "CANCELLED" ? { cancellationReason: reason } : {}),
      })
      .where(and(eq(orders.id, order.id), eq(orders.status, order.status), eq(orders.version, order.version)))
      .returning();
    if (!updated) throw conflict(`Order #${order.number} changed while you were acting on it. Refresh to see where it is now.`);

    await tx.insert(orderEvents).values({
      orderId: order.id,
      fromStatus: order.status,
      toStatus: rule.to,
      actorId: input.actor.userId,
      actorRole: input.actor.role,
      reason: reason ?? null,
      metadata: input.action === "accept" ? { prepTimeMin: updated.prepTimeMin } : input.action === "refund" ? { refundCents: input.refundCents ?? null, ...(input.recoverFrom?.length ? { recoverFrom: input.recoverFrom } : {}) } : null,
    });

    // Locked: webhook reconciliation waits for our provider call and its record to commit.
    const [payment] = await tx.select().from(payments).where(eq(payments.orderId, order.id)).for("update");
    if (rule.to === "CANCELLED") {
      if (payment?.status === "authorized" && payment.providerRef) {
        await deps.payments.void({ providerRef: payment.providerRef, idempotencyKey: `${order.id}:void` });
        await tx.update(payments).set({ status: "voided" }).where(eq(payments.id, payment.id));
      }
      await releaseCourier(tx, order.courierId, false);
      // Couriers still thinking about this order are told it is gone.
      withdrawnOffers = await tx
        .update(deliveryOffers)
        .set({ status: "withdrawn", respondedAt: sql`now()`, endReason: "order cancelled" })
        .where(and(eq(deliveryOffers.orderId, order.id), eq(deliveryOffers.status, "pending")))
        .returning({ id: deliveryOffers.id, courierId: deliveryOffers.courierId });
    }
    if (rule.to === "DELIVERED") {
      if (!payment?.providerRef) throw conflict(`Order #${order.number} has no payment to capture.`);
      const toCapture = input.captureCents ?? order.totalCents;
      if (!Number.isInteger(toCapture) || toCapture <= 0 || toCapture > payment.amountAuthorizedCents) throw invalid("captureCents", `Capture between 1 and ${payment.amountAuthorizedCents} cents (what was authorised).`);
      const { capturedCents } = await deps.payments.capture({ providerRef: payment.providerRef, amountCents: toCapture, idempotencyKey: `${order.id}:capture` });
      await tx.update(payments).set({ status: "captured", amountCapturedCents: capturedCents }).where(eq(payments.id, payment.id));
      chargedCents = capturedCents;
      await recordCapture(tx, order, merchant?.commissionBp ?? 2500, capturedCents);
      await assertOrderBalanced(tx, order.id);
      // Shares go to connected accounts after commit, by the worker (retried, one transfer per payee).
      if (deps.payments.transfer) await enqueueJob(tx, "payments.transfer-shares", { payload: { orderId: order.id }, singletonKey: order.id });
      await releaseCourier(tx, order.courierId, true);
    }
    if (rule.to === "REFUNDED") {
      if (!payment?.providerRef) throw conflict(`Order #${order.number} has no payment to refund.`);
      const refundable = payment.amountCapturedCents - payment.amountRefundedCents;
      const amount = input.refundCents ?? refundable;
      if (!Number.isInteger(amount) || amount <= 0 || amount > refundable) throw invalid("refundCents", `Refund at most ${formatMoney(refundable, order.currency)}, what is left of the captured payment (${refundable} cents).`);
      const n = (await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.orderId, order.id))).length + 1;
      const { refundRef } = await deps.payments.refund({ providerRef: payment.providerRef, amountCents: amount, idempotencyKey: `${order.id}:refund:${n}` });
      await tx.insert(refunds).values({ paymentId: payment.id, orderId: order.id, amountCents: amount, reason: reason ?? "", status: "succeeded", providerRef: refundRef, createdBy: input.actor.userId });
      const total = payment.amountRefundedCents + amount;
      await tx.update(payments).set({ amountRefundedCents: total, status: total === payment.amountCapturedCents ? "refunded" : "partially_refunded" }).where(eq(payments.id, payment.id));
      refundedCents = amount;
      fullyRefunded = total === payment.amountCapturedCents;
      await recordRefund(tx, order, amount);
      if (input.recoverFrom?.length) await recoverRefundFromPayees(tx, deps.payments, order, amount, input.recoverFrom, n);
      await assertOrderBalanced(tx, order.id);
    }

    const [customer] = await tx.select({ email: users.email }).from(users).where(eq(users.id, order.customerId));
    const customerMessage: Partial<Record<TOrderStatus, string>> = {
      ACCEPTED: `${merchant?.name ?? "The restaurant"} accepted your order #${order.number} and expects it ready in about ${updated.prepTimeMin} minutes.`,
      PICKED_UP: `Your order #${order.number} is on its way.`,
      DELIVERED: `Your order #${order.number} was delivered. Enjoy!`,
      CANCELLED: `Your order #${order.number} was cancelled: ${reason}. You have not been charged.`,
      REFUNDED: `We refunded your order #${order.number}: ${reason}.`,
    };
    const body = input.action === "dismissDispute" ? `We looked into your report on order #${order.number} and cannot refund it: ${reason}.` : customerMessage[rule.to];
    const track = customerLink(`/orders/${order.id}`);
    const emailFor: Partial<Record<TOrderStatus, () => TEmail>> = {
      ACCEPTED: () => orderEmails.accepted({ number: order.number, merchantName: merchant?.name ?? "The restaurant", prepTimeMin: updated.prepTimeMin ?? merchant?.prep ?? 15 }, track),
      PICKED_UP: () => orderEmails.onTheWay({ number: order.number }, track),
      DELIVERED: () => orderEmails.delivered({ number: order.number, currency: order.currency, chargedCents }, track),
      CANCELLED: () => orderEmails.cancelled({ number: order.number, reason: reason ?? "no reason given", charged: false }),
      REFUNDED: () => orderEmails.refunded({ number: order.number, currency: order.currency, amountCents: refundedCents, reason: reason ?? "", full: fullyRefunded }),
    };
    if (body && input.actor.userId !== order.customerId) {
      notifiedKind = input.action === "dismissDispute" ? "order.dispute_declined" : `order.${rule.to.toLowerCase()}`;
      await notifyUser(tx, { userId: order.customerId, email: customer?.email }, {
        kind: notifiedKind,
        title: `Order #${order.number}: ${input.action === "dismissDispute" ? "report reviewed" : STATUS_LABEL[rule.to]}`,
        body,
        data: { orderId: order.id },
        email: input.action === "dismissDispute" ? orderEmails.disputeDeclined({ number: order.number, reason: reason ?? "" }, track) : (emailFor[rule.to]?.() ?? false),
      });
    }
    if (["support", "ops_manager", "admin", "super_admin"].includes(input.actor.role)) {
      await writeAudit(tx, { userId: input.actor.userId, role: input.actor.role, ip: input.actor.ip }, {
        action: `order.${input.action}`,
        entityType: "order",
        entityId: order.id,
        before: { status: order.status, version: order.version },
        after: { status: updated.status, version: updated.version, reason: reason ?? null, refundCents: input.refundCents ?? null, ...(input.recoverFrom?.length ? { recoverFrom: input.recoverFrom } : {}) },
      });
    }
    return updated;
  });

  await deps.events.publish([
    { channel: `private-order-${moved.id}`, name: "order.status", data: { orderId: moved.id, status: moved.status, version: moved.version } },
    { channel: `private-merchant-${moved.merchantId}`, name: "order.changed", data: { orderId: moved.id, status: moved.status, version: moved.version } },
    ...(moved.courierId ? [{ channel: `private-courier-${moved.courierId}`, name: "order.changed", data: { orderId: moved.id, status: moved.status } }] : []),
    ...withdrawnOffers.map((w) => ({ channel: `private-courier-${w.courierId}`, name: "offer.withdrawn", data: { offerId: w.id, orderId: moved.id, reason: "cancelled" } })),
    ...(notifiedKind ? [{ channel: `private-user-${moved.customerId}`, name: "notification.new", data: { kind: notifiedKind, orderId: moved.id } }] : []),
  ]);
  return moved;
}

/** A courier whose order ended carries one order less (and is available again at none). */
async function releaseCourier(tx: TDbOrTx, courierId: string | null, delivered: boolean) {
  if (!courierId) return;
  await tx
    .update(couriers)
    .set({
      activeOrders: sql`greatest(${couriers.activeOrders} - 1, 0)`,
      status: sql`case when ${couriers.activeOrders} <= 1 and ${couriers.status} = 'busy' then 'online'::courier_status else ${couriers.status} end`,
      ...(delivered ? { deliveriesCompleted: sql`${couriers.deliveriesCompleted} + 1` } : {}),
    })
    .where(eq(couriers.id, courierId));
}
