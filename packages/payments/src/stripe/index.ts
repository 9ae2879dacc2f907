export { AUTHORIZATION_HOLD_MS, createStripeProvider } from "./provider";
export type { TStripeProviderOptions } from "./provider";
