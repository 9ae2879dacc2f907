"use client";
// The client side of tRPC for every portal: one query client per browser tab, batched streaming
// requests to the portal's own /api/trpc.
import type { ReactNode } from "react";
import { useState } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import { createTRPCClient, httpBatchStreamLink, loggerLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";

import { createQueryClient } from "./query-client";
import type { AppRouter } from "./root";

// Inlined by Next at build time, so production bundles carry the literal `false`.
// eslint-disable-next-line no-restricted-properties -- NODE_ENV is the build mode, not configuration
const isDevelopment = process.env.NODE_ENV === "development";

let browserQueryClient: QueryClient | undefined;
const getQueryClient = () => {
  if (typeof window === "undefined") return createQueryClient();
  return (browserQueryClient ??= createQueryClient());
};

export const { useTRPC, TRPCProvider } = createTRPCContext<AppRouter>();

export function TRPCReactProvider({ children, portal }: { children: ReactNode; portal: string }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Development only: the logger prints each failed call's input, and a declined checkout's
        // input is a card number, which has no place in a customer's browser console.
        loggerLink({ enabled: (op) => isDevelopment && op.direction === "down" && op.result instanceof Error }),
        httpBatchStreamLink({
          transformer: superjson,
          url:
            typeof window === "undefined"
              ? "http://localhost/api/trpc"
              : `${window.location.origin}/api/trpc`,
          headers: () => ({ "x-trpc-source": `${portal}-react` }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
