// A courier at the door with nobody to hand the food to, or sent to an address that is not
// there, needs a person in ops — not a state change: the order stays with the courier until
// support decides (cancel, refund, call the customer). So the report is written on the order's
// timeline (its audit trail, which ops reads) and raised on the zone's live ops channel as its
// own `courier.problem` event (not a dispatch alert: the order has a courier, it needs a person).
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { TOrderStatus } from "@lastmile/db/schema";

import { conflict, notFound } from "../errors";
import type { TEventPublisher } from "../events";

export const COURIER_PROBLEMS = {
  customer_not_there: "Customer not there",
  wrong_address: "Wrong address",
  restaurant_closed: "Restaurant closed",
  order_not_ready: "Order not ready after a long wait",
  other: "Other problem",
} as const;
export type TCourierProblem = keyof typeof COURIER_PROBLEMS;

export type TReportProblemInput = {
  courierId: string;
  userId: string;
  orderId: string;
  problem: TCourierProblem;
  note?: string;
  location?: { lng: number; lat: number };
  /** When the courier reported it on the phone (an offline queue may replay it later). */
  reportedAt?: Date;
};

/** Problems make sense only while the courier still carries the order. */
const CARRYING: TOrderStatus[] = ["ACCEPTED", "PREPARING", "READY_FOR_PICKUP", "PICKED_UP"];

export async function reportCourierProblem(
  db: TDb,
  events: TEventPublisher,
  input: TReportProblemInput,
) {
  const [o] = rowsOf<{
    id: string;
    number: number;
    status: TOrderStatus;
    courier_id: string | null;
    zone_id: string | null;
    merchant_id: string;
  }>(
    await db.execute(
      sql`select id, number, status, courier_id, zone_id, merchant_id from orders where id = ${input.orderId}::uuid`,
    ),
  );
  // Someone else's order is, as far as this courier can tell, not there at all.
  if (!o || o.courier_id !== input.courierId) throw notFound("That order");
  if (!CARRYING.includes(o.status))
    throw conflict(
      `Order #${o.number} is ${o.status.toLowerCase().replace(/_/g, " ")}; there is nothing left to report on it. Contact support if you still need help.`,
      { status: o.status },
    );

  const label = COURIER_PROBLEMS[input.problem];
  const note = input.note?.trim() || null;
  const reason = note ? `${label}: ${note}` : label;
  const [row] = rowsOf<{ id: string; at: string | Date }>(
    await db.execute(sql`
      insert into order_events (order_id, from_status, to_status, actor_id, actor_role, reason, metadata)
      values (${o.id}::uuid, ${o.status}::order_status, ${o.status}::order_status, ${input.userId}::uuid, 'courier', ${reason},
              ${JSON.stringify({ kind: "courier.problem", problem: input.problem, note, location: input.location ?? null, reportedAt: input.reportedAt?.toISOString() ?? null })}::jsonb)
      returning id, at`),
  );

  // The ops desk of the order's zone hears it at once; realtime is a hint, the timeline is the record.
  if (o.zone_id) {
    try {
      await events.publish([
        {
          channel: `private-ops-${o.zone_id}`,
          name: "courier.problem",
          data: {
            orderId: o.id,
            orderNumber: Number(o.number),
            merchantId: o.merchant_id,
            courierId: input.courierId,
            problem: input.problem,
            reason: reason.slice(0, 500),
            at: new Date(row?.at ?? Date.now()).toISOString(),
          },
        },
      ]);
    } catch (error) {
      console.error(`courier problem report for order ${o.id} failed to publish:`, error);
    }
  }
  return {
    eventId: row?.id ?? "",
    orderNumber: Number(o.number),
    problem: input.problem,
    label,
    reportedAt: new Date(row?.at ?? Date.now()),
  };
}
