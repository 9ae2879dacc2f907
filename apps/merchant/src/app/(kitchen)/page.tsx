import { redirect } from "next/navigation";

import { AppShell, PageTitle } from "@lastmile/ui/shell";
import { EmptyState } from "@lastmile/ui/empty-state";
import { formatMoney } from "@lastmile/ui/format";

import { getQueryClient, trpc } from "~/trpc/server";

import { BOARD_COLUMNS, columnOf } from "./_components/board-columns";
import { OrderTicket } from "./_components/order-ticket";

export const dynamic = "force-dynamic";

export default async function KitchenBoardPage() {
  const qc = getQueryClient();
  const me = await qc.fetchQuery(trpc.me.session.queryOptions());
  if (!me) redirect("/sign-in");
  const merchantId = me.merchantIds[0];
  if (!merchantId) {
    return (
      <AppShell portal="merchant">
        <EmptyState title="You are not part of a restaurant's team yet">
          Ask the owner to invite you.
        </EmptyState>
      </AppShell>
    );
  }
  const board = await qc.fetchQuery(trpc.merchant.todayBoard.queryOptions({ merchantId }));
  const revenue = board.orders
    .filter((o) => o.status === "DELIVERED")
    .reduce((s, o) => s + o.totalCents, 0);
  return (
    <AppShell
      portal="merchant"
      aside={<span className="font-medium text-slate-900">{board.merchant?.name}</span>}
    >
      <PageTitle
        title="Today's orders"
        subtitle={`${board.orders.length} orders today · ${formatMoney(revenue)} delivered`}
      />
      <div className="grid gap-4 md:grid-cols-3 xl:grid-cols-5">
        {BOARD_COLUMNS.map((col) => {
          const orders = board.orders.filter((o) => columnOf(o.status) === col.key);
          return (
            <section
              key={col.key}
              aria-labelledby={`col-${col.key}`}
              className="rounded-xl bg-slate-100 p-3"
            >
              <h2
                id={`col-${col.key}`}
                className="mb-3 flex items-center justify-between text-sm font-semibold tracking-wide text-slate-700 uppercase"
              >
                {col.label}
                <span className="rounded-full bg-white px-2 py-0.5 text-xs text-slate-700 tabular-nums">
                  {orders.length}
                </span>
              </h2>
              <ul className="space-y-2">
                {orders.slice(0, 12).map((o) => (
                  <li key={o.id}>
                    <OrderTicket order={o} />
                  </li>
                ))}
                {orders.length > 12 ? (
                  <li className="text-center text-sm text-slate-600">
                    + {orders.length - 12} more
                  </li>
                ) : null}
              </ul>
            </section>
          );
        })}
      </div>
    </AppShell>
  );
}
