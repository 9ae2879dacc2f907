"use client";
// People: find someone by name or email, see their roles and status, and — administrators only —
// suspend or reactivate them (suspending signs them out everywhere), grant or revoke roles, and
// decide courier and restaurant applications. Every change is audited by the API.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Badge } from "@lastmile/ui/badge";

import { formatDate } from "~/lib/time";

import { messageOf } from "../../_components/trpc-errors";

const btn = "min-h-9 rounded-lg px-3 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-50";
const field = "mt-1 block min-h-10 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm";
const ROLES = ["customer", "merchant_owner", "merchant_staff", "courier", "support", "ops_manager", "admin"] as const;
type TRole = (typeof ROLES)[number];

export function People({ isAdmin, areas }: { isAdmin: boolean; areas: { id: string; name: string; level: string }[] }) {
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const [submitted, setSubmitted] = useState("");
  const [userId, setUserId] = useState<string | null>(null);
  const results = useQuery({ ...trpc.admin.searchUsers.queryOptions({ query: submitted }), enabled: submitted.length >= 2 });
  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_1fr]">
      <section aria-labelledby="search-h" className="space-y-3">
        <h2 id="search-h" className="text-lg font-semibold text-slate-900">
          Find a person
        </h2>
        <form
          role="search"
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted(query.trim());
          }}
        >
          <label className="flex-1 text-sm font-medium text-slate-700">
            Name or email
            <input value={query} onChange={(e) => setQuery(e.target.value)} minLength={2} required className={field} />
          </label>
          <button type="submit" className={`${btn} min-h-10 bg-brand-700 text-white hover:bg-brand-800`}>
            Search
          </button>
        </form>
        {results.error ? <p role="alert" className="text-sm text-rose-800">{messageOf(results.error)}</p> : null}
        {results.data ? (
          <ul aria-label="People found" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
            {results.data.length === 0 ? <li className="p-3 text-sm text-slate-600">Nobody matches “{submitted}”.</li> : null}
            {results.data.map((u) => (
              <li key={u.id}>
                <button type="button" aria-pressed={userId === u.id} onClick={() => setUserId(u.id)} className="flex w-full flex-wrap items-center justify-between gap-2 p-3 text-left hover:bg-slate-50 aria-pressed:bg-brand-50">
                  <span>
                    <span className="font-medium text-slate-900">{u.name}</span> <span className="text-sm text-slate-600">{u.email}</span>
                  </span>
                  <span className="flex flex-wrap gap-1">
                    {u.status !== "active" ? <Badge tone="danger">{u.status}</Badge> : null}
                    {u.roles.map((r) => (
                      <Badge key={r}>{r.replace("_", " ")}</Badge>
                    ))}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {userId ? <Person userId={userId} isAdmin={isAdmin} areas={areas} /> : null}
      </section>
      {isAdmin ? <Applications /> : null}
    </div>
  );
}

function Person({ userId, isAdmin, areas }: { userId: string; isAdmin: boolean; areas: { id: string; name: string; level: string }[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const person = useQuery(trpc.admin.person.queryOptions({ userId }));
  const [reason, setReason] = useState("");
  const [role, setRole] = useState<TRole>("support");
  const [areaId, setAreaId] = useState(areas.find((a) => a.level === "municipality")?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setError(null);
    setNotice(message);
    void qc.invalidateQueries({ queryKey: trpc.admin.person.queryKey({ userId }) });
    void qc.invalidateQueries({ queryKey: trpc.admin.searchUsers.pathKey() });
  };
  const status = useMutation(trpc.admin.setUserStatus.mutationOptions({ onError: (e) => setError(messageOf(e)) }));
  const roles = useMutation(trpc.admin.setUserRole.mutationOptions({ onError: (e) => setError(messageOf(e)) }));
  const p = person.data;
  if (person.error) return <p role="alert" className="text-sm text-rose-800">{messageOf(person.error)}</p>;
  if (!p) return <p className="text-sm text-slate-600">Loading…</p>;
  const suspended = p.status === "suspended";
  return (
    <section aria-labelledby="person-h" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id="person-h" className="text-lg font-semibold text-slate-900">
        {p.name} {suspended ? <Badge tone="danger">Suspended</Badge> : <Badge tone="brand">{p.status}</Badge>}
      </h3>
      <p className="text-sm text-slate-600">
        {p.email} · joined {formatDate(p.createdAt)} · {p.orders} orders
      </p>
      <ul aria-label="Roles" className="mt-2 flex flex-wrap gap-2">
        {p.roles.map((r) => (
          <li key={`${r.role}-${r.areaId ?? ""}`} className="flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-sm">
            {r.role.replace("_", " ")}
            {r.areaName ? ` · ${r.areaName}` : ""}
            {isAdmin ? (
              <button
                type="button"
                aria-label={`Revoke ${r.role.replace("_", " ")}`}
                className="ml-1 rounded-full px-1 text-slate-600 hover:bg-slate-200"
                onClick={() => roles.mutate({ userId, role: r.role as TRole, grant: false, areaId: r.areaId ?? undefined }, { onSuccess: () => done(`Role ${r.role.replace("_", " ")} revoked.`) })}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {notice ? (
        <p role="status" className="mt-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {error}
        </p>
      ) : null}
      {isAdmin ? (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              roles.mutate({ userId, role, grant: true, areaId: role === "ops_manager" ? areaId : undefined }, { onSuccess: () => done(`Role ${role.replace("_", " ")} granted.`) });
            }}
            className="space-y-2"
          >
            <label className="block text-sm font-medium text-slate-700">
              Grant a role
              <select value={role} onChange={(e) => setRole(e.target.value as TRole)} className={field}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r.replace("_", " ")}
                  </option>
                ))}
              </select>
            </label>
            {role === "ops_manager" ? (
              <label className="block text-sm font-medium text-slate-700">
                Area they run
                <select value={areaId} onChange={(e) => setAreaId(e.target.value)} className={field}>
                  {areas.map((a) => (
                    <option key={a.id} value={a.id}>
                      {a.name} ({a.level})
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <button type="submit" disabled={roles.isPending} className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}>
              Grant
            </button>
          </form>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              status.mutate({ userId, status: suspended ? "active" : "suspended", reason }, { onSuccess: () => done(suspended ? `${p.name} can sign in again.` : `${p.name} is suspended and signed out everywhere.`) });
            }}
            className="space-y-2"
          >
            <label className="block text-sm font-medium text-slate-700">
              Reason
              <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} className={field} />
            </label>
            <button type="submit" disabled={status.isPending} className={`${btn} ${suspended ? "bg-slate-100 text-slate-900 hover:bg-slate-200" : "bg-rose-700 text-white hover:bg-rose-800"}`}>
              {suspended ? "Reactivate" : "Suspend"}
            </button>
          </form>
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">Only administrators change roles or suspend accounts.</p>
      )}
      {isAdmin && p.status !== "erased" ? <DataRights userId={userId} name={p.name} reason={reason} onDone={done} onError={setError} /> : null}
    </section>
  );
}

/** Export or erase on the person's own request (the reason field above says which request). */
function DataRights({ userId, name, reason, onDone, onError }: { userId: string; name: string; reason: string; onDone: (m: string) => void; onError: (m: string) => void }) {
  const trpc = useTRPC();
  const [confirm, setConfirm] = useState("");
  const exportUser = useMutation(
    trpc.admin.exportUser.mutationOptions({
      onError: (e) => onError(messageOf(e)),
      onSuccess: (data) => {
        // Handed to the browser as a file; nothing of it stays on the page.
        const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
        const a = document.createElement("a");
        a.href = url;
        a.download = `lastmile-data-${userId}.json`;
        a.click();
        URL.revokeObjectURL(url);
        onDone(`${name}'s data exported.`);
      },
    }),
  );
  const erase = useMutation(trpc.admin.eraseUser.mutationOptions({ onError: (e) => onError(messageOf(e)), onSuccess: () => onDone(`${name} erased: personal data anonymised, orders kept.`) }));
  return (
    <div className="mt-4 border-t border-slate-100 pt-3">
      <h4 className="text-sm font-semibold text-slate-800">Data requests</h4>
      <p className="text-xs text-slate-600">Give the request in “Reason” above (e.g. “Erasure request by email, 12 May”).</p>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <button type="button" disabled={exportUser.isPending} onClick={() => exportUser.mutate({ userId, reason })} className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}>
          Export their data
        </button>
        <label className="text-sm font-medium text-slate-700">
          Type ERASE to confirm
          <input value={confirm} onChange={(e) => setConfirm(e.target.value)} className="mt-1 block min-h-9 w-32 rounded-lg border border-slate-300 px-2 text-sm" />
        </label>
        <button type="button" disabled={erase.isPending || confirm !== "ERASE"} onClick={() => erase.mutate({ userId, reason, confirm: "ERASE" })} className={`${btn} bg-rose-700 text-white hover:bg-rose-800`}>
          Erase {name}
        </button>
      </div>
    </div>
  );
}

function Applications() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const apps = useQuery(trpc.admin.applications.queryOptions());
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const settle = { onError: (e: unknown) => setError(messageOf(e)), onSettled: () => qc.invalidateQueries({ queryKey: trpc.admin.applications.queryKey() }) };
  const courier = useMutation(trpc.admin.reviewCourier.mutationOptions(settle));
  const merchant = useMutation(trpc.admin.reviewMerchant.mutationOptions(settle));
  const d = apps.data;
  return (
    <section aria-labelledby="apps-h" className="space-y-3">
      <h2 id="apps-h" className="text-lg font-semibold text-slate-900">
        Applications
      </h2>
      {notice ? <p role="status" className="rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">{notice}</p> : null}
      {error ? <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">{error}</p> : null}
      <h3 className="text-sm font-semibold text-slate-700">Couriers ({d?.couriers.length ?? 0})</h3>
      <ul aria-label="Courier applications" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
        {d?.couriers.length === 0 ? <li className="p-3 text-sm text-slate-600">No courier is waiting.</li> : null}
        {d?.couriers.map((c) => (
          <li key={c.id} aria-label={c.name} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <span className="text-sm">
              <span className="font-medium text-slate-900">{c.name}</span> · {c.email} · {c.vehicle} · applied {formatDate(c.appliedAt)}
            </span>
            <span className="flex gap-2">
              <button type="button" disabled={courier.isPending} onClick={() => courier.mutate({ courierId: c.id, decision: "approve" }, { onSuccess: () => setNotice(`${c.name} approved.`) })} className={`${btn} bg-brand-700 text-white hover:bg-brand-800`}>
                Approve {c.name}
              </button>
              <button type="button" disabled={courier.isPending} onClick={() => courier.mutate({ courierId: c.id, decision: "reject", reason: "Application not accepted" }, { onSuccess: () => setNotice(`${c.name}'s application rejected.`) })} aria-label={`Reject ${c.name}`} className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}>
                Reject
              </button>
            </span>
          </li>
        ))}
      </ul>
      <h3 className="text-sm font-semibold text-slate-700">Restaurants ({d?.merchants.length ?? 0})</h3>
      <ul aria-label="Restaurant applications" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
        {d?.merchants.length === 0 ? <li className="p-3 text-sm text-slate-600">No restaurant is waiting.</li> : null}
        {d?.merchants.map((m) => (
          <li key={m.id} aria-label={m.name} className="flex flex-wrap items-center justify-between gap-2 p-3">
            <span className="text-sm">
              <span className="font-medium text-slate-900">{m.name}</span> · {m.address}
              {m.ownerEmail ? ` · ${m.ownerEmail}` : ""} · applied {formatDate(m.appliedAt)}
            </span>
            <span className="flex gap-2">
              <button type="button" disabled={merchant.isPending} onClick={() => merchant.mutate({ merchantId: m.id, decision: "verify" }, { onSuccess: () => setNotice(`${m.name} verified.`) })} className={`${btn} bg-brand-700 text-white hover:bg-brand-800`}>
                Verify {m.name}
              </button>
              <button type="button" disabled={merchant.isPending} onClick={() => merchant.mutate({ merchantId: m.id, decision: "suspend", reason: "Application not accepted" }, { onSuccess: () => setNotice(`${m.name}'s application rejected.`) })} aria-label={`Reject ${m.name}`} className={`${btn} bg-slate-100 text-slate-900 hover:bg-slate-200`}>
                Reject
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
