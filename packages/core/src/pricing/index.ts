export { priceQuote, surgeFor } from "./quote";
export type { TQuote, TQuoteInput } from "./quote";
