"use client";
// A clock for countdowns that follows the server's time: the tablet's own clock may be minutes
// off, and "auto-cancels in 0:40" must be true for the server. One shared timer ticks once a
// second; each card asks for the resolution it shows, and re-renders only when that value changes
// (a countdown every second, "12 min left" every 15 s) — not the whole board every second.
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onTick: () => void) {
  listeners.add(onTick);
  timer ??= setInterval(() => {
    for (const l of listeners) l();
  }, 1000);
  return () => {
    listeners.delete(onTick);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** How far the server's clock is ahead of this tablet's, from a response stamped with its time. */
export const clockSkew = (serverAt: Date | undefined, receivedAt: number) =>
  serverAt ? serverAt.getTime() - receivedAt : 0;

/**
 * The server's time now, floored to `resolutionMs`. `stampedAt` (the server's time when it read
 * the data on screen) is what the server renders and what hydration renders again, so the two
 * agree to the character; the live clock takes over right after. Reading the clock there instead
 * made "accept within 5:29" on the server "5:27" in the browser: React threw the server's HTML
 * away and drew the whole board again.
 */
export function useServerNow(skewMs: number, stampedAt: number, resolutionMs = 1000) {
  const floor = (t: number) => Math.floor(t / resolutionMs) * resolutionMs;
  return useSyncExternalStore(
    subscribe,
    () => floor(Date.now() + skewMs),
    () => floor(stampedAt),
  );
}
