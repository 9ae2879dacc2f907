// The frame of every kitchen page: the restaurant's name, the sections (owners also see Store and
// Team), and the page itself at full width — a tablet on the pass needs every column it can get.
import type { ReactNode } from "react";
import Link from "next/link";

import { NavLinks } from "./nav-links";

export function MerchantShell({
  restaurant,
  isOwner,
  children,
}: {
  restaurant: string;
  isOwner: boolean;
  children: ReactNode;
}) {
  const links = [
    { href: "/", label: "Orders" },
    { href: "/menu", label: "Menu" },
    ...(isOwner ? [{ href: "/store", label: "Store" }] : []),
    { href: "/insight", label: "Insight" },
    ...(isOwner ? [{ href: "/team", label: "Team" }] : []),
  ];
  return (
    <div className="min-h-dvh bg-slate-100 print:bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-3"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white print:hidden">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <div className="flex min-w-0 items-center gap-2">
            <span
              aria-hidden
              className="grid size-9 shrink-0 place-items-center rounded-lg bg-brand-700 text-base font-bold text-white"
            >
              L
            </span>
            <span className="truncate text-lg font-semibold tracking-tight text-slate-900">
              {restaurant}
            </span>
          </div>
          <nav aria-label="Sections" className="order-last w-full sm:order-none sm:w-auto sm:flex-1">
            <NavLinks links={links} />
          </nav>
          <Link
            href="/sign-out"
            className="ml-auto inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:ml-0"
          >
            Sign out
          </Link>
        </div>
      </header>
      <main id="main" className="px-4 py-4 print:p-0">
        {children}
      </main>
    </div>
  );
}
