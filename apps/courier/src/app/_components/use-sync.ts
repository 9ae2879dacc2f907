"use client";
// Sending what the courier does to the server, with or without a connection. Online, an action
// goes straight to its procedure; offline (or when the request cannot reach the server) it is
// queued in IndexedDB with a local id and the phone's clock, and replayed in order once the
// phone is back online. The server decides what still applies: an order cancelled meanwhile
// refuses the pick-up, and that refusal is kept as a conflict the courier sees plainly.
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import { useTRPC } from "@lastmile/api/react";

import type { TOutboxAction, TOutboxEntry, TQueuedPosition } from "~/lib/outbox";
import {
  askForBackgroundSync,
  enqueue,
  pending,
  readSnapshot,
  remove,
  saveSnapshot,
  takeWorkerConflicts,
  withOutboxLock,
} from "~/lib/outbox";

export type TConflict = {
  localId: string;
  clientAt: string;
  orderNumber: number | null;
  what: string;
  message: string;
};
export type TReplayNote = { localId: string; what: string; message: string };

const MAX_BATCH = 100;

/** A request that never got an answer (no tRPC error code): worth queueing and trying again. */
export const isUnreachable = (e: unknown) =>
  !(e as { data?: { code?: string } } | null)?.data?.code;
export const errorMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

const WHAT: Record<TOutboxAction["kind"], string> = {
  positions: "Positions",
  arrivedAtPickup: "Arrival at the restaurant",
  arrivedAtDropoff: "Arrival at the door",
  pickUp: "Pick-up",
  deliver: "Delivery",
  reportProblem: "Problem report",
};
export const describe = (a: TOutboxAction) =>
  a.kind === "positions"
    ? `${a.positions.length} positions`
    : `${WHAT[a.kind]} of order #${a.orderNumber}`;

export function useSync({
  courierId,
  online,
  onApplied,
}: {
  courierId: string;
  online: boolean;
  onApplied: () => void;
}) {
  const trpc = useTRPC();
  const report = useMutation(trpc.courier.reportLocations.mutationOptions());
  const arrivedAtPickup = useMutation(trpc.courier.arrivedAtPickup.mutationOptions());
  const arrivedAtDropoff = useMutation(trpc.courier.arrivedAtDropoff.mutationOptions());
  const pickUp = useMutation(trpc.courier.pickUp.mutationOptions());
  const deliver = useMutation(trpc.courier.deliver.mutationOptions());
  const problem = useMutation(trpc.courier.reportProblem.mutationOptions());

  const [queue, setQueue] = useState<TOutboxEntry[]>([]);
  const [conflicts, setConflicts] = useState<TConflict[]>([]);
  const [notes, setNotes] = useState<TReplayNote[]>([]);
  const [replaying, setReplaying] = useState(false);
  const [lastSentAt, setLastSentAtState] = useState<number | null>(null);
  // Kept on the phone too, so a reopened app (offline, say) still says when it last got through.
  const setLastSentAt = useCallback(
    (at: number) => {
      setLastSentAtState(at);
      void saveSnapshot(`lastSentAt:${courierId}`, at).catch(() => undefined);
    },
    [courierId],
  );
  const busy = useRef(false);
  const askedAgain = useRef(false);
  const onAppliedRef = useRef(onApplied);
  useEffect(() => {
    onAppliedRef.current = onApplied;
  });

  const refreshQueue = useCallback(
    async () => setQueue(await pending(courierId).catch(() => [])),
    [courierId],
  );

  // The mutation objects change every render; the replay loop reads the latest through a ref
  // so that it (and the effect that starts it) stays stable.
  const mutations = useRef({ report, arrivedAtPickup, arrivedAtDropoff, pickUp, deliver, problem });
  useEffect(() => {
    mutations.current = { report, arrivedAtPickup, arrivedAtDropoff, pickUp, deliver, problem };
  });

  /** Calls the procedure for one action; throws what the server (or the network) said. */
  const send = useCallback(async (a: TOutboxAction, clientAt?: string) => {
    const m = mutations.current;
    switch (a.kind) {
      case "positions":
        return m.report.mutateAsync({
          positions: a.positions.map((p) => ({ ...p, recordedAt: new Date(p.recordedAt) })),
        });
      case "arrivedAtPickup":
      case "arrivedAtDropoff":
        return m[a.kind].mutateAsync({
          orderId: a.orderId,
          location: a.location ?? undefined,
          arrivedAt: clientAt ? new Date(clientAt) : undefined,
        });
      case "pickUp":
        return m.pickUp.mutateAsync({ orderId: a.orderId, location: a.location ?? undefined });
      case "deliver":
        return m.deliver.mutateAsync({
          orderId: a.orderId,
          pin: a.pin,
          location: a.location ?? undefined,
        });
      case "reportProblem":
        return m.problem.mutateAsync({
          orderId: a.orderId,
          problem: a.problem as "customer_not_there",
          note: a.note,
          location: a.location ?? undefined,
          reportedAt: clientAt ? new Date(clientAt) : undefined,
        });
    }
  }, []);

  /**
   * Replays the queue in order; stops at the first request that cannot reach the server. A call
   * while a replay runs is not lost: what was queued meanwhile (a GPS batch taken while the
   * replay was sending) is sent by one more pass once this one ends.
   */
  const replay = useCallback(async () => {
    if (!navigator.onLine) return;
    if (busy.current) {
      askedAgain.current = true;
      return;
    }
    busy.current = true;
    let applied = false;
    let unreachable = false;
    try {
      do {
        askedAgain.current = false;
        await withOutboxLock(async () => {
          const entries = await pending(courierId);
          // Only a queue worth sending says so: an empty replay on opening must not flash a notice
          // (it pushed the shift card down and back, a layout shift on every visit).
          if (entries.length > 0) setReplaying(true);
          for (let i = 0; i < entries.length; i++) {
            const entry = entries[i] as TOutboxEntry;
            // Consecutive position batches travel together (up to the server's limit per report).
            let batch: TOutboxEntry[] = [entry];
            let action: TOutboxAction = entry;
            if (entry.kind === "positions") {
              const positions: TQueuedPosition[] = [...entry.positions];
              while (
                entries[i + 1]?.kind === "positions" &&
                positions.length +
                  (entries[i + 1] as { positions: TQueuedPosition[] }).positions.length <=
                  MAX_BATCH
              ) {
                const next = entries[++i] as TOutboxEntry & { kind: "positions" };
                positions.push(...next.positions);
                batch = [...batch, next];
              }
              action = { kind: "positions", positions };
            }
            try {
              const result = await send(action, entry.clientAt);
              if (action.kind === "positions") {
                setLastSentAt(Date.now());
                const refused =
                  (result as { rejected?: { message: string }[] } | undefined)?.rejected ?? [];
                if (refused.length)
                  setNotes((n) => [
                    ...n,
                    {
                      localId: entry.localId,
                      what: describe(action),
                      message: `${refused.length} not kept: ${refused[0]?.message ?? ""}`,
                    },
                  ]);
              }
              applied = true;
            } catch (e) {
              if (isUnreachable(e)) {
                unreachable = true; // still no way through: keep this and the rest for later
                break;
              }
              const message = errorMessage(e);
              // A replayed action the server had already taken (the answer was lost on the way
              // back) is not a conflict: the order is where the courier meant it to be.
              const alreadyDone =
                (action.kind === "pickUp" && / is on its way;/.test(message)) ||
                (action.kind === "deliver" && / is delivered;/.test(message));
              if (!alreadyDone && action.kind !== "positions") {
                setConflicts((c) => [
                  ...c,
                  {
                    localId: entry.localId,
                    clientAt: entry.clientAt,
                    orderNumber: action.orderNumber,
                    what: describe(action),
                    message,
                  },
                ]);
              } else if (action.kind === "positions") {
                setNotes((n) => [
                  ...n,
                  { localId: entry.localId, what: describe(action), message },
                ]);
              }
              applied = true;
            }
            for (const b of batch) if (b.seq !== undefined) await remove(b.seq);
          }
        });
      } while (askedAgain.current && !unreachable && navigator.onLine);
    } finally {
      busy.current = false;
      setReplaying(false);
      await refreshQueue();
      if (applied) onAppliedRef.current();
    }
  }, [courierId, send, refreshQueue, setLastSentAt]);

  useEffect(() => {
    // What an earlier visit left in the outbox (the read is async: no render cascade).
    void pending(courierId)
      .catch(() => [])
      .then(setQueue);
    void readSnapshot<number>(`lastSentAt:${courierId}`)
      .then((at) => at && setLastSentAtState((now) => now ?? at))
      .catch(() => undefined);
  }, [courierId]);
  useEffect(() => {
    if (online) void replay();
  }, [online, replay]);

  // What the service worker replayed while the app was closed: its refusals become conflicts
  // here, and the screen refetches. Read on opening and whenever the worker says it replayed.
  useEffect(() => {
    const collect = async () => {
      const found = await takeWorkerConflicts(courierId).catch(() => []);
      if (found.length)
        setConflicts((c) => [
          ...c,
          ...found.filter((f) => !c.some((x) => x.localId === f.localId)),
        ]);
      await refreshQueue();
      onAppliedRef.current();
    };
    void collect();
    const onMessage = (e: MessageEvent<{ type?: string }>) => {
      if (e.data?.type === "outbox-replayed") void collect();
    };
    navigator.serviceWorker?.addEventListener("message", onMessage);
    return () => navigator.serviceWorker?.removeEventListener("message", onMessage);
  }, [courierId, refreshQueue]);

  /**
   * Does `action` now if the server can be reached, else queues it. Returns how it went; a
   * refusal from the server (geofence, wrong PIN, cancelled order) is thrown for the screen.
   */
  const perform = useCallback(
    async (
      action: TOutboxAction,
    ): Promise<{ queued: true; entry: TOutboxEntry } | { queued: false; result: unknown }> => {
      const clientAt = new Date();
      // Keep the order of things: while older actions wait, a new one waits behind them.
      let waiting = (await pending(courierId).catch(() => [])).length > 0;
      if (waiting && navigator.onLine) {
        await replay();
        waiting = (await pending(courierId).catch(() => [])).length > 0;
      }
      if (!navigator.onLine || waiting) {
        const entry = await enqueue(courierId, action, clientAt);
        await refreshQueue();
        void askForBackgroundSync();
        if (navigator.onLine) void replay();
        return { queued: true, entry };
      }
      try {
        const result = await send(action, clientAt.toISOString());
        if (action.kind === "positions") setLastSentAt(Date.now());
        return { queued: false, result };
      } catch (e) {
        if (!isUnreachable(e)) throw e;
        const entry = await enqueue(courierId, action, clientAt);
        await refreshQueue();
        void askForBackgroundSync();
        return { queued: true, entry };
      }
    },
    [courierId, send, refreshQueue, replay, setLastSentAt],
  );

  return {
    perform,
    replay,
    queue,
    replaying,
    lastSentAt,
    conflicts,
    notes,
    dismissConflict: (localId: string) =>
      setConflicts((c) => c.filter((x) => x.localId !== localId)),
    dismissNotes: () => setNotes([]),
  };
}
