// The order state machine, as data: which action moves an order from which states to which,
// who may take it, and what it needs. `applyTransition` is the only code that moves an order.
import type { TOrderStatus, TRole } from "@lastmile/db/schema";

export type TOrderAction = "accept" | "reject" | "startPreparing" | "markReady" | "pickUp" | "deliver" | "cancel" | "refund" | "dispute" | "dismissDispute";

/** Whose order it must be for the actor: the customer's own, the merchant's, the assigned courier's, or any (staff roles). */
export type TOwnership = "customer" | "merchant" | "courier" | "any" | "area";

export type TTransitionRule = {
  action: TOrderAction;
  from: TOrderStatus[];
  to: TOrderStatus;
  /** Roles allowed, each with the ownership it must prove. */
  allow: Partial<Record<TRole | "system", TOwnership>>;
  needsReason?: boolean;
};

const MERCHANT = { merchant_owner: "merchant", merchant_staff: "merchant" } as const;
const SUPPORT = { support: "any", admin: "any", super_admin: "any", ops_manager: "area" } as const;
const LIVE: TOrderStatus[] = ["PENDING", "ACCEPTED", "PREPARING", "READY_FOR_PICKUP", "PICKED_UP"];

export const TRANSITIONS: TTransitionRule[] = [
  { action: "accept", from: ["PENDING"], to: "ACCEPTED", allow: { ...MERCHANT, system: "any" } },
  { action: "reject", from: ["PENDING"], to: "CANCELLED", allow: MERCHANT, needsReason: true },
  { action: "startPreparing", from: ["ACCEPTED"], to: "PREPARING", allow: MERCHANT },
  { action: "markReady", from: ["ACCEPTED", "PREPARING"], to: "READY_FOR_PICKUP", allow: MERCHANT },
  { action: "pickUp", from: ["READY_FOR_PICKUP"], to: "PICKED_UP", allow: { courier: "courier" } },
  { action: "deliver", from: ["PICKED_UP"], to: "DELIVERED", allow: { courier: "courier" } },
  // Customers cancel only while the kitchen has not accepted; support and ops until delivery.
  { action: "cancel", from: LIVE, to: "CANCELLED", allow: { customer: "customer", ...SUPPORT, system: "any" }, needsReason: true },
  { action: "refund", from: ["DELIVERED", "DISPUTED"], to: "REFUNDED", allow: SUPPORT, needsReason: true },
  { action: "dispute", from: ["DELIVERED"], to: "DISPUTED", allow: { customer: "customer" }, needsReason: true },
  // Support declines a customer's report: the order is delivered again (its delivery time kept).
  { action: "dismissDispute", from: ["DISPUTED"], to: "DELIVERED", allow: SUPPORT, needsReason: true },
];

/** A customer may cancel only a PENDING order, whatever the rule allows staff. */
export const CUSTOMER_CANCELLABLE: TOrderStatus[] = ["PENDING"];

export const ruleFor = (action: TOrderAction) => {
  const rule = TRANSITIONS.find((t) => t.action === action);
  if (!rule) throw new Error(`unknown order action ${action}`);
  return rule;
};

/** Which timestamp column records arriving in a state. */
export const STAMP: Partial<Record<TOrderStatus, "acceptedAt" | "preparingAt" | "readyAt" | "pickedUpAt" | "deliveredAt" | "cancelledAt" | "refundedAt" | "disputedAt">> = {
  ACCEPTED: "acceptedAt",
  PREPARING: "preparingAt",
  READY_FOR_PICKUP: "readyAt",
  PICKED_UP: "pickedUpAt",
  DELIVERED: "deliveredAt",
  CANCELLED: "cancelledAt",
  REFUNDED: "refundedAt",
  DISPUTED: "disputedAt",
};
