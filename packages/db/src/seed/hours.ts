// Opening-hour patterns for the demo merchants, in local time. A slot that closes before it
// opens runs past midnight.
export type THoursPattern =
  "lunch-dinner" | "all-day" | "late-night" | "breakfast-lunch" | "dinner-only";
export type TSlot = { opensAt: string; closesAt: string };

const PATTERNS: Record<THoursPattern, TSlot[]> = {
  "lunch-dinner": [
    { opensAt: "12:00", closesAt: "15:00" },
    { opensAt: "19:00", closesAt: "23:00" },
  ],
  "all-day": [{ opensAt: "10:00", closesAt: "23:30" }],
  "late-night": [{ opensAt: "18:00", closesAt: "02:00" }],
  "breakfast-lunch": [{ opensAt: "08:00", closesAt: "16:00" }],
  "dinner-only": [{ opensAt: "18:30", closesAt: "23:30" }],
};

/** Weekly slots: every pattern closes one weekday (Monday for most, Sunday for cafés). */
export function weeklyHours(pattern: THoursPattern): { weekday: number; slot: TSlot }[] {
  const closedOn = pattern === "breakfast-lunch" ? 7 : pattern === "all-day" ? 0 : 1;
  const out: { weekday: number; slot: TSlot }[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    if (weekday === closedOn) continue;
    for (const slot of PATTERNS[pattern]) out.push({ weekday, slot });
  }
  return out;
}

const minutes = (hhmm: string) => {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Is a merchant with these weekly slots open at this local weekday and minute of the day? */
export function isOpenAt(
  slots: { weekday: number; slot: TSlot }[],
  weekday: number,
  minuteOfDay: number,
) {
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return slots.some(({ weekday: d, slot }) => {
    const open = minutes(slot.opensAt);
    const close = minutes(slot.closesAt);
    if (close > open) return d === weekday && minuteOfDay >= open && minuteOfDay < close;
    // Past midnight: the evening part today, or the early-morning tail of yesterday's slot.
    return (d === weekday && minuteOfDay >= open) || (d === yesterday && minuteOfDay < close);
  });
}
