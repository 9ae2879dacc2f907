// Shown by the service worker for a page the phone has never opened while there is no
// connection. Static, so it is cached at install and needs no session.
import type { Metadata } from "next";
import Link from "next/link";

export const dynamic = "force-static";
export const metadata: Metadata = { title: "Offline" };

export default function OfflinePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-4 p-6 text-slate-950">
      <h1 className="text-3xl font-extrabold">You are offline</h1>
      <p className="text-lg">
        This page needs a connection. Your shift screen still works offline: what you do there is
        saved on this phone and sent when the connection returns.
      </p>
      <Link
        href="/"
        className="flex min-h-14 items-center justify-center rounded-xl bg-brand-700 text-lg font-bold text-white focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-600"
      >
        Back to my shift
      </Link>
    </main>
  );
}
