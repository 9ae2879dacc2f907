"use client";
// The route line for the leg in hand: by street from Mapbox Directions when the app has a token
// (asked again only when the leg changes or the courier strays 150 m from where it was asked,
// so a ride costs a handful of requests), else the straight line.
import { useEffect, useRef, useState } from "react";

import type { TPoint } from "~/lib/geo";
import { metresBetween } from "~/lib/geo";
import type { TRoute } from "~/lib/route";
import { fetchRoute, straightRoute } from "~/lib/route";

const ASK_AGAIN_AFTER_M = 150;

export function useRoute(
  from: TPoint | null,
  to: TPoint,
  mode: "walking" | "bicycling" | "driving",
  token: string | undefined,
): TRoute | null {
  const [asked, setAsked] = useState<{ key: string; origin: TPoint; route: TRoute } | null>(null);
  const key = `${to.lng},${to.lat},${mode}`;
  const needs =
    !!token &&
    from !== null &&
    (asked === null || asked.key !== key || metresBetween(asked.origin, from) > ASK_AGAIN_AFTER_M);
  const fromRef = useRef(from);
  useEffect(() => {
    fromRef.current = from;
  });
  useEffect(() => {
    const origin = fromRef.current;
    if (!needs || !origin) return;
    const ctl = new AbortController();
    void fetchRoute(origin, to, mode, token, ctl.signal).then((route) => {
      if (!ctl.signal.aborted) setAsked({ key, origin, route });
    });
    return () => ctl.abort();
    // `to` is in `key`; the origin is read when asking, not on every fix.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needs, key, mode, token]);
  if (!from) return null;
  if (asked?.key === key && asked.route.kind === "streets") return asked.route;
  return straightRoute(from, to);
}
