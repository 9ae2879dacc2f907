// Server-component helpers each portal builds in ~15 lines: the tRPC options proxy called
// in-process, a per-request query client, and <HydrateClient> to hand prefetched data to the
// client components below.
import type { ReactNode } from "react";
import { cache } from "react";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { TRPCQueryOptions } from "@trpc/tanstack-react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";

import { createQueryClient } from "./query-client";
import type { AppRouter } from "./root";
import { appRouter } from "./root";
import type { TSession } from "./trpc";
import { createTRPCContext } from "./trpc";

export function createServerHelpers(
  getRequest: () => Promise<{ headers: Headers; session: TSession }>,
) {
  const createContext = cache(async () =>
    createTRPCContext({ ...(await getRequest()), source: "rsc" }),
  );
  const getQueryClient = cache(createQueryClient);
  const trpc = createTRPCOptionsProxy<AppRouter>({
    router: appRouter,
    ctx: createContext,
    queryClient: getQueryClient,
  });

  function HydrateClient({ children }: { children: ReactNode }) {
    return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
  }

  /**
   * Starts a query for the client components below. Await it when they read it with `useQuery`:
   * a query still pending when the server renders is drawn empty there, but may have arrived by
   * the time the browser hydrates, and the two renders then differ (React #418: the page's HTML
   * is thrown away and drawn again). Only a `useSuspenseQuery` reader may be left to stream.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  function prefetch<T extends ReturnType<TRPCQueryOptions<any>>>(queryOptions: T) {
    return getQueryClient().prefetchQuery(queryOptions);
  }

  return { trpc, getQueryClient, HydrateClient, prefetch };
}
