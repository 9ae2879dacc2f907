"use client";
// A clock for countdowns that ticks once a second and follows the server's time: the tablet's own
// clock may be minutes off, and "auto-cancels in 0:40" must be true for the server.
import { useEffect, useState } from "react";

export function useServerNow(serverAt: Date | undefined, receivedAt: number) {
  const skew = serverAt ? serverAt.getTime() - receivedAt : 0;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now + skew;
}
