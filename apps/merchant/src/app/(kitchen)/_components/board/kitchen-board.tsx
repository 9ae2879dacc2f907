"use client";
// The live kitchen board. It shows what the server says — the board query is the truth — and
// refetches it whenever the restaurant's realtime channel says an order arrived or changed, after
// a reconnect (events may have been missed), and after every move the kitchen makes. A slow poll
// keeps couriers' distances fresh (their positions are not on this channel) and takes over at a
// quicker pace if live updates are refused.
import { useCallback, useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { merchantChannel } from "@lastmile/realtime/channels";
import { useRealtimeRefetch } from "@lastmile/realtime/react";
import { formatClock } from "@lastmile/ui/format";

import { Dialog } from "../dialog";
import { messageOf } from "../trpc-errors";
import type { TBoard, TBoardOrder, TColumnKey } from "./columns";
import { BOARD_COLUMNS, columnOf } from "./columns";
import { AcceptForm, RejectForm } from "./decision-forms";
import type { TCardAction } from "./order-card";
import { OrderCard } from "./order-card";
import { OrderDetail } from "./order-detail";
import { clockSkew } from "./use-now";
import { useOrderAlarm } from "./use-order-alarm";

/** Courier distances refresh at this pace; so does everything if the live channel fails. */
const POLL_MS = 15_000;
const POLL_OFFLINE_MS = 5000;
const DONE_SHOWN = 12;

type TDialog = { kind: "accept" | "reject" | "detail"; orderId: string } | null;

export function KitchenBoard({
  merchantId,
  canChangeStore,
}: {
  merchantId: string;
  canChangeStore: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [liveError, setLiveError] = useState<string | null>(null);
  const boardOptions = trpc.merchant.board.queryOptions(
    { merchantId },
    {
      refetchInterval: liveError ? POLL_OFFLINE_MS : POLL_MS,
      refetchIntervalInBackground: true,
      staleTime: 0,
    },
  );
  const board = useQuery(boardOptions);
  const data = board.data;
  const refresh = useCallback(
    () => queryClient.invalidateQueries({ queryKey: boardOptions.queryKey }),
    [queryClient, boardOptions.queryKey],
  );
  useRealtimeRefetch(merchantChannel(merchantId), refresh, { onError: setLiveError });
  const skewMs = clockSkew(data?.at, board.dataUpdatedAt);
  const stampedAt = data?.at.getTime() ?? board.dataUpdatedAt;

  // New orders flash (and ring) until someone opens, accepts, rejects or dismisses them.
  const [seen, setSeen] = useState<ReadonlySet<string>>(() => new Set());
  const acknowledge = (ids: string[]) => setSeen((s) => new Set([...s, ...ids]));
  // Scheduled orders ring when the worker releases them to the kitchen, not before.
  const waiting = data?.orders.filter((o) => o.status === "PENDING" && !o.awaitingRelease) ?? [];
  const fresh = waiting.filter((o) => !seen.has(o.id));
  const alarm = useOrderAlarm(fresh.length);

  const [dialog, setDialog] = useState<TDialog>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const settle = {
    onSettled: () => {
      setWorking(null);
      return refresh();
    },
  };
  const accept = useMutation(
    trpc.merchant.accept.mutationOptions({ ...settle, onSuccess: () => setDialog(null) }),
  );
  const reject = useMutation(
    trpc.merchant.reject.mutationOptions({ ...settle, onSuccess: () => setDialog(null) }),
  );
  const quickMove = {
    ...settle,
    onError: (e: unknown) => setActionError(messageOf(e)),
  };
  const startPreparing = useMutation(trpc.merchant.startPreparing.mutationOptions(quickMove));
  const markReady = useMutation(trpc.merchant.markReady.mutationOptions(quickMove));

  if (!data) {
    return (
      <p role="alert" className="rounded-xl bg-white p-6 text-lg">
        {board.error ? `The board could not load: ${messageOf(board.error)}` : "Loading the board…"}
      </p>
    );
  }

  const tz = data.merchant.timezone;
  const defaultPrep =
    data.merchant.defaultPrepTimeMin +
    (data.merchant.availability === "busy" ? data.merchant.busyExtraPrepMin : 0);
  const current = dialog ? data.orders.find((o) => o.id === dialog.orderId) : undefined;

  const onAction = (order: TBoardOrder, action: TCardAction) => {
    setActionError(null);
    if (action === "open" || action === "accept" || action === "reject") {
      if (order.status === "PENDING") acknowledge([order.id]);
      accept.reset();
      reject.reset();
      setDialog({ kind: action === "open" ? "detail" : action, orderId: order.id });
      return;
    }
    setWorking(order.id);
    const input = { merchantId, orderId: order.id };
    if (action === "startPreparing") startPreparing.mutate(input);
    else markReady.mutate(input);
  };

  const byColumn = (key: TColumnKey) => {
    const list = data.orders.filter((o) => columnOf(o.status, o.awaitingRelease) === key);
    // Finished orders newest first; scheduled ones by their slot; everything else oldest first, the order the kitchen works in.
    if (key === "scheduled")
      return list.sort(
        (a, b) => (a.scheduledFor?.getTime() ?? 0) - (b.scheduledFor?.getTime() ?? 0),
      );
    return key === "done" ? list.reverse() : list;
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Orders</h1>
        <StoreStatus board={data} canChange={canChangeStore} />
        <p className="text-sm text-slate-600" aria-live="off">
          {board.isError
            ? "Connection lost — retrying…"
            : `${liveError ? "Live updates off, checking every 5 s" : "Live"} · updated ${formatClock(new Date(board.dataUpdatedAt), tz)}${data.merchant.autoAccept ? " · auto-accept on" : ""}`}
        </p>
        <button
          type="button"
          onClick={alarm.toggle}
          aria-pressed={alarm.soundOn}
          className={`ml-auto inline-flex min-h-12 items-center gap-2 rounded-xl px-4 text-base font-semibold ring-2 ring-inset ${
            alarm.soundOn
              ? "bg-brand-700 text-white ring-brand-700"
              : "bg-white text-slate-900 ring-slate-300"
          }`}
        >
          <BellIcon muted={!alarm.soundOn} />
          {alarm.soundOn ? "Sound on" : "Sound off"}
        </button>
      </div>

      {fresh.length ? (
        <div
          role="alert"
          data-rings={alarm.rings}
          className="order-flash flex flex-wrap items-center gap-3 rounded-2xl border-2 border-amber-500 bg-amber-50 px-4 py-3"
        >
          <p className="text-xl font-bold text-amber-950">
            {fresh.length === 1 ? "New order" : `${fresh.length} new orders`}{" "}
            {fresh.map((o) => `#${o.number}`).join(", ")}
          </p>
          {!alarm.soundOn ? (
            <p className="text-base text-amber-950">
              Sound is off — switch it on so new orders ring.
            </p>
          ) : alarm.blocked ? (
            <p className="text-base text-amber-950">Tap anywhere to let the tablet ring.</p>
          ) : null}
          <button
            type="button"
            onClick={() => acknowledge(fresh.map((o) => o.id))}
            className="ml-auto inline-flex min-h-12 items-center rounded-xl bg-amber-900 px-5 text-base font-semibold text-white hover:bg-amber-950"
          >
            Seen
          </button>
        </div>
      ) : null}

      {actionError ? (
        <div
          role="alert"
          className="flex items-center gap-3 rounded-xl border border-red-200 bg-red-50 px-4 py-3 text-base text-red-900"
        >
          <span aria-hidden>⚠</span>
          <span className="flex-1">{actionError}</span>
          <button
            type="button"
            onClick={() => setActionError(null)}
            className="min-h-11 rounded-lg px-3 font-medium hover:bg-red-100"
          >
            Dismiss
          </button>
        </div>
      ) : null}

      <div className="grid snap-x auto-cols-[minmax(13rem,1fr)] grid-flow-col gap-3 overflow-x-auto pb-2">
        {BOARD_COLUMNS.map((col) => {
          const orders = byColumn(col.key);
          const shown = col.key === "done" ? orders.slice(0, DONE_SHOWN) : orders;
          return (
            <section
              key={col.key}
              aria-labelledby={`col-${col.key}`}
              className="snap-start rounded-2xl bg-slate-200/70 p-2"
            >
              <h2
                id={`col-${col.key}`}
                className="mb-2 flex items-center justify-between px-1 text-base font-bold tracking-wide text-slate-800 uppercase"
              >
                {col.label}
                <span className="rounded-full bg-white px-2.5 py-0.5 text-base text-slate-900 tabular-nums">
                  {orders.length}
                </span>
              </h2>
              {shown.length === 0 ? (
                <p className="px-1 py-4 text-center text-base text-slate-600">{col.empty}</p>
              ) : (
                <ul className="space-y-2">
                  {shown.map((o) => (
                    <li key={o.id}>
                      <OrderCard
                        order={o}
                        clockSkewMs={skewMs}
                        stampedAt={stampedAt}
                        timezone={tz}
                        fresh={o.status === "PENDING" && !o.awaitingRelease && !seen.has(o.id)}
                        busy={working === o.id}
                        onAction={(a) => onAction(o, a)}
                      />
                    </li>
                  ))}
                  {orders.length > shown.length ? (
                    <li className="px-1 text-center text-sm text-slate-700">
                      + {orders.length - shown.length} earlier today
                    </li>
                  ) : null}
                </ul>
              )}
            </section>
          );
        })}
      </div>

      <Dialog
        open={Boolean(dialog && current)}
        onClose={() => setDialog(null)}
        wide={dialog?.kind === "detail"}
        title={
          current
            ? dialog?.kind === "accept"
              ? `Accept #${current.number}`
              : dialog?.kind === "reject"
                ? `Reject #${current.number}`
                : `Order #${current.number}`
            : ""
        }
      >
        {current && dialog?.kind === "accept" ? (
          <AcceptForm
            defaultMinutes={current.prepTimeMin ?? defaultPrep}
            busyNote={
              data.merchant.availability === "busy"
                ? `busy: ${data.merchant.defaultPrepTimeMin} + ${data.merchant.busyExtraPrepMin} min`
                : null
            }
            pending={accept.isPending}
            error={accept.error}
            onSubmit={(prepTimeMin) =>
              accept.mutate({ merchantId, orderId: current.id, prepTimeMin })
            }
          />
        ) : current && dialog?.kind === "reject" ? (
          <RejectForm
            pending={reject.isPending}
            error={reject.error}
            onSubmit={(reason) => reject.mutate({ merchantId, orderId: current.id, reason })}
          />
        ) : current ? (
          <>
            <OrderDetail order={current} restaurant={data.merchant.name} timezone={tz} />
            <div className="mt-5 flex flex-wrap gap-2 print:hidden">
              <button
                type="button"
                onClick={() => window.print()}
                className="inline-flex min-h-12 flex-1 items-center justify-center rounded-xl bg-white px-4 text-base font-semibold text-slate-900 ring-2 ring-slate-300 ring-inset hover:bg-slate-50"
              >
                Print kitchen ticket
              </button>
              {current.status === "PENDING" ? (
                <>
                  <button
                    type="button"
                    onClick={() => onAction(current, "reject")}
                    className="inline-flex min-h-12 flex-1 items-center justify-center rounded-xl bg-white px-4 text-base font-semibold text-rose-800 ring-2 ring-rose-200 ring-inset"
                  >
                    Reject
                  </button>
                  {current.awaitingRelease ? null : (
                    <button
                      type="button"
                      onClick={() => onAction(current, "accept")}
                      className="inline-flex min-h-12 flex-1 items-center justify-center rounded-xl bg-brand-700 px-4 text-base font-semibold text-white"
                    >
                      Accept
                    </button>
                  )}
                </>
              ) : null}
            </div>
          </>
        ) : null}
      </Dialog>
    </div>
  );
}

function StoreStatus({ board, canChange }: { board: TBoard; canChange: boolean }) {
  const m = board.merchant;
  const label =
    m.availability === "paused" && m.pausedUntil
      ? `Paused until ${formatClock(m.pausedUntil, m.timezone)}`
      : m.availability === "busy"
        ? `Busy (+${m.busyExtraPrepMin} min)`
        : "Open";
  const tone =
    m.availability === "paused"
      ? "bg-rose-100 text-rose-900"
      : m.availability === "busy"
        ? "bg-amber-100 text-amber-950"
        : "bg-brand-100 text-brand-900";
  const chip = (
    <span className={`rounded-full px-3 py-1 text-base font-semibold ${tone}`}>{label}</span>
  );
  return canChange ? (
    <Link
      href="/store#availability"
      className="rounded-full"
      aria-label={`${label}: change in Store`}
    >
      {chip}
    </Link>
  ) : (
    chip
  );
}

function BellIcon({ muted }: { muted: boolean }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      className="size-6"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      {muted ? <path d="M3 3l18 18" /> : null}
    </svg>
  );
}
