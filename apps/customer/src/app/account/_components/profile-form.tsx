"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";

const fieldError = (e: unknown, field: string) =>
  (e as { data?: { fieldErrors?: Record<string, string[]> | null } } | null)?.data?.fieldErrors?.[field]?.[0] ?? null;

export function ProfileForm({ name: initialName, phone: initialPhone }: { name: string | null; phone: string | null }) {
  const trpc = useTRPC();
  const [name, setName] = useState(initialName ?? "");
  const [phone, setPhone] = useState(initialPhone ?? "");
  const save = useMutation(trpc.me.updateProfile.mutationOptions());
  return (
    <section aria-labelledby="profile-h" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="profile-h" className="mb-3 text-lg font-semibold text-slate-900">
        Profile
      </h2>
      <form
        className="space-y-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ name, phone: phone.trim() || null });
        }}
      >
        {save.isSuccess ? (
          <FormAlert tone="success" autoFocus={false}>
            Saved.
          </FormAlert>
        ) : null}
        <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" error={fieldError(save.error, "name")} />
        <Field
          label="Phone"
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          autoComplete="tel"
          hint="So the courier can call if they cannot find you."
          error={fieldError(save.error, "phone")}
        />
        {save.isError && !fieldError(save.error, "name") && !fieldError(save.error, "phone") ? <FormAlert tone="error">{save.error.message}</FormAlert> : null}
        <Button type="submit" className="w-auto" pending={save.isPending} pendingLabel="Saving…">
          Save profile
        </Button>
      </form>
    </section>
  );
}
