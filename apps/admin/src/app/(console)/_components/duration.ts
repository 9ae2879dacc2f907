/** "38 s", "12 min", "1 h 05 min" — how long something took. */
export function formatDuration(seconds: number | null) {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min`;
}

export const formatPercent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)} %`);
