export { transferOrderShares } from "./transfers";
export { listPayouts, markPayoutPaid, settlePayouts } from "./payouts";
export { recoverRefundFromPayees } from "./reversals";
export type { TRecovered } from "./reversals";
export type { TSettledPayout } from "./payouts";
export { EXPIRY_MARGIN_MS, settleExpiringAuthorizations } from "./expiring";
export { PaymentNotYetRecorded, paymentIntentOf, reconcileStripeEvent, STRIPE_PAYMENT_EVENTS } from "./stripe-events";
export { assertOrderBalanced, payableBalance, splitCapture } from "../orders/ledger";
