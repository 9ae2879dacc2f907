export { transferOrderShares } from "./transfers";
export { settlePayouts } from "./payouts";
export type { TSettledPayout } from "./payouts";
export { EXPIRY_MARGIN_MS, settleExpiringAuthorizations } from "./expiring";
export { PaymentNotYetRecorded, paymentIntentOf, reconcileStripeEvent, STRIPE_PAYMENT_EVENTS } from "./stripe-events";
export { assertOrderBalanced, payableBalance, splitCapture } from "../orders/ledger";
