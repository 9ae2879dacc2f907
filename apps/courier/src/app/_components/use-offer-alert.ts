"use client";
// The offer alert: a short two-note chime made on the spot with Web Audio (no sound file to
// cache) and a buzz, when an offer card appears — a courier on a bike does not watch the screen.
// Browsers let a page make sound only after the person has touched it, so the audio context is
// created on a gesture (going on duty, or any tap before that) and kept. Muting is remembered on
// the phone.
import { useCallback, useEffect, useRef, useState } from "react";

const MUTE_KEY = "lastmile-courier:offer-sound-muted";

/** How the last offer was announced, for the screen (and the tests) to tell. */
export type TAlerted = "sound" | "muted" | "silent-until-tap";

type TWindowWithWebkitAudio = Window & { webkitAudioContext?: typeof AudioContext };

function readMuted() {
  try {
    return window.localStorage.getItem(MUTE_KEY) === "1";
  } catch {
    return false; // storage blocked (private mode): default to sound on
  }
}

export function useOfferAlert() {
  const [muted, setMutedState] = useState(false);
  const audio = useRef<AudioContext | null>(null);
  useEffect(() => {
    // Read after mount: the server render has no localStorage.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setMutedState(readMuted());
  }, []);

  /** Creates (or wakes) the audio context; call from a click or tap handler. */
  const prime = useCallback(() => {
    const Ctor = window.AudioContext ?? (window as TWindowWithWebkitAudio).webkitAudioContext;
    if (!Ctor) return;
    audio.current ??= new Ctor();
    if (audio.current.state === "suspended") void audio.current.resume().catch(() => undefined);
  }, []);

  // Any first tap unlocks sound too (a courier who reopens the app mid-shift never presses
  // "Go on duty" again).
  useEffect(() => {
    const unlock = () => prime();
    window.addEventListener("pointerdown", unlock, { once: true });
    return () => window.removeEventListener("pointerdown", unlock);
  }, [prime]);

  const setMuted = useCallback(
    (next: boolean) => {
      setMutedState(next);
      try {
        window.localStorage.setItem(MUTE_KEY, next ? "1" : "0");
      } catch {
        /* not remembered, but still muted for this visit */
      }
      if (!next) prime(); // the toggle is itself a gesture
    },
    [prime],
  );

  /** Announces an offer; says how, since a phone that was never touched stays silent. */
  const announce = useCallback((): TAlerted => {
    // Muted means no sound; the buzz stays (it disturbs nobody else).
    if (typeof navigator.vibrate === "function") navigator.vibrate([180, 90, 180]);
    if (muted) return "muted";
    const ctx = audio.current;
    if (!ctx || ctx.state !== "running") return "silent-until-tap";
    const t = ctx.currentTime;
    // Two rising notes (A5, E6), each with a quick attack and decay so it does not click.
    for (const [i, hz] of [880, 1318.5].entries()) {
      const start = t + i * 0.18;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.35, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.16);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.17);
    }
    return "sound";
  }, [muted]);

  return { muted, setMuted, prime, announce };
}
