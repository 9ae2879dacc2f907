import type { Metadata } from "next";
import Link from "next/link";

import { EmptyState } from "@lastmile/ui/empty-state";
import { PageTitle } from "@lastmile/ui/shell";

import { env } from "~/env";
import { currentDropoff } from "~/lib/dropoff-server";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { emptyCart } from "../_actions/cart";
import { SiteShell } from "../_components/site-shell";
import { CheckoutForm } from "./_components/checkout-form";

export const metadata: Metadata = { title: "Checkout" };
export const dynamic = "force-dynamic";

export default async function CheckoutPage() {
  const qc = getQueryClient();
  const { dropoff, chosen } = await currentDropoff();
  // A line that no longer prices (sold out, gone from the menu) makes the whole cart unpriceable.
  const { cart, cartError } = await qc.fetchQuery(trpc.cart.get.queryOptions()).then(
    (c) => ({ cart: c, cartError: null }),
    (e: unknown) => ({ cart: null, cartError: e instanceof Error ? e.message : "Your cart could not be loaded." }),
  );

  return (
    <SiteShell>
      <PageTitle title="Checkout" subtitle={cart?.merchantName ? `Your order from ${cart.merchantName}` : undefined} />
      {cartError ? (
        <CartProblem message={cartError} />
      ) : !cart || cart.lines.length === 0 ? (
        <EmptyState title="Your cart is empty">
          <Link href="/" className="font-medium text-brand-800 underline">
            Find a restaurant
          </Link>{" "}
          and add a dish to get started.
        </EmptyState>
      ) : (
        <HydrateClient>
          <CheckoutForm dropoff={dropoff} dropoffChosen={chosen} stripePublishableKey={env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY} />
        </HydrateClient>
      )}
    </SiteShell>
  );
}

function CartProblem({ message }: { message: string }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-4 text-red-900">
      <p className="font-semibold">Something in your cart changed</p>
      <p className="mt-1">{message}</p>
      <form action={emptyCart} className="mt-3">
        <button className="rounded-lg bg-white px-3 py-2 font-medium text-red-900 ring-1 ring-red-300 hover:bg-red-100">Empty the cart and start again</button>
      </form>
    </div>
  );
}
