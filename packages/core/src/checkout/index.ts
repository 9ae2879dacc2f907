export { merchantReach, zoneLoad } from "./availability";
export type { TReach } from "./availability";
export { QUOTE_TTL_MS, quoteCart, resolveDropoff } from "./quote";
export type { TDropoff } from "./quote";
export { answerBankChallenge, AUTHENTICATION_WINDOW_MS, completeOrder, placeOrder, placeOrderOrChallenge, releaseUnconfirmedCheckouts } from "./place-order";
export type { TCheckoutChallenge, TCheckoutResult, TPlaceOrderInput } from "./place-order";
export { assertDeliverySlot, leadTimeMin, releaseTimeFor } from "./delivery-slot";
export { scheduleOptions } from "./schedule";
export { enqueueMerchantNewOrderEmails } from "./merchant-new-order-email";
