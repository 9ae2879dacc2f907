"use client";
// The new-order alarm: a two-tone chime from the Web Audio API, repeated while an order nobody
// has looked at waits. Browsers only allow sound after a tap, so the sound is switched on with a
// visible button (remembered on this tablet) and the audio context is resumed on the next tap
// after a reload.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";

const PREF_KEY = "lastmile.kitchen.sound";
const REPEAT_MS = 8000;
const PREF_EVENT = "lastmile:kitchen-sound";

// The choice lives in localStorage (read after hydration, so server and client first agree on
// "off"); writing it fires an event so every subscriber re-reads it.
const subscribePref = (onChange: () => void) => {
  window.addEventListener(PREF_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(PREF_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
};
const readPref = () => window.localStorage.getItem(PREF_KEY) === "on";
const writePref = (on: boolean) => {
  window.localStorage.setItem(PREF_KEY, on ? "on" : "off");
  window.dispatchEvent(new Event(PREF_EVENT));
};

function chime(ctx: AudioContext) {
  const start = ctx.currentTime + 0.01;
  for (const [i, freq] of [880, 660, 880].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "triangle";
    osc.frequency.value = freq;
    const t = start + i * 0.22;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.5, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.2);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + 0.21);
  }
}

export function useOrderAlarm(unacknowledged: number) {
  const ctxRef = useRef<AudioContext | null>(null);
  const soundOn = useSyncExternalStore(subscribePref, readPref, () => false);
  const [blocked, setBlocked] = useState(false);
  const [rings, setRings] = useState(0);

  const context = useCallback(() => {
    ctxRef.current ??= new AudioContext();
    return ctxRef.current;
  }, []);

  const ring = useCallback(() => {
    const ctx = ctxRef.current;
    if (!ctx || ctx.state !== "running") {
      setBlocked(true);
      return;
    }
    chime(ctx);
    setRings((n) => n + 1);
  }, []);

  // Remembered choice: on after a reload, waiting for the first tap to be allowed to play.
  useEffect(() => {
    if (!soundOn) return;
    const unlock = () => {
      void context()
        .resume()
        .then(() => setBlocked(false));
    };
    window.addEventListener("pointerdown", unlock, { once: true });
    window.addEventListener("keydown", unlock, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlock);
      window.removeEventListener("keydown", unlock);
    };
  }, [context, soundOn]);

  const toggle = useCallback(() => {
    if (soundOn) {
      writePref(false);
      return;
    }
    // This tap is the gesture the browser needs: create/resume the context and chime once so the
    // kitchen hears what a new order will sound like.
    const ctx = context();
    void ctx.resume().then(() => {
      setBlocked(false);
      chime(ctx);
    });
    writePref(true);
  }, [context, soundOn]);

  // Ring at once when another order starts waiting, then every few seconds while any waits.
  const before = useRef(unacknowledged);
  useEffect(() => {
    if (soundOn && unacknowledged > before.current) ring();
    before.current = unacknowledged;
  }, [soundOn, unacknowledged, ring]);
  const waiting = unacknowledged > 0;
  useEffect(() => {
    if (!soundOn || !waiting) return;
    const id = setInterval(ring, REPEAT_MS);
    return () => clearInterval(id);
  }, [soundOn, waiting, ring]);

  return { soundOn, blocked: soundOn && blocked, toggle, rings };
}
