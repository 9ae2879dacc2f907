// The frame of every console page: the sections the caller's role may use (support sees no
// pricing or dispatch, an ops manager no pricing), who is signed in and over which area.
import type { ReactNode } from "react";
import Link from "next/link";

import { NavLinks } from "./nav-links";

export function ConsoleShell({
  who,
  where,
  isAdmin,
  canDispatch,
  canSeePeople,
  children,
}: {
  who: string;
  where: string;
  isAdmin: boolean;
  canDispatch: boolean;
  canSeePeople: boolean;
  children: ReactNode;
}) {
  const links = [
    { href: "/", label: "Dashboard" },
    { href: "/orders", label: "Orders" },
    ...(canDispatch ? [{ href: "/map", label: "Live map" }] : []),
    ...(canDispatch ? [{ href: "/dispatch", label: "Dispatch" }] : []),
    ...(canDispatch ? [{ href: "/zones", label: "Zones" }] : []),
    { href: "/support", label: "Support" },
    ...(canSeePeople ? [{ href: "/people", label: "People" }] : []),
    ...(isAdmin ? [{ href: "/pricing", label: "Pricing" }] : []),
    ...(isAdmin ? [{ href: "/payouts", label: "Payouts" }] : []),
    ...(isAdmin ? [{ href: "/audit", label: "Audit log" }] : []),
    ...(canSeePeople ? [{ href: "/outbox", label: "Outbox" }] : []),
  ];
  return (
    <div className="min-h-dvh bg-slate-50">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-lg focus:bg-white focus:px-4 focus:py-3"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
          <div className="flex items-center gap-2">
            <span
              aria-hidden
              className="grid size-8 place-items-center rounded-lg bg-brand-700 text-sm font-bold text-white"
            >
              L
            </span>
            <span className="text-lg font-semibold tracking-tight text-slate-900">Operations</span>
          </div>
          <nav aria-label="Sections" className="order-last w-full lg:order-none lg:w-auto lg:flex-1">
            <NavLinks links={links} />
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm text-slate-600 lg:ml-0">
            <span>
              {who} · <span className="font-medium text-slate-800">{where}</span>
            </span>
            <Link href="/sign-out" className="rounded-lg px-2 py-1 font-medium text-slate-700 hover:bg-slate-100">
              Sign out
            </Link>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
