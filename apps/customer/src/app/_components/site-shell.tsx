// Every customer page's frame: the shared shell with where we deliver to, the cart and the
// account links in the header.
import Link from "next/link";
import type { ReactNode } from "react";

import { AppShell } from "@lastmile/ui/shell";

import { getSession } from "~/auth/server";
import { currentDropoff } from "~/lib/dropoff-server";
import { getQueryClient, trpc } from "~/trpc/server";

import { NotificationBell } from "./notification-bell";

const navLink =
  "rounded-lg px-1 py-1.5 font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 hover:text-slate-900 sm:px-2.5";

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
        <nav aria-label="Account" className="flex items-center justify-end sm:gap-1">
          <AddressPill label={dropoff.label} chosen={chosen} className="hidden sm:flex" />
          {session ? (
            <>
              <NotificationBell userId={session.user.id} />
              <Link href="/orders" className={navLink}>
                Orders
              </Link>
              <Link href="/checkout" className={`${navLink} inline-flex items-center gap-1`}>
                <svg aria-hidden viewBox="0 0 20 20" className="size-5 fill-current sm:hidden">
                  <path d="M2.5 3a.75.75 0 0 0 0 1.5h1.1l1.9 8.1A1.75 1.75 0 0 0 7.2 14h7.55a1.75 1.75 0 0 0 1.7-1.33l1.3-5.2A.75.75 0 0 0 17 6.5H5.6l-.56-2.4A1.5 1.5 0 0 0 3.58 3H2.5ZM7.5 15.5a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5Zm7 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5Z" />
                </svg>
                <span className="sr-only sm:not-sr-only">Cart</span>
                {count ? <span className="rounded-full bg-brand-700 px-1.5 text-xs text-white">{count}</span> : null}
                {count ? <span className="sr-only"> items</span> : null}
              </Link>
              <Link href="/account" className={`${navLink} inline-flex items-center`}>
                <svg aria-hidden viewBox="0 0 20 20" className="size-5 fill-current sm:hidden">
                  <path d="M10 10a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm-7 8a7 7 0 1 1 14 0H3Z" />
                </svg>
                <span className="sr-only sm:not-sr-only">Account</span>
              </Link>
              {/* On a phone, signing out lives on the account page. */}
              <Link href="/sign-out" className={`${navLink} hidden sm:inline-block`}>
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
