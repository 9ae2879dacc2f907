import "server-only";

import { headers } from "next/headers";

import { createServerHelpers } from "@lastmile/api/server-helpers";

import { getSession } from "~/auth/server";

export const { trpc, getQueryClient, HydrateClient, prefetch } = createServerHelpers(async () => ({
  headers: new Headers(await headers()),
  session: await getSession(),
}));
