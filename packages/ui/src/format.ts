// How the portals write money, distances and times. Money arrives in minor units.

// Building an Intl formatter costs far more than using one (a board of forty orders spent 70 ms
// of its first render constructing clocks), so each locale + options pair is built once.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

/** A shared `Intl.DateTimeFormat` for these options. */
export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions) {
  const key = `date ${locale} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A shared `Intl.NumberFormat` for these options. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions) {
  const key = `number ${locale} ${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

export function formatMoney(cents: number, currency = "EUR", locale = "en-IE") {
  return numberFormat(locale, { style: "currency", currency }).format(cents / 100);
}

export function formatDistance(metres: number) {
  return metres < 1000 ? `${Math.round(metres / 10) * 10} m` : `${(metres / 1000).toFixed(1)} km`;
}

/** "19:42" on the clock of `timeZone`, the IANA zone of the area the time concerns — required, as a default would silently show one city's time everywhere. */
export function formatClock(at: Date, timeZone: string) {
  return dateFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(at);
}

/** "19:42:05": for what moves by the second, such as when a courier's position last came in. */
export function formatClockSeconds(at: Date, timeZone: string) {
  return dateFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }).format(at);
}

/** "12 s ago", "4 min ago", "3 h ago" — how fresh a position or an event is. */
export function formatAgo(at: Date, now: Date = new Date()) {
  const s = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** A delivery slot: "19:30" today, "tomorrow 19:30", else "Wed 2 Dec 19:30" — in the city's timezone. */
export function formatSlot(at: Date, timeZone: string, now: Date = new Date()) {
  const day = (d: Date) => dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const time = formatClock(at, timeZone);
  if (day(at) === day(now)) return time;
  if (day(at) === day(new Date(now.getTime() + 86_400_000))) return `tomorrow ${time}`;
  const date = dateFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone }).format(at);
  return `${date} ${time}`;
}
