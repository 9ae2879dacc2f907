"use client";
// What the phone itself tells us: the clock (ticking, for countdowns and "N s ago"), whether
// there is a connection, where the phone is, and a screen that stays awake during a delivery.
import { useEffect, useRef, useState } from "react";

/** The current time, refreshed every `everyMs` (rendering must not read the clock itself). */
export function useNow(everyMs = 1000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** navigator.onLine, following the browser's online/offline events. */
export function useOnline() {
  const [online, setOnline] = useState(true);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    update();
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

export type TFix = {
  lng: number;
  lat: number;
  accuracyM: number;
  headingDeg: number | null;
  speedMps: number | null;
  at: number;
};
export type TGpsState = "off" | "waiting" | "ok" | "denied" | "unavailable" | "unsupported";

/** Accuracy worse than this (metres) is too vague to confirm a pick-up or a hand-over. */
export const POOR_ACCURACY_M = 50;

/**
 * watchPosition while `enabled` (on duty) and never otherwise: every new fix goes to `onFix`
 * (the reporter batches them) and the latest is returned for the screen.
 */
export function useGps(enabled: boolean, onFix: (fix: TFix) => void) {
  const [state, setState] = useState<TGpsState>("off");
  const [fix, setFix] = useState<TFix | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const onFixRef = useRef(onFix);
  useEffect(() => {
    onFixRef.current = onFix;
  });

  useEffect(() => {
    if (!enabled) return;
    if (!("geolocation" in navigator)) {
      queueMicrotask(() => setState("unsupported"));
      return;
    }
    // A fresh watch starts by waiting for its first fix.
    queueMicrotask(() => setState("waiting"));
    const id = navigator.geolocation.watchPosition(
      (p) => {
        const next: TFix = {
          lng: p.coords.longitude,
          lat: p.coords.latitude,
          accuracyM: Math.round(p.coords.accuracy),
          headingDeg:
            p.coords.heading !== null && Number.isFinite(p.coords.heading) && p.coords.heading < 360
              ? p.coords.heading
              : null,
          speedMps:
            p.coords.speed !== null && Number.isFinite(p.coords.speed)
              ? Math.min(p.coords.speed, 80)
              : null,
          at: p.timestamp || Date.now(),
        };
        setFix(next);
        setState("ok");
        setMessage(null);
        onFixRef.current(next);
      },
      (e) => {
        setState(e.code === e.PERMISSION_DENIED ? "denied" : "unavailable");
        setMessage(e.message || null);
      },
      { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [enabled]);

  return { state: enabled ? state : "off", fix: enabled ? fix : null, message };
}

/**
 * Keeps the screen on while `active` (a delivery in progress), taking the lock again when the
 * page comes back to the foreground — browsers drop it whenever the page is hidden.
 */
export function useWakeLock(active: boolean) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (!active || !("wakeLock" in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let stopped = false;
    const take = async () => {
      if (document.visibilityState !== "visible" || stopped) return;
      try {
        lock = await navigator.wakeLock.request("screen");
        setHeld(true);
        lock.addEventListener("release", () => setHeld(false));
      } catch {
        // Refused (battery saver, no user gesture yet): the delivery works, the screen may dim.
        setHeld(false);
      }
    };
    void take();
    const onVisible = () => void take();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", onVisible);
      void lock?.release();
    };
  }, [active]);
  return active && held;
}
