import "server-only";

import { cookies } from "next/headers";

import { getSession } from "~/auth/server";
import { getQueryClient, trpc } from "~/trpc/server";

import { DEMO_DROPOFF, DROPOFF_COOKIE, parseDropoff } from "./dropoff";
import type { TDropoffChoice } from "./dropoff";

/**
 * The chosen drop-off, and whether the customer chose it. Without a choice, a signed-in customer
 * gets their default saved address (or their first one), anyone else the demo address.
 */
export async function currentDropoff(): Promise<{ dropoff: TDropoffChoice; chosen: boolean }> {
  const chosen = parseDropoff((await cookies()).get(DROPOFF_COOKIE)?.value);
  if (chosen) return { dropoff: chosen, chosen: true };
  if (await getSession()) {
    const saved = await getQueryClient().fetchQuery(trpc.me.addresses.queryOptions());
    const a = saved.find((x) => x.isDefault) ?? saved[0];
    if (a) return { dropoff: { label: a.line1, lng: a.location.coordinates[0], lat: a.location.coordinates[1], addressId: a.id }, chosen: true };
  }
  return { dropoff: DEMO_DROPOFF, chosen: false };
}
