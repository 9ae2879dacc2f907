export { merchantReach, zoneLoad } from "./availability";
export type { TReach } from "./availability";
export { QUOTE_TTL_MS, quoteCart, resolveDropoff } from "./quote";
export type { TDropoff } from "./quote";
export { placeOrder } from "./place-order";
export type { TPlaceOrderInput } from "./place-order";
export { assertDeliverySlot, leadTimeMin, releaseTimeFor } from "./delivery-slot";
export { scheduleOptions } from "./schedule";
