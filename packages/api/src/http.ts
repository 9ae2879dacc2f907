// The /api/trpc handler every portal mounts (Next route handlers speak fetch). Mutations must
// arrive as JSON from the portal's own origin: tRPC's adapters do not check Content-Type, so
// without this a cross-site HTML form could post to a mutation with the user's cookies.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { appRouter } from "./root";
import type { TContextOptions, TSession } from "./trpc";
import { createTRPCContext } from "./trpc";

const json = (status: number, message: string) =>
  new Response(JSON.stringify({ error: { message, code: status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : "FORBIDDEN" } }), {
    status,
    headers: { "content-type": "application/json" },
  });

/** Origins this request may legitimately come from: the URL it reached, and the proxy's view of it. */
function ownOrigins(req: Request) {
  const url = new URL(req.url);
  const origins = new Set([url.origin]);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) origins.add(`${req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "")}://${host}`);
  return origins;
}

/** Why a state-changing request must be refused, or null when it is fine. */
export function csrfRefusal(req: Request): Response | null {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return null;
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) return json(415, "Requests that change data must be sent as JSON.");
  if (req.headers.get("sec-fetch-site") === "cross-site") return json(403, "Cross-site requests are not allowed.");
  const origin = req.headers.get("origin");
  if (!origin || !ownOrigins(req).has(origin)) return json(403, "Requests that change data must come from this portal.");
  return null;
}

/** `overrides` are for harnesses (the location benchmark) that bring their own database or publisher. */
export function createTrpcHandler(getSession: (req: Request) => Promise<TSession>, overrides: Pick<TContextOptions, "db" | "events"> = {}) {
  return async (req: Request) =>
    csrfRefusal(req) ??
    fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req,
      createContext: async () => createTRPCContext({ ...overrides, headers: req.headers, session: await getSession(req), source: "http" }),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"} failed:`, error);
      },
    });
}
