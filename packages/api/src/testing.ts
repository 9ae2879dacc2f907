// Callers for this package's own tests (not exported: no portal should build a context like this).
// Left to itself, createTRPCContext publishes through the real realtime publisher, so a test run
// would log ECONNREFUSED for every mutation — or, with `pnpm dev` running, push phantom events
// into a developer's open browsers. Here events go into a recording publisher unless the test
// brings its own to assert on.
import type { TEventPublisher } from "@lastmile/core/events";
import { recordingPublisher } from "@lastmile/core/events";
import type { TDb } from "@lastmile/db/client";
import { createLocalProvider } from "@lastmile/payments";
import type { TPaymentProvider } from "@lastmile/payments";

import { createCaller } from "./index";
import type { TSession } from "./trpc";
import { createTRPCContext } from "./trpc";

export type TTestCallerOptions = {
  /** The request's headers; none unless said (set `x-forwarded-for` to give the caller an IP). */
  headers?: Headers;
  /** The provider that takes payments: the Local one (the one that ships) unless said, so a
   * developer's STRIPE_SECRET_KEY never sends a test's payments to Stripe. */
  payments?: TPaymentProvider;
  /** Where domain events go; a fresh recording publisher unless the test asserts on them. */
  events?: TEventPublisher;
};

/** The context of an HTTP call by `session` (null: signed out), for routers mounted on their own. */
export function testContext(db: TDb, session: TSession, options: TTestCallerOptions = {}) {
  const {
    headers = new Headers(),
    payments = createLocalProvider(),
    events = recordingPublisher(),
  } = options;
  return createTRPCContext({ headers, session, source: "http", db, payments, events });
}

/** The whole API called in-process as `session` (null: signed out). */
export function testCaller(db: TDb, session: TSession, options: TTestCallerOptions = {}) {
  return createCaller(testContext(db, session, options));
}
