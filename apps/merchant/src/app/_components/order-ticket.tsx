import { Badge } from "@lastmile/ui/badge";
import { formatClock, formatMoney } from "@lastmile/ui/format";

import type { TKitchenOrder } from "./board-columns";

const STATUS_TONE: Partial<Record<TKitchenOrder["status"], "brand" | "warn" | "danger" | "info">> =
  {
    PENDING: "warn",
    DELIVERED: "brand",
    CANCELLED: "danger",
    REFUNDED: "danger",
    DISPUTED: "danger",
    PICKED_UP: "info",
  };

export function OrderTicket({ order }: { order: TKitchenOrder }) {
  return (
    <article className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
      <div className="flex items-center justify-between">
        <span className="text-base font-semibold tabular-nums">#{order.number}</span>
        <time
          className="text-sm tabular-nums text-slate-600"
          dateTime={order.placedAt.toISOString()}
        >
          {formatClock(order.placedAt)}
        </time>
      </div>
      <div className="mt-1 flex items-center justify-between text-sm">
        <span className="text-slate-700">{order.customerFirstName}</span>
        <span className="tabular-nums text-slate-900">
          {formatMoney(order.totalCents, order.currency)}
        </span>
      </div>
      <div className="mt-2">
        <Badge tone={STATUS_TONE[order.status] ?? "neutral"}>
          {order.status.replaceAll("_", " ").toLowerCase()}
        </Badge>
      </div>
    </article>
  );
}
