// Order statuses as staff read them, with a badge tone: live ones informative, the ends of the
// road calm (delivered) or attention-worthy (cancelled, refunded, disputed).
import type { RouterOutputs } from "@lastmile/api";

export type TOrderStatus = RouterOutputs["admin"]["order"]["status"];

export const STATUS_LABEL: Record<TOrderStatus, string> = {
  PENDING: "Pending",
  ACCEPTED: "Accepted",
  PREPARING: "Preparing",
  READY_FOR_PICKUP: "Ready for pick-up",
  PICKED_UP: "Picked up",
  DELIVERED: "Delivered",
  CANCELLED: "Cancelled",
  REFUNDED: "Refunded",
  DISPUTED: "Disputed",
};

/** Every status, in the order of the labels above (the record's type makes sure none is missing). */
export const ORDER_STATUSES = Object.keys(STATUS_LABEL) as TOrderStatus[];

export const STATUS_TONE: Record<TOrderStatus, "neutral" | "brand" | "warn" | "danger" | "info"> = {
  PENDING: "info",
  ACCEPTED: "info",
  PREPARING: "info",
  READY_FOR_PICKUP: "info",
  PICKED_UP: "info",
  DELIVERED: "brand",
  CANCELLED: "neutral",
  REFUNDED: "warn",
  DISPUTED: "danger",
};

/** Times on the city's clock, to the second: a timeline's steps are often seconds apart. */
export const when = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "medium",
  timeZone: "Europe/Lisbon",
});
