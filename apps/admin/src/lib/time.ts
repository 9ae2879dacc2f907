// How the console writes dates and times, through the cached formatters of @lastmile/ui/format.
import { dateFormat } from "@lastmile/ui/format";

/**
 * The console's own clock, for platform-wide lists that belong to no one area (audit log, email
 * outbox, payouts, pricing versions, people): the console is run from one operations centre, in
 * Lisbon, so those times are read on the clock on its wall. An order's times are on its area's
 * clock instead: pass its `timezone` (null, for an order without a zone, falls back to this one).
 */
export const CONSOLE_TIMEZONE = "Europe/Lisbon";

type TZone = string | null | undefined;

/** "3 Sept 2026, 19:42:05": to the second, for timelines and the audit log, whose steps are often seconds apart. */
export const formatDateTimeSeconds = (at: Date, timeZone?: TZone) =>
  dateFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: timeZone ?? CONSOLE_TIMEZONE,
  }).format(at);

/** "3 Sept 2026, 19:42". */
export const formatDateTime = (at: Date, timeZone?: TZone) =>
  dateFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: timeZone ?? CONSOLE_TIMEZONE,
  }).format(at);

/** "3 Sept 2026". */
export const formatDate = (at: Date, timeZone?: TZone) =>
  dateFormat("en-GB", { dateStyle: "medium", timeZone: timeZone ?? CONSOLE_TIMEZONE }).format(at);
