"use client";
// Which order updates also come by email. Every update always shows under the bell; a switch
// here only keeps that kind out of the inbox. Each change is saved at once.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";

export function EmailPreferences() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const prefs = useQuery(trpc.me.emailPreferences.queryOptions());
  const save = useMutation(
    trpc.me.setEmailPreference.mutationOptions({
      onSuccess: (saved) =>
        queryClient.setQueryData(trpc.me.emailPreferences.queryKey(), (prev) =>
          prev?.map((p) => (p.kind === saved.kind ? { ...p, email: saved.email } : p)),
        ),
    }),
  );

  return (
    <section
      aria-labelledby="email-prefs-h"
      className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="email-prefs-h" className="text-lg font-semibold text-slate-900">
        Notifications
      </h2>
      <p className="text-sm text-slate-600">
        Every update appears under the bell at the top. Choose which ones we also send by email.
      </p>
      {prefs.isPending ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : prefs.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {prefs.error.message}
        </p>
      ) : (
        <fieldset>
          <legend className="sr-only">Email me when</legend>
          <ul className="space-y-2">
            {prefs.data.map((p) => (
              <li key={p.kind}>
                <label className="flex items-center gap-3 text-sm text-slate-800">
                  <input
                    type="checkbox"
                    checked={p.email}
                    disabled={save.isPending && save.variables.kind === p.kind}
                    onChange={(e) => save.mutate({ kind: p.kind, email: e.target.checked })}
                    className="size-5 rounded border-slate-400 accent-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                  />
                  <span>
                    Email me when:{" "}
                    <span className="font-medium">
                      {p.label.charAt(0).toLowerCase() + p.label.slice(1)}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {save.isError ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {save.error.message}
        </p>
      ) : null}
    </section>
  );
}
