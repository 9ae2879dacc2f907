// The frame every portal page sits in: a header naming the portal, then the content.
import type { ReactNode } from "react";

export type TPortal = "customer" | "merchant" | "courier" | "admin";

const PORTAL_LABEL: Record<TPortal, string> = {
  customer: "Order food",
  merchant: "Kitchen",
  courier: "Courier",
  admin: "Operations",
};

export function AppShell({
  portal,
  aside,
  children,
}: {
  portal: TPortal;
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="min-h-dvh bg-slate-50">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
          <div className="flex items-center gap-2">
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
          {aside ? <div className="text-sm text-slate-600">{aside}</div> : null}
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}

export function PageTitle({ title, subtitle }: { title: string; subtitle?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {subtitle ? <p className="mt-1 text-slate-600">{subtitle}</p> : null}
    </div>
  );
}
