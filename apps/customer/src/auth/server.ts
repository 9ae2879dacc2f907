// This portal's sign-in: next-auth's /api/auth handler and getSession() for server components,
// route handlers and the tRPC context. Admits customers.
import "server-only";

import { createPortalAuth } from "@lastmile/auth/next";

import "~/env";

export const { handler, getSession } = createPortalAuth("customer");
