import "server-only";

import { headers } from "next/headers";

import { createServerHelpers } from "@lastmile/api/server-helpers";

export const { trpc, getQueryClient, HydrateClient, prefetch } = createServerHelpers(async () => ({
  headers: new Headers(await headers()),
  session: null,
}));
