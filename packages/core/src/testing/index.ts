export { actor, declinedCard, goodCard, retryCard, testDeps } from "./deps";
export { placeTestOrder } from "./place-test-order";
export type { TTestOrderOptions } from "./place-test-order";
