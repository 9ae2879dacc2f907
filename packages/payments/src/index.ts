export type { TAuthorizeResult, TPaymentMethod, TPaymentProvider } from "./provider";
export { createLocalProvider, luhnValid, TEST_CARDS } from "./local-provider";
