"use client";
// The open cases. The list refetches when the tab regains focus, on a slow poll, and — for ops,
// who may follow their zones' live feeds — when a courier raises a problem there.
import { useCallback, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";

import { OpsFollower } from "../../_components/ops-follower";
import { messageOf } from "../../_components/trpc-errors";
import { SupportCase } from "./support-case";

const POLL_MS = 20_000;

export function SupportQueue({ zoneIds }: { zoneIds: string[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.admin.supportQueue.queryOptions(
    {},
    { refetchInterval: POLL_MS, refetchOnWindowFocus: true },
  );
  const queue = useQuery(options);
  const refresh = useCallback(
    () => qc.invalidateQueries({ queryKey: options.queryKey }),
    [qc, options.queryKey],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const cases = queue.data ?? [];
  const requests = cases.filter((c) => c.kind === "refund_request").length;

  return (
    <div>
      {zoneIds.map((id) => (
        <OpsFollower
          key={id}
          zoneId={id}
          events={["dispatch.alert"]}
          onEvent={() => void refresh()}
          onReconnect={() => void refresh()}
        />
      ))}
      <p className="mb-3 text-sm text-slate-600" aria-live="polite">
        {queue.isLoading
          ? "Loading…"
          : `${requests} refund request${requests === 1 ? "" : "s"} · ${cases.length - requests} problem report${cases.length - requests === 1 ? "" : "s"} open`}
      </p>
      {notice ? (
        <p role="status" className="mb-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900">
          {notice}
        </p>
      ) : null}
      {queue.error ? (
        <p role="alert" className="mb-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
          {messageOf(queue.error)}
        </p>
      ) : null}
      {cases.length === 0 && !queue.isLoading ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          Nothing is waiting for support.
        </p>
      ) : (
        <ol className="space-y-3" aria-label="Open cases, oldest first">
          {cases.map((c) => (
            <SupportCase
              key={c.caseId}
              item={c}
              onDone={(message) => {
                setNotice(message);
                void refresh();
              }}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
