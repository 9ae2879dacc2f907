"use client";
// Your data: a copy of everything we hold, and erasing the account (personal data anonymised,
// orders kept for the books).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useTRPC } from "@lastmile/api/react";
import { Button, Field, FormAlert } from "@lastmile/ui/form";

export function DataRights() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState("");
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const erase = useMutation(
    trpc.me.deleteAccount.mutationOptions({
      onSuccess: () => {
        // The session is gone with the account: leave through sign-out so this browser forgets it too.
        window.location.assign("/sign-out");
      },
    }),
  );

  async function download() {
    setExporting(true);
    setExportError(null);
    try {
      const data = await queryClient.fetchQuery({ ...trpc.me.exportData.queryOptions(), staleTime: 0 });
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = "lastmile-my-data.json";
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : "The export failed. Please try again.");
    } finally {
      setExporting(false);
    }
  }

  return (
    <section aria-labelledby="data-h" className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="data-h" className="text-lg font-semibold text-slate-900">
        Your data
      </h2>
      <div>
        <p className="text-sm text-slate-700">Download your profile, addresses, orders, reviews and notifications as JSON.</p>
        <Button type="button" variant="secondary" className="mt-2 w-auto" onClick={() => void download()} pending={exporting} pendingLabel="Preparing…">
          Download my data
        </Button>
        {exportError ? <p role="alert" className="mt-2 text-sm text-red-700">{exportError}</p> : null}
      </div>
      <form
        className="space-y-3 border-t border-slate-200 pt-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (confirm === "DELETE") erase.mutate({ confirm: "DELETE" });
        }}
      >
        <p className="text-sm text-slate-700">
          Deleting your account erases your name, email, phone and addresses and signs you out everywhere. Past orders stay,
          anonymised, for the accounts. This cannot be undone.
        </p>
        <Field label="Type DELETE to confirm" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="off" />
        {erase.isError ? <FormAlert tone="error">{erase.error.message}</FormAlert> : null}
        <button
          type="submit"
          disabled={confirm !== "DELETE" || erase.isPending}
          className="rounded-lg bg-red-700 px-4 py-2.5 font-semibold text-white hover:bg-red-800 disabled:bg-red-300"
        >
          {erase.isPending ? "Deleting…" : "Delete my account"}
        </button>
      </form>
    </section>
  );
}
