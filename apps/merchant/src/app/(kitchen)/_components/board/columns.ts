// The kitchen board's columns and which order states fall in each.
import type { RouterOutputs } from "@lastmile/api";

export type TBoard = RouterOutputs["merchant"]["board"];
export type TBoardOrder = TBoard["orders"][number];
type TStatus = TBoardOrder["status"];

export const BOARD_COLUMNS = [
  { key: "scheduled", label: "Scheduled", empty: "No orders for later" },
  { key: "new", label: "New", empty: "No new orders" },
  { key: "preparing", label: "Preparing", empty: "Nothing on the stove" },
  { key: "ready", label: "Ready", empty: "Nothing waiting on the pass" },
  { key: "with-courier", label: "With courier", empty: "No orders on the road" },
  { key: "done", label: "Done", empty: "Nothing finished yet today" },
] as const;

export type TColumnKey = (typeof BOARD_COLUMNS)[number]["key"];

/** A scheduled order waits under "Scheduled" until it is released to the kitchen, then it is new. */
export function columnOf(status: TStatus, awaitingRelease = false): TColumnKey {
  switch (status) {
    case "PENDING":
      return awaitingRelease ? "scheduled" : "new";
    case "ACCEPTED":
    case "PREPARING":
      return "preparing";
    case "READY_FOR_PICKUP":
      return "ready";
    case "PICKED_UP":
      return "with-courier";
    default:
      return "done";
  }
}

export const STATUS_LABEL: Record<TStatus, string> = {
  PENDING: "New",
  ACCEPTED: "Accepted",
  PREPARING: "Preparing",
  READY_FOR_PICKUP: "Ready for pick-up",
  PICKED_UP: "With courier",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
  DISPUTED: "Disputed",
};

/** Under this many seconds left, a waiting order is flagged as about to cancel itself. */
export const URGENT_S = 3 * 60;

/** "4:07" for a countdown. */
export function formatCountdown(seconds: number) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** "3 min" for a duration of whole minutes, at least 1. */
export const formatMinutes = (seconds: number) => `${Math.max(1, Math.round(seconds / 60))} min`;
