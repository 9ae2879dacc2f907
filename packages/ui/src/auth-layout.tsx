// The frame of every sign-in, sign-up and password page: the portal's name, one card, and
// room for links underneath. A single column that fills a phone and centres on a desktop.
import type { ReactNode } from "react";

import type { TPortal } from "./shell";

const PORTAL_LABEL: Record<TPortal, string> = {
  customer: "Order food",
  merchant: "Kitchen",
  courier: "Courier",
  admin: "Operations",
};

export function AuthLayout({
  portal,
  title,
  subtitle,
  children,
  footer,
  wide = false,
}: {
  portal: TPortal;
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  /** For longer forms (applications) on larger screens. */
  wide?: boolean;
}) {
  return (
    <div className="flex min-h-dvh flex-col bg-slate-50">
      <header className="px-4 pt-6 pb-4 sm:pt-10">
        <div className={`mx-auto flex items-center gap-2 ${wide ? "max-w-xl" : "max-w-md"}`}>
          <span
            aria-hidden
            className="grid size-8 place-items-center rounded-lg bg-brand-600 text-sm font-bold text-white"
          >
            L
          </span>
          <span className="text-lg font-semibold tracking-tight">Lastmile</span>
          <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">
            {PORTAL_LABEL[portal]}
          </span>
        </div>
      </header>
      <main className="flex-1 px-4 pb-12">
        <div className={`mx-auto w-full ${wide ? "max-w-xl" : "max-w-md"}`}>
          <div className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
            {subtitle ? <div className="mt-1.5 text-slate-600">{subtitle}</div> : null}
            <div className="mt-6">{children}</div>
          </div>
          {footer ? (
            <div className="mt-6 space-y-2 text-center text-sm text-slate-600">{footer}</div>
          ) : null}
        </div>
      </main>
    </div>
  );
}
