// The audit log: who did what to which record, the values before and after, when and from where.
// Filters are a GET form, so a filtered view can be shared; "Older" pages by time.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { PageTitle } from "@lastmile/ui/shell";

import { requireStaff } from "~/auth/staff";
import { formatDateTimeSeconds } from "~/lib/time";
import { getQueryClient, trpc } from "~/trpc/server";

export const metadata: Metadata = { title: "Audit log" };
export const dynamic = "force-dynamic";

const PAGE = 50;
const input = "mt-1 block min-h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm";

function Values({ label, value }: { label: string; value: Record<string, unknown> | null }) {
  if (!value || Object.keys(value).length === 0) return null;
  return (
    <div>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        {Object.entries(value).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600">{k}</dt>
            <dd className="break-all font-mono text-slate-900">{typeof v === "object" ? JSON.stringify(v) : String(v)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const s = await requireStaff();
  if (!s.isAdmin) redirect("/");
  const sp = await searchParams;
  const filters = { action: sp.action || undefined, actor: sp.actor || undefined, entityType: sp.entityType || undefined, entityId: sp.entityId || undefined };
  const before = sp.before ? new Date(sp.before) : undefined;
  const rows = await getQueryClient().fetchQuery(trpc.admin.auditTrail.queryOptions({ ...filters, before: before && !Number.isNaN(before.getTime()) ? before : undefined, limit: PAGE }));
  const last = rows.at(-1);
  const older = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => Boolean(e[1])));
  if (last) older.set("before", last.at.toISOString());
  return (
    <>
      <PageTitle title="Audit log" subtitle="Every change staff made, newest first." />
      <form method="get" aria-label="Filter the audit log" className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-2 lg:grid-cols-5">
        <label className="text-sm font-medium text-slate-700">
          Action
          <input name="action" defaultValue={filters.action} placeholder="e.g. config.pricing" className={input} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Who
          <input name="actor" defaultValue={filters.actor} placeholder="name or email" className={input} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Record type
          <input name="entityType" defaultValue={filters.entityType} placeholder="user, zone, config, order" className={input} />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Record id
          <input name="entityId" defaultValue={filters.entityId} className={input} />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="min-h-10 rounded-lg bg-brand-700 px-4 text-sm font-semibold text-white hover:bg-brand-800">
            Filter
          </button>
          <Link href="/audit" className="inline-flex min-h-10 items-center rounded-lg px-3 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Clear
          </Link>
        </div>
      </form>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No entries match.</p>
      ) : (
        <ol className="space-y-2" aria-label="Audit entries">
          {rows.map((r) => (
            <li key={r.id} className="rounded-xl border border-slate-200 bg-white p-3 shadow-sm">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="text-sm">
                  <span className="font-mono font-semibold text-slate-900">{r.action}</span>
                  <span className="text-slate-600">
                    {" "}
                    on {r.entityType}
                    {r.entityId ? " " : null}
                    {r.entityId && r.entityType === "order" ? (
                      <Link href={`/orders/${r.entityId}`} className="font-mono text-brand-800 underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700">
                        {r.entityId}
                      </Link>
                    ) : r.entityId ? (
                      <span className="font-mono">{r.entityId}</span>
                    ) : null}
                  </span>
                </p>
                <p className="text-xs text-slate-600">
                  <time dateTime={r.at.toISOString()}>{formatDateTimeSeconds(r.at)}</time>
                </p>
              </div>
              <p className="mt-1 text-sm text-slate-700">
                by <span className="font-medium">{r.actorName ?? r.actorEmail ?? "the system"}</span>
                {r.actorEmail && r.actorName ? <span className="text-slate-500"> ({r.actorEmail})</span> : null} as {r.actorRole.replace("_", " ")}
                {r.ip ? <span className="text-slate-500"> · from {r.ip}</span> : null}
              </p>
              {r.before || r.after ? (
                <div className="mt-2 grid gap-3 rounded-lg bg-slate-50 p-2 md:grid-cols-2">
                  <Values label="Before" value={r.before} />
                  <Values label="After" value={r.after} />
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {rows.length === PAGE ? (
        <p className="mt-4">
          <Link href={`/audit?${older.toString()}`} className="font-medium text-brand-800 underline">
            Older entries
          </Link>
        </p>
      ) : null}
    </>
  );
}
