export type { TAuthorizeResult, TPaymentMethod, TPaymentProvider, TPaymentState } from "./provider";
export { PaymentProviderError, transferGroupOf } from "./provider";
export { createLocalProvider, luhnValid, TEST_CARDS } from "./local-provider";
export { readPaymentsEnv } from "./env";
export type { TPaymentsEnv } from "./env";
export { createPaymentProvider, createStripeClient } from "./factory";
export { AUTHORIZATION_HOLD_MS, createStripeProvider } from "./stripe";
