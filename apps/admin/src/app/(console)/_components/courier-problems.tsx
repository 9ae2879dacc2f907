"use client";
// Orders whose courier has asked for help (customer not there, wrong address, kitchen closed…),
// flagged in red with the courier's words, latest first. A `courier.problem` event on any zone in
// the caller's scope refetches the list at once; a slow poll and reconnects back it up.
import { useCallback } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { Badge } from "@lastmile/ui/badge";
import { formatAgo, formatClock } from "@lastmile/ui/format";

import { CONSOLE_TIMEZONE } from "~/lib/time";

import { OpsFollower } from "./ops-follower";

const POLL_MS = 30_000;

export function CourierProblems({ zoneIds, onSelect }: { zoneIds: string[]; onSelect?: (orderId: string) => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const options = trpc.admin.courierProblems.queryOptions(undefined, { refetchInterval: POLL_MS });
  const problems = useQuery(options).data ?? [];
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: options.queryKey }), [qc, options.queryKey]);

  return (
    <>
      {zoneIds.map((id) => (
        <OpsFollower key={id} zoneId={id} events={["courier.problem"]} onEvent={refresh} onReconnect={refresh} />
      ))}
      {problems.length > 0 ? (
        <section className="rounded-xl border border-rose-300 bg-white p-3 shadow-sm" aria-labelledby="problems-h">
          <h2 id="problems-h" className="mb-2 text-sm font-semibold text-rose-900">
            Couriers asking for help ({problems.length})
          </h2>
          <ul className="space-y-2 text-sm" aria-live="polite">
            {problems.map((p) => (
              <li key={p.orderId} className="rounded-lg bg-rose-50 p-2" data-testid="courier-problem">
                <p className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
                  <Badge tone="danger">Flagged</Badge>
                  {onSelect ? (
                    <button type="button" className="text-brand-800 underline focus-visible:outline-2 focus-visible:outline-brand-700" onClick={() => onSelect(p.orderId)}>
                      #{p.orderNumber} · {p.merchantName}
                    </button>
                  ) : (
                    <span>
                      #{p.orderNumber} · {p.merchantName}
                    </span>
                  )}
                </p>
                <p className="mt-1 text-slate-900">{p.reason}</p>
                <p className="text-xs text-slate-700">
                  {p.courierName ?? "The courier"} · reported {formatClock(p.reportedAt, p.timezone ?? CONSOLE_TIMEZONE)} ({formatAgo(p.reportedAt)}){p.reports > 1 ? ` · ${p.reports} reports` : ""} · {p.status.replaceAll("_", " ").toLowerCase()}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
