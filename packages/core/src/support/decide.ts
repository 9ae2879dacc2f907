// Support's decisions. A refund request is approved (a full or partial refund, through the
// state machine's refund path: the provider's refund with its idempotency key, the balanced
// ledger entries, the customer's email, the timeline event and the audit entry) or declined with
// a reason the customer is told. A courier's problem report is closed with what support did,
// optionally cancelling the order. Each is decided once: a second decision is a conflict.
import { and, desc, eq, sql } from "drizzle-orm";

import type { TDb, TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { couriers, orderEvents, orders, users } from "@lastmile/db/schema";

import { areasCoverZone } from "../areas";
import { writeAudit } from "../audit";
import { conflict, notFound } from "../errors";
import { notifyUser } from "../notify";
import type { TActor, TOrderDeps } from "../orders";
import { applyTransition } from "../orders";

/** An ops manager's reach ends at their areas; beyond them an order is, to them, not there. */
async function assertReach(db: TDb, actor: TActor, zoneId: string | null, what: string) {
  if (actor.role === "ops_manager" && !(await areasCoverZone(db, actor.areaIds, zoneId)))
    throw notFound(what);
}

const when = (at: Date) => at.toISOString().slice(0, 16).replace("T", " ") + " UTC";

export type TRefundDecision = {
  orderId: string;
  actor: TActor;
  decision: "approve" | "reject";
  reason: string;
  refundCents?: number;
};

export async function decideRefundRequest(db: TDb, deps: TOrderDeps, input: TRefundDecision) {
  const [o] = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      zoneId: orders.zoneId,
      disputedAt: orders.disputedAt,
    })
    .from(orders)
    .where(eq(orders.id, input.orderId));
  if (!o) throw notFound("That order");
  await assertReach(db, input.actor, o.zoneId, "That order");
  if (!o.disputedAt)
    throw conflict(
      `Order #${o.number} has no refund request: its customer has not reported a problem with it.`,
      { status: o.status },
    );
  if (o.status !== "DISPUTED") {
    // Who got there first, so the second person knows whom to ask.
    const [first] = await db
      .select({
        to: orderEvents.toStatus,
        role: orderEvents.actorRole,
        at: orderEvents.at,
        name: users.name,
      })
      .from(orderEvents)
      .leftJoin(users, eq(users.id, orderEvents.actorId))
      .where(and(eq(orderEvents.orderId, o.id), eq(orderEvents.fromStatus, "DISPUTED")))
      .orderBy(desc(orderEvents.at))
      .limit(1);
    const outcome = first?.to === "REFUNDED" ? "refunded" : "declined";
    throw conflict(
      `The refund request on order #${o.number} was already ${outcome}${first ? ` by ${first.name ?? first.role} at ${when(first.at)}` : ""}.`,
      { status: o.status },
    );
  }
  return input.decision === "approve"
    ? applyTransition(db, deps, {
        orderId: o.id,
        action: "refund",
        actor: input.actor,
        reason: input.reason,
        refundCents: input.refundCents,
      })
    : applyTransition(db, deps, {
        orderId: o.id,
        action: "dismissDispute",
        actor: input.actor,
        reason: input.reason,
      });
}

export type TProblemResolution = {
  eventId: string;
  actor: TActor;
  outcome: "resolved" | "cancel_order";
  note: string;
};

type TResolved = { id: string; at: Date; actor_role: string; name: string | null };

async function resolutionOf(db: TDbOrTx, orderId: string, eventId: string) {
  const [r] = rowsOf<TResolved>(
    await db.execute(sql`
      select e.id, e.at, e.actor_role, u.name from order_events e left join users u on u.id = e.actor_id
      where e.order_id = ${orderId}::uuid and e.metadata->>'kind' = 'support.problem.resolved' and e.metadata->>'resolves' = ${eventId}
      limit 1`),
  );
  return r;
}

const alreadyResolved = (number: number, r: TResolved) =>
  conflict(
    `The problem report on order #${number} was already resolved by ${r.name ?? r.actor_role} at ${when(new Date(r.at))}.`,
  );

export async function resolveProblemReport(db: TDb, deps: TOrderDeps, input: TProblemResolution) {
  const [report] = rowsOf<{ id: string; order_id: string; reason: string | null }>(
    await db.execute(
      sql`select id, order_id, reason from order_events where id = ${input.eventId}::uuid and metadata->>'kind' = 'courier.problem'`,
    ),
  );
  if (!report) throw notFound("That problem report");
  const [o] = await db
    .select({
      id: orders.id,
      number: orders.number,
      zoneId: orders.zoneId,
      courierId: orders.courierId,
    })
    .from(orders)
    .where(eq(orders.id, report.order_id));
  if (!o) throw notFound("That problem report");
  await assertReach(db, input.actor, o.zoneId, "That problem report");
  const earlier = await resolutionOf(db, o.id, report.id);
  if (earlier) throw alreadyResolved(o.number, earlier);
  // Cancelling is the state machine's move (payment voided, courier released, customer told).
  if (input.outcome === "cancel_order")
    await applyTransition(db, deps, {
      orderId: o.id,
      action: "cancel",
      actor: input.actor,
      reason: input.note,
    });

  return db.transaction(async (tx) => {
    // The order row's lock makes two resolutions of one report take turns; the second sees the first.
    const [locked] = await tx
      .select({ status: orders.status })
      .from(orders)
      .where(eq(orders.id, o.id))
      .for("update");
    const raced = await resolutionOf(tx, o.id, report.id);
    if (raced) throw alreadyResolved(o.number, raced);
    const status = locked?.status ?? "CANCELLED";
    const [event] = await tx
      .insert(orderEvents)
      .values({
        orderId: o.id,
        fromStatus: status,
        toStatus: status,
        actorId: input.actor.userId,
        actorRole: input.actor.role,
        reason: `Problem resolved: ${input.note}`,
        metadata: {
          kind: "support.problem.resolved",
          resolves: report.id,
          outcome: input.outcome,
          note: input.note,
        },
      })
      .returning({ id: orderEvents.id, at: orderEvents.at });
    await writeAudit(
      tx,
      { userId: input.actor.userId, role: input.actor.role, ip: input.actor.ip },
      {
        action: "order.problem.resolve",
        entityType: "order",
        entityId: o.id,
        before: { problem: report.reason, resolved: false },
        after: { outcome: input.outcome, note: input.note, status },
      },
    );
    // The courier who raised it hears what support did, in the app.
    const [courier] = o.courierId
      ? await tx
          .select({ userId: couriers.userId })
          .from(couriers)
          .where(eq(couriers.id, o.courierId))
      : [];
    if (courier) {
      await notifyUser(
        tx,
        { userId: courier.userId },
        {
          kind: "order.problem_resolved",
          title: `Order #${o.number}: support answered your report`,
          body:
            input.outcome === "cancel_order"
              ? `Support cancelled order #${o.number}: ${input.note}.`
              : `Support looked at your report on order #${o.number}: ${input.note}.`,
          data: { orderId: o.id },
        },
      );
    }
    return {
      orderId: o.id,
      orderNumber: o.number,
      eventId: event?.id ?? "",
      outcome: input.outcome,
      status,
    };
  });
}
