export { addToCart, clearCart, fingerprintOf, getCart, updateCartLine } from "./cart";
export type { TCart, TCartLine } from "./cart";
export { priceLine } from "./menu-line";
export type { TPricedLine } from "./menu-line";
