// The courier app's frame on a phone: a slim header, the page, and a bottom bar with the two
// places a courier goes — the shift and the earnings — within reach of a thumb.
import Link from "next/link";
import type { ReactNode } from "react";

export function CourierShell({
  current,
  name,
  children,
}: {
  current: "shift" | "earnings";
  name: string;
  children: ReactNode;
}) {
  const tab = (href: string, label: string, id: typeof current) => (
    <Link
      href={href}
      aria-current={current === id ? "page" : undefined}
      className={`flex min-h-14 flex-1 items-center justify-center rounded-xl text-lg font-bold focus-visible:outline-3 focus-visible:outline-sky-600 ${current === id ? "bg-brand-700 text-white" : "text-slate-900 hover:bg-slate-100"}`}
    >
      {label}
    </Link>
  );
  return (
    <div className="min-h-dvh bg-slate-50 pb-24">
      <header className="sticky top-0 z-10 border-b border-slate-300 bg-white">
        <div className="mx-auto flex max-w-md items-center justify-between gap-3 px-4 py-2">
          <p className="flex items-center gap-2">
            <span
              aria-hidden
              className="grid size-9 place-items-center rounded-lg bg-brand-700 font-extrabold text-white"
            >
              L
            </span>
            <span className="text-lg font-bold tracking-tight text-slate-950">Courier</span>
          </p>
          <Link
            href="/sign-out"
            className="flex min-h-11 items-center rounded-lg px-2 text-base font-semibold text-slate-800 underline-offset-4 hover:underline"
          >
            <span className="sr-only">{name}: </span>Sign out
          </Link>
        </div>
      </header>
      <main className="mx-auto max-w-md px-3 py-4">{children}</main>
      <nav
        aria-label="Courier"
        className="fixed inset-x-0 bottom-0 z-20 border-t border-slate-300 bg-white pb-[env(safe-area-inset-bottom)]"
      >
        <div className="mx-auto flex max-w-md gap-2 p-2">
          {tab("/", "Shift", "shift")}
          {tab("/earnings", "Earnings", "earnings")}
        </div>
      </nav>
    </div>
  );
}
