// At most one message per interval per key (a channel name), decided on the caller's clock.
//
// The limit holds per process: each API instance keeps its own map, so N instances behind a
// load balancer may together send up to N messages per second on a channel. That is the
// trade we take — a shared limiter (Redis, or a row per channel) would add a round trip to
// every location report to save a few duplicate hints, and realtime is only a hint: clients
// refetch the truth over tRPC. Dropped messages are superseded by the next report a few seconds
// later, which is why this drops rather than queues.
export type TThrottle = {
  /** True, and the key's window restarts, when a message may go out now. */
  allow: (key: string, nowMs: number) => boolean;
  /** Whether `allow` would say yes, without using the window. */
  due: (key: string, nowMs: number) => boolean;
  readonly size: number;
};

export function createThrottle(intervalMs = 1000, maxKeys = 50_000): TThrottle {
  const last = new Map<string, number>();
  const due = (key: string, nowMs: number) => {
    const prev = last.get(key);
    // A clock that went backwards (a test, or NTP) must not silence a channel for long.
    return prev === undefined || nowMs - prev >= intervalMs || nowMs < prev;
  };
  return {
    due,
    allow(key, nowMs) {
      if (!due(key, nowMs)) return false;
      last.set(key, nowMs);
      if (last.size > maxKeys) {
        // Channels of delivered orders and quiet zones: anything past its window can go.
        for (const [k, t] of last) if (nowMs - t >= intervalMs) last.delete(k);
      }
      return true;
    },
    get size() {
      return last.size;
    },
  };
}

/** The API process's throttle for courier positions. */
export const locationThrottle = createThrottle(1000);
