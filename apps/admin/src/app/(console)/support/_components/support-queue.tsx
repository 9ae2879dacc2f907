"use client";
// The open cases: couriers' problems first (someone is stuck on the road now), then refund
// requests, oldest first, twenty at a time. The list refetches when the tab regains focus, on a
// slow poll, and — for ops, who may follow their zones' live feeds — when a courier raises a
// problem there.
import { useCallback, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";

import { OpsFollower } from "../../_components/ops-follower";
import { messageOf } from "../../_components/trpc-errors";
import { SupportCase } from "./support-case";

const POLL_MS = 20_000;
const PAGE = 20;

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
  const [shown, setShown] = useState(PAGE);
  const cases = queue.data ?? [];
  const problems = cases.filter((c) => c.kind !== "refund_request");
  const requests = cases.filter((c) => c.kind === "refund_request");
  const onDone = (message: string) => {
    setNotice(message);
    void refresh();
  };

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
          : `${requests.length} refund request${requests.length === 1 ? "" : "s"} · ${problems.length} problem report${problems.length === 1 ? "" : "s"} open`}
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
        <div className="space-y-6">
          {problems.length > 0 ? (
            <ol className="space-y-3" aria-label="Courier problems, oldest first">
              {problems.map((c) => (
                <SupportCase key={c.caseId} item={c} onDone={onDone} />
              ))}
            </ol>
          ) : null}
          {requests.length > 0 ? (
            <div>
              <ol className="space-y-3" aria-label="Refund requests, oldest first">
                {requests.slice(0, shown).map((c) => (
                  <SupportCase key={c.caseId} item={c} onDone={onDone} />
                ))}
              </ol>
              {requests.length > shown ? (
                <button
                  type="button"
                  onClick={() => setShown((n) => n + PAGE)}
                  className="mt-3 min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium text-slate-800 hover:bg-slate-50"
                >
                  Show {Math.min(PAGE, requests.length - shown)} more ({requests.length - shown} not shown)
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
