"use client";
// Everything about one order, laid out as the kitchen ticket it prints as: items with their
// options and notes, allergens in bold, the customer's note, and the times that matter.
import { formatClock, formatMoney, formatSlot } from "@lastmile/ui/format";

import type { TBoardOrder } from "./columns";
import { STATUS_LABEL } from "./columns";

export function OrderDetail({
  order,
  restaurant,
  timezone,
}: {
  order: TBoardOrder;
  restaurant: string;
  timezone: string;
}) {
  const allergens = [...new Set(order.items.flatMap((i) => i.allergens))];
  return (
    <div className="kitchen-ticket space-y-4">
      <div className="hidden print:block">
        <p className="text-sm">{restaurant}</p>
        <p className="text-3xl font-bold">#{order.number}</p>
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-base sm:grid-cols-3">
        <div>
          <dt className="text-sm text-slate-600">Customer</dt>
          <dd className="font-semibold">{order.customerFirstName}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Placed</dt>
          <dd className="tabular-nums">{formatClock(order.placedAt, timezone)}</dd>
        </div>
        <div>
          <dt className="text-sm text-slate-600">Status</dt>
          <dd>{STATUS_LABEL[order.status]}</dd>
        </div>
        {order.scheduledFor ? (
          <div>
            <dt className="text-sm text-slate-600">Deliver at</dt>
            <dd className="font-semibold tabular-nums" data-testid="ticket-slot">
              {formatSlot(order.scheduledFor, timezone)}
            </dd>
          </div>
        ) : null}
        {order.acceptedAt && order.prepTimeMin ? (
          <div>
            <dt className="text-sm text-slate-600">Ready by</dt>
            <dd className="tabular-nums">
              {formatClock(
                new Date(order.acceptedAt.getTime() + order.prepTimeMin * 60_000),
                timezone,
              )}{" "}
              ({order.prepTimeMin} min)
            </dd>
          </div>
        ) : null}
        {order.courier ? (
          <div>
            <dt className="text-sm text-slate-600">Courier</dt>
            <dd>{order.courier.firstName}</dd>
          </div>
        ) : null}
      </dl>

      {allergens.length ? (
        <p className="rounded-lg border-2 border-amber-500 bg-amber-50 px-3 py-2 text-base font-bold text-amber-950 print:border-black print:bg-white print:text-black">
          Allergens: {allergens.join(", ")}
        </p>
      ) : null}

      <table className="w-full text-base">
        <caption className="sr-only">Items</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Quantity</th>
            <th scope="col">Item</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 print:divide-black">
          {order.items.map((i, n) => (
            <tr key={n} className="align-top">
              <td className="w-12 py-2 pr-2 text-xl font-bold tabular-nums">{i.quantity}×</td>
              <td className="py-2">
                <p className="text-xl font-semibold">{i.name}</p>
                {i.modifiers.length ? (
                  <ul className="mt-0.5 text-slate-700 print:text-black">
                    {i.modifiers.map((m, k) => (
                      <li key={k}>
                        <span className="text-slate-500 print:text-black">{m.groupName}:</span>{" "}
                        {m.name}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {i.notes ? (
                  <p className="mt-1 rounded bg-sky-50 px-2 py-1 font-medium text-sky-950 print:bg-white print:text-black">
                    Note: {i.notes}
                  </p>
                ) : null}
                {i.allergens.length ? (
                  <p className="mt-1 text-sm font-semibold text-amber-900 print:text-black">
                    Contains {i.allergens.join(", ")}
                  </p>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {order.instructions ? (
        <div className="rounded-lg bg-sky-50 px-3 py-2 print:border print:border-black print:bg-white">
          <p className="text-sm font-medium text-sky-900 print:text-black">Customer&apos;s note</p>
          <p className="text-base text-sky-950 print:text-black">{order.instructions}</p>
        </div>
      ) : null}

      {order.cancellationReason ? (
        <p className="text-base text-rose-800">Cancelled: {order.cancellationReason}</p>
      ) : null}

      <p className="flex justify-between border-t border-slate-200 pt-2 text-base print:border-black">
        <span>Items total</span>
        <span className="font-semibold tabular-nums">
          {formatMoney(order.subtotalCents, order.currency)}
        </span>
      </p>
    </div>
  );
}
