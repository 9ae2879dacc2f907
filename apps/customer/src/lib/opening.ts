// "Opens today at 19:00", "Opens tomorrow at 08:00", "Opens Friday at 12:00" — in the merchant's
// time zone (its area's, the one its hours are kept in), so a customer's browser clock or a server
// in UTC cannot shift it.
import { dateFormat } from "@lastmile/ui/format";

export function describeOpening(at: Date | null, timeZone: string, now: Date = new Date()) {
  if (!at) return "Closed for now";
  const dayKey = (d: Date) => dateFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  const time = dateFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(at);
  if (dayKey(at) === dayKey(now)) return `Opens today at ${time}`;
  if (dayKey(at) === dayKey(new Date(now.getTime() + 86400_000))) return `Opens tomorrow at ${time}`;
  const day = dateFormat("en-GB", { timeZone, weekday: "long" }).format(at);
  return `Opens ${day} at ${time}`;
}
