"use client";
// The header's bell: how many notifications are unread, kept live by the customer's own channel
// (notification.new after every order move that tells them something), and a panel with the
// latest ones. Opening one marks it read and goes to its order; "Mark all as read" clears the
// badge. The unread count is the server's; realtime only says when to ask again.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState } from "react";

import { useTRPC } from "@lastmile/api/react";
import { userChannel } from "@lastmile/realtime/channels";
import { useRealtimeRefetch } from "@lastmile/realtime/react";
import { formatAgo } from "@lastmile/ui/format";

export function NotificationBell({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const count = useQuery(trpc.notifications.unreadCount.queryOptions(undefined, { staleTime: 0 }));
  const list = useQuery(
    trpc.notifications.list.queryOptions({ limit: 20 }, { enabled: open, staleTime: 0 }),
  );
  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.notifications.unreadCount.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }),
      ]),
    [queryClient, trpc],
  );
  useRealtimeRefetch(userChannel(userId), refresh);
  const markRead = useMutation(trpc.notifications.markRead.mutationOptions({ onSettled: refresh }));
  const markAll = useMutation(trpc.notifications.markAllRead.mutationOptions({ onSettled: refresh }));

  // Escape or a click elsewhere closes the panel; Escape gives focus back to the bell.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  const unread = count.data?.unread ?? 0;
  const items = list.data ?? [];
  const unreadIds = items.filter((n) => n.readAt === null).map((n) => n.id);

  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
        data-unread={count.data?.unread}
        onClick={() => setOpen((o) => !o)}
        className="relative inline-flex items-center rounded-lg p-1.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
      >
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
        </svg>
        {unread ? (
          <span
            data-testid="unread-count"
            className="absolute -top-0.5 -right-0.5 min-w-5 rounded-full bg-rose-700 px-1 text-center text-xs leading-5 font-semibold text-white tabular-nums"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id={panelId}
          role="region"
          aria-label="Notifications"
          className="fixed inset-x-2 top-14 z-20 max-h-[70vh] overflow-y-auto rounded-xl border border-slate-200 bg-white shadow-lg sm:absolute sm:inset-x-auto sm:top-full sm:right-0 sm:mt-2 sm:w-96"
        >
          <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-3">
            <h2 className="font-semibold text-slate-900">Notifications</h2>
            {unread > 0 || unreadIds.length ? (
              <button
                type="button"
                onClick={() => markAll.mutate()}
                disabled={markAll.isPending}
                className="rounded text-sm font-medium text-brand-800 underline focus-visible:outline-2 focus-visible:outline-brand-700"
              >
                Mark all as read
              </button>
            ) : null}
          </div>
          {list.isPending ? (
            <p className="px-4 py-6 text-sm text-slate-600">Loading…</p>
          ) : list.isError ? (
            <p role="alert" className="px-4 py-6 text-sm text-red-700">
              {list.error.message}
            </p>
          ) : items.length === 0 ? (
            <p className="px-4 py-6 text-sm text-slate-600">
              Nothing yet. We will tell you here when your order moves.
            </p>
          ) : (
            <ul aria-label="Latest notifications" className="divide-y divide-slate-100">
              {items.map((n) => {
                const orderId = typeof n.data?.orderId === "string" ? n.data.orderId : null;
                const body = (
                  <>
                    <span className="flex items-baseline justify-between gap-2">
                      <span
                        className={`text-sm ${n.readAt ? "font-medium text-slate-700" : "font-semibold text-slate-900"}`}
                      >
                        {n.readAt ? null : (
                          <span
                            aria-hidden
                            className="mr-1.5 inline-block size-2 rounded-full bg-brand-700"
                          />
                        )}
                        {n.title}
                        {n.readAt ? null : <span className="sr-only"> (unread)</span>}
                      </span>
                      <time
                        className="shrink-0 text-xs text-slate-600"
                        dateTime={new Date(n.createdAt).toISOString()}
                      >
                        {formatAgo(new Date(n.createdAt))}
                      </time>
                    </span>
                    <span className="mt-0.5 block text-sm text-slate-700">{n.body}</span>
                  </>
                );
                const read = () => {
                  if (!n.readAt) markRead.mutate({ ids: [n.id] });
                  setOpen(false);
                };
                return (
                  <li key={n.id}>
                    {orderId ? (
                      <Link
                        href={`/orders/${orderId}`}
                        onClick={read}
                        className="block px-4 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700"
                      >
                        {body}
                      </Link>
                    ) : (
                      <button
                        type="button"
                        onClick={read}
                        className="block w-full px-4 py-3 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-700"
                      >
                        {body}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
