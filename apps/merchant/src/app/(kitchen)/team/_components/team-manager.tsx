"use client";
// The owner's team page: who can run the kitchen, inviting someone by email (they get a message
// through the outbox and sign in with a link), and taking someone off the team.
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";

import { fieldError, messageOf } from "../../_components/trpc-errors";
import { useFocusFirstInvalid } from "../../_components/use-focus-invalid";

export function TeamManager({ merchantId }: { merchantId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.team.members.queryOptions({ merchantId });
  const { data: members } = useQuery(options);
  const refresh = () => qc.invalidateQueries({ queryKey: options.queryKey });
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [sent, setSent] = useState<string | null>(null);
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess: (r) => {
        setSent(r.email);
        setEmail("");
        setName("");
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.team.remove.mutationOptions({ onSettled: refresh }));
  const formRef = useFocusFirstInvalid(invite.error);
  const [confirming, setConfirming] = useState<string | null>(null);

  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <h1 className="text-2xl font-semibold tracking-tight">Team</h1>
      <section aria-labelledby="members-h" className="rounded-2xl bg-white p-4 shadow-sm sm:p-5">
        <h2 id="members-h" className="text-xl font-semibold">
          Who runs the kitchen
        </h2>
        <ul className="mt-2 divide-y divide-slate-200">
          {(members ?? []).map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3">
              <div className="min-w-48 flex-1">
                <p className="text-lg font-medium">{m.name}</p>
                <p className="text-sm text-slate-600">
                  {m.email} · {m.role === "owner" ? "Owner" : "Staff"}
                  {m.signedUp ? "" : " · has not signed in yet"}
                </p>
              </div>
              {m.role === "staff" ? (
                confirming === m.userId ? (
                  <span className="flex gap-2">
                    <button
                      type="button"
                      onClick={() => remove.mutate({ merchantId, userId: m.userId }, { onSettled: () => setConfirming(null) })}
                      disabled={remove.isPending}
                      className="min-h-12 rounded-lg bg-rose-700 px-4 text-base font-semibold text-white"
                    >
                      Take {m.name} off the team
                    </button>
                    <button type="button" onClick={() => setConfirming(null)} className="min-h-12 rounded-lg px-4 text-base font-medium ring-1 ring-slate-300">
                      Keep
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    onClick={() => setConfirming(m.userId)}
                    className="min-h-12 rounded-lg px-4 text-base font-medium text-rose-800 ring-1 ring-rose-200 hover:bg-rose-50"
                  >
                    Remove<span className="sr-only"> {m.name}</span>
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
        {remove.error ? (
          <FormAlert tone="error" title="Not removed">
            {messageOf(remove.error)}
          </FormAlert>
        ) : null}
      </section>

      <section aria-labelledby="invite-h" className="rounded-2xl bg-white p-4 shadow-sm sm:p-5">
        <h2 id="invite-h" className="text-xl font-semibold">
          Invite kitchen staff
        </h2>
        <p className="mt-1 text-base text-slate-600">
          Staff see the orders and the menu. They cannot change the store, the team or see the earnings.
        </p>
        <form
          ref={formRef}
          noValidate
          className="mt-3 grid gap-4 sm:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            setSent(null);
            invite.mutate({ merchantId, email, name });
          }}
        >
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(invite.error, "name")} autoComplete="off" />
          <Field
            label="Email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fieldError(invite.error, "email")}
            autoComplete="off"
            autoCapitalize="none"
          />
          <div className="space-y-3 sm:col-span-2">
            {invite.error && !fieldError(invite.error, "email") && !fieldError(invite.error, "name") ? (
              <FormAlert tone="error" title="Not invited">
                {messageOf(invite.error)}
              </FormAlert>
            ) : null}
            {sent ? (
              <FormAlert tone="success" autoFocus={false}>
                Invitation sent to {sent}. They can sign in now with a link emailed to them.
              </FormAlert>
            ) : null}
            <Button type="submit" pending={invite.isPending} pendingLabel="Inviting…" className="min-h-12 sm:w-auto">
              Send invitation
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}
