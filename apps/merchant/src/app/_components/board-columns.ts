// The kitchen board's columns and which order states fall in each.
import type { RouterOutputs } from "@lastmile/api";

export type TKitchenOrder = RouterOutputs["merchant"]["todayBoard"]["orders"][number];
type TStatus = TKitchenOrder["status"];

export const BOARD_COLUMNS = [
  { key: "new", label: "New" },
  { key: "preparing", label: "Preparing" },
  { key: "ready", label: "Ready" },
  { key: "with-courier", label: "With courier" },
  { key: "done", label: "Done" },
] as const;

export type TColumnKey = (typeof BOARD_COLUMNS)[number]["key"];

export function columnOf(status: TStatus): TColumnKey {
  switch (status) {
    case "PENDING":
      return "new";
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
