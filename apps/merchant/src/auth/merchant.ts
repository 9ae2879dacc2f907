// Which restaurant the signed-in person is working for, and whether they own it. Every page of
// the portal starts here: signed-out visitors go to sign-in, people without a restaurant see why.
import "server-only";

import { cache } from "react";
import { redirect } from "next/navigation";

import { getDb } from "@lastmile/db/client";
import { merchantsOfUser } from "@lastmile/db/queries/overview";

import { getSession } from "./server";

export type TCurrentMerchant = {
  merchantId: string;
  name: string;
  /** From the membership of this restaurant, not a global role: owning one place is not owning all. */
  isOwner: boolean;
};

/** The person's first restaurant, or null when they are not on any team yet. */
export const currentMerchant = cache(async (): Promise<TCurrentMerchant | null> => {
  const session = await getSession();
  if (!session) redirect("/sign-in");
  const memberships = await merchantsOfUser(getDb(), session.user.id);
  const m = memberships.find((x) => session.user.merchantIds.includes(x.id));
  if (!m) return null;
  return { merchantId: m.id, name: m.name, isOwner: m.role === "owner" };
});

/** For pages that need a restaurant: the current one, or the "not on a team" page. */
export async function requireMerchant(): Promise<TCurrentMerchant> {
  const m = await currentMerchant();
  if (!m) redirect("/no-restaurant");
  return m;
}
