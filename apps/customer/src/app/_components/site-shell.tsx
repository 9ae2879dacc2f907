// Every customer page's frame: the shared shell with where we deliver to, the cart and the
// account links in the header.
import Link from "next/link";
import type { ReactNode } from "react";

import { AppShell } from "@lastmile/ui/shell";

import { getSession } from "~/auth/server";
import { currentDropoff } from "~/lib/dropoff-server";
import { getQueryClient, trpc } from "~/trpc/server";

const navLink =
  "rounded-lg px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900";

async function cartCount() {
  try {
    const cart = await getQueryClient().fetchQuery(trpc.cart.get.queryOptions());
    return cart.lines.reduce((n, l) => n + l.quantity, 0);
  } catch {
    // A dish in the cart sold out since it was added: the cart page says which.
    return null;
  }
}

export async function SiteShell({ children }: { children: ReactNode }) {
  const session = await getSession();
  const { dropoff, chosen } = await currentDropoff();
  const count = session ? await cartCount() : 0;
  return (
    <AppShell
      portal="customer"
      aside={
        <nav aria-label="Account" className="flex flex-wrap items-center justify-end gap-1">
          <AddressPill label={dropoff.label} chosen={chosen} className="hidden sm:flex" />
          {session ? (
            <>
              <Link href="/orders" className={navLink}>
                Orders
              </Link>
              <Link href="/checkout" className={navLink}>
                Cart{count ? <span className="ml-1 rounded-full bg-brand-700 px-1.5 text-xs text-white">{count}</span> : null}
                {count ? <span className="sr-only"> items</span> : null}
              </Link>
              <Link href="/account" className={navLink}>
                Account
              </Link>
              <Link href="/sign-out" className={navLink}>
                Sign out
              </Link>
            </>
          ) : (
            <Link href="/sign-in" className={navLink}>
              Sign in
            </Link>
          )}
        </nav>
      }
    >
      {/* On a phone the header has room for the links only; the address gets its own row. */}
      <AddressPill label={dropoff.label} chosen={chosen} className="-mt-2 mb-4 flex w-full sm:hidden" />
      {children}
    </AppShell>
  );
}

function AddressPill({ label, chosen, className }: { label: string; chosen: boolean; className: string }) {
  return (
    <Link
      href="/address"
      className={`max-w-full items-center gap-1.5 rounded-full bg-slate-100 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-200 sm:max-w-64 ${className}`}
    >
      <svg aria-hidden viewBox="0 0 20 20" className="size-4 shrink-0 fill-brand-700">
        <path d="M10 1.5a6 6 0 0 0-6 6c0 4.5 6 11 6 11s6-6.5 6-11a6 6 0 0 0-6-6Zm0 8.25a2.25 2.25 0 1 1 0-4.5 2.25 2.25 0 0 1 0 4.5Z" />
      </svg>
      <span className="sr-only">Delivering to </span>
      <span className="min-w-0 truncate">{label}</span>
      <span className="shrink-0 text-slate-600">{chosen ? <span className="sr-only">, change</span> : "(change)"}</span>
    </Link>
  );
}
