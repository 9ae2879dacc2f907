// The email outbox: every transactional email, newest first — whether it went, is waiting or
// failed (with the provider's error), and the text the person received. Filter by recipient.
import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { Badge } from "@lastmile/ui/badge";
import { PageTitle } from "@lastmile/ui/shell";

import { requireStaff } from "~/auth/staff";
import { formatDateTime } from "~/lib/time";
import { getQueryClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Email outbox" };
export const dynamic = "force-dynamic";

const TONE = { sent: "brand", pending: "info", failed: "danger" } as const;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  const s = await requireStaff();
  if (s.role === "ops_manager") redirect("/");
  const { to } = await searchParams;
  const mails = await getQueryClient().fetchQuery(trpc.admin.outbox.queryOptions({ to: to || undefined, limit: 50 }));
  return (
    <>
      <PageTitle title="Email outbox" subtitle="What the platform emailed, to whom, and whether it went." />
      <form method="get" className="mb-4 flex items-end gap-2" role="search">
        <label className="text-sm font-medium text-slate-700">
          Recipient
          <input name="to" defaultValue={to} placeholder="email address" className="mt-1 block min-h-10 w-72 rounded-lg border border-slate-300 bg-white px-3 text-sm" />
        </label>
        <button type="submit" className="min-h-10 rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800">
          Filter
        </button>
      </form>
      {mails.length === 0 ? <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No emails{to ? ` to “${to}”` : ""}.</p> : null}
      <ol className="space-y-2" aria-label="Emails">
        {mails.map((m) => (
          <li key={m.id} className="rounded-xl border border-slate-200 bg-white shadow-sm">
            <details>
              <summary className="flex cursor-pointer flex-wrap items-center justify-between gap-2 p-3">
                <span className="text-sm">
                  <span className="font-medium text-slate-900">{m.subject}</span> <span className="text-slate-600">to {m.to}</span>
                </span>
                <span className="flex items-center gap-2 text-xs text-slate-600">
                  <Badge tone={TONE[m.status as keyof typeof TONE] ?? "neutral"}>{m.status}</Badge>
                  {m.template} · {formatDateTime(m.createdAt)}
                  {m.attempts > 1 ? ` · ${m.attempts} attempts` : ""}
                </span>
              </summary>
              <div className="border-t border-slate-100 p-3">
                {m.lastError ? <p className="mb-2 text-sm text-rose-800">Last error: {m.lastError}</p> : null}
                <pre className="text-sm whitespace-pre-wrap text-slate-800">{m.text}</pre>
              </div>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
