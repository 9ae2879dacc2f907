// Real dependencies for domain tests: the Local payment provider (the one that ships) and a
// publisher that records what the live screens would be told.
import { createLocalProvider, TEST_CARDS } from "@lastmile/payments";

import { recordingPublisher } from "../events";
import type { TActor } from "../orders";

export function testDeps() {
  const events = recordingPublisher();
  return { payments: createLocalProvider(), events };
}

export const goodCard = { kind: "card" as const, number: TEST_CARDS.succeeds, expMonth: 12, expYear: 2031, cvc: "123" };
export const declinedCard = { ...goodCard, number: TEST_CARDS.declined };
export const retryCard = { ...goodCard, number: TEST_CARDS.retry };

export const actor = (over: Partial<TActor> & Pick<TActor, "role">): TActor => ({ userId: null, merchantIds: [], courierId: null, areaIds: [], ...over });
