// Order statuses as staff read them, with a badge tone: live ones informative, the ends of the
// road calm (delivered) or attention-worthy (cancelled, refunded, disputed).
import type { RouterOutputs } from "@lastmile/api";

import { formatDateTimeSeconds } from "~/lib/time";

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

/**
 * An order's times on its city's clock (`timezone`, its area's, from admin.order / admin.orders),
 * to the second: a timeline's steps are often seconds apart.
 */
export const orderTime = (at: Date, timezone: string | null) => formatDateTimeSeconds(at, timezone);
