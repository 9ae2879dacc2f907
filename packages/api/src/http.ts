// The /api/trpc handler every portal mounts (Next route handlers speak fetch).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { appRouter } from "./root";
import type { TSession } from "./trpc";
import { createTRPCContext } from "./trpc";

export function createTrpcHandler(getSession: () => Promise<TSession>) {
  return (req: Request) =>
    fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req,
      createContext: async () =>
        createTRPCContext({ headers: req.headers, session: await getSession(), source: "http" }),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR")
          console.error(`tRPC ${path ?? "?"} failed:`, error);
      },
    });
}
