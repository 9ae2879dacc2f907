"use server";
// Emptying a cart that can no longer be priced (a dish sold out or left the menu): the checkout
// cannot show lines it cannot price, so it offers a fresh start. Server actions check the origin.
import { headers } from "next/headers";
import { redirect } from "next/navigation";

import { createCaller, createTRPCContext } from "@lastmile/api";

import { getSession } from "~/auth/server";

export async function emptyCart() {
  const caller = createCaller(createTRPCContext({ headers: new Headers(await headers()), session: await getSession(), source: "rsc" }));
  await caller.cart.clear();
  redirect("/");
}
