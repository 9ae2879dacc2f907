// Thirty days of order history with lunch and dinner peaks, full state timelines, payments,
// a balanced ledger, tips and ratings — plus a handful of orders in flight right now.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "../client";
import { rowsOf } from "../client";
import {
  ledgerEntries,
  orderEvents,
  orderItems,
  orders,
  payments,
  refunds,
  reviews,
} from "../schema";
import type { TOrderItemModifier, TOrderStatus, TQuoteLine, TVehicle } from "../schema";
import type { TMerchantSeed } from "./catalog-step";
import { DEFAULT_GEO, DEFAULT_PRICING, demoFees } from "./config-defaults";
import { isOpenAt } from "./hours";
import { insertBatched } from "./insert";
import { localParts, zonedInstant } from "./local-time";
import type { TPeople } from "./people-step";
import type { TPlaces } from "./places";
import type { TRandom } from "./random";

export const HISTORY_DAYS = 30;
/** Orders on an average weekday; Fridays and weekends are busier. */
const ORDERS_PER_DAY = 190;

/** Share of the day's orders placed in each local hour: a lunch peak and a bigger dinner one. */
const HOURLY_WEIGHTS: (readonly [number, number])[] = [
  [0, 2],
  [1, 1],
  [8, 2],
  [9, 2],
  [10, 2],
  [11, 4],
  [12, 12],
  [13, 14],
  [14, 7],
  [15, 3],
  [16, 3],
  [17, 4],
  [18, 7],
  [19, 13],
  [20, 16],
  [21, 12],
  [22, 6],
  [23, 3],
];
const DAY_FACTOR = [1, 0.85, 0.9, 0.95, 1.0, 1.3, 1.35, 1.2]; // by ISO weekday, index 0 unused

type TPair = {
  addressId: string;
  customerId: string;
  merchantId: string;
  distanceM: number;
  line: string;
};
/** An order row before insert: its drop-off point is copied from the saved address by SQL. */
type TOrderRow = Omit<typeof orders.$inferInsert, "dropoffLocation"> & { addressId: string };

const CANCEL_REASONS = {
  customer: ["Ordered by mistake", "Changed my mind", "Wrong address"],
  merchant: ["Kitchen too busy", "Item out of stock", "Closing early"],
  support: ["No courier available", "Customer unreachable", "Suspected fraud"],
};
/** What a customer reported on a disputed order, as the order page's form words it. */
const DISPUTE_REASONS = ["Items were missing: no drink in the bag", "Wrong items", "It arrived very late", "The food was damaged or cold"];
// Picked from the order's id rather than the seed's random stream, so adding it moved nothing else.
const disputeReason = (orderId: string) => DISPUTE_REASONS[parseInt(orderId.slice(-2), 16) % DISPUTE_REASONS.length] ?? "Wrong items";

const REVIEW_TEXTS = [
  "Arrived hot and quickly, thank you!",
  "Delicious as always.",
  "Portion could be bigger.",
  "Great value for money.",
  "Courier was very friendly.",
  "Packaging was excellent.",
  "A bit late but worth the wait.",
  "Missing the sauce I asked for.",
  "Best in the neighbourhood.",
  null,
] as const;

export async function seedOrders(
  db: TDbOrTx,
  rnd: TRandom,
  now: Date,
  places: TPlaces,
  people: TPeople,
  merchantSeeds: TMerchantSeed[],
) {
  // Which saved addresses each merchant really delivers to, measured by PostGIS.
  const pairs = rowsOf<{
    address_id: string;
    user_id: string;
    merchant_id: string;
    distance_m: number | string;
    line1: string;
  }>(
    await db.execute(sql`
      select a.id as address_id, a.user_id, m.id as merchant_id, a.line1,
             round(ST_Distance(a.location, m.location))::int as distance_m
      from customer_addresses a
      join merchants m on m.status = 'verified'
        and ST_DWithin(a.location, m.location, m.delivery_radius_m)
      order by a.id, m.id`),
  ).map<TPair>((r) => ({
    addressId: r.address_id,
    customerId: r.user_id,
    merchantId: r.merchant_id,
    distanceM: Number(r.distance_m),
    line: r.line1,
  }));
  const byMerchant = new Map(merchantSeeds.map((m) => [m.id, m]));
  const customerWeight = new Map(people.customers.map((c, i) => [c.id, i === 0 ? 6 : 1 + (i % 5)]));
  const weightedPairs = pairs.map((p) => [p, customerWeight.get(p.customerId) ?? 1] as const);
  const couriersByZone = new Map<string, { id: string; userId: string; vehicle: TVehicle }[]>();
  for (const c of people.couriers.filter((x) => x.approved)) {
    const zoneId = places.zoneIds.get(c.zoneKey) as string;
    couriersByZone.set(zoneId, [...(couriersByZone.get(zoneId) ?? []), c]);
  }

  const orderRows: TOrderRow[] = [];
  const itemRows: (typeof orderItems.$inferInsert)[] = [];
  const eventRows: (typeof orderEvents.$inferInsert)[] = [];
  const paymentRows: (typeof payments.$inferInsert)[] = [];
  const refundRows: (typeof refunds.$inferInsert)[] = [];
  const ledgerRows: (typeof ledgerEntries.$inferInsert)[] = [];
  const reviewRows: (typeof reviews.$inferInsert)[] = [];
  const busyCouriers = new Set<string>();

  const build = (placedAt: Date, pair: TPair, target: TOrderStatus | "history") => {
    const merchant = byMerchant.get(pair.merchantId) as TMerchantSeed;
    const id = rnd.uuid();
    // Items: one to four lines, modifiers chosen within each group's min/max.
    const lines = Array.from(
      {
        length: rnd.weighted([
          [1, 4],
          [2, 5],
          [3, 3],
          [4, 1],
        ] as const),
      },
      () => {
        const item = rnd.pick(merchant.items);
        const chosen: TOrderItemModifier[] = [];
        for (const g of item.groups) {
          const n = Math.min(
            g.modifiers.length,
            g.min + (g.max > g.min && rnd.chance(0.4) ? rnd.int(0, g.max - g.min) : 0),
          );
          for (const m of rnd.sample(g.modifiers, n))
            chosen.push({ groupName: g.name, name: m.name, priceDeltaCents: m.priceDeltaCents });
        }
        const unit = Math.max(
          0,
          item.priceCents + chosen.reduce((s, m) => s + m.priceDeltaCents, 0),
        );
        const quantity = rnd.weighted([
          [1, 8],
          [2, 3],
          [3, 1],
        ] as const);
        return { item, chosen, unit, quantity, total: unit * quantity };
      },
    );
    const subtotalCents = lines.reduce((s, l) => s + l.total, 0);
    const fees = demoFees(
      DEFAULT_PRICING,
      subtotalCents,
      pair.distanceM,
      places.zoneMultiplierBp.get(merchant.zoneId) ?? 10000,
    );
    const tipCents = rnd.chance(0.45)
      ? rnd.pick([50, 100, 150, 200, 300, Math.round(subtotalCents * 0.1)])
      : 0;
    const discountCents = rnd.chance(0.06) ? Math.min(subtotalCents, 300) : 0;
    const totalCents =
      subtotalCents +
      fees.deliveryFeeCents +
      fees.serviceFeeCents +
      fees.smallOrderFeeCents +
      fees.taxCents +
      tipCents -
      discountCents;
    const quote: TQuoteLine[] = [
      { code: "subtotal", label: "Items", amountCents: subtotalCents },
      { code: "delivery_fee", label: "Delivery", amountCents: fees.deliveryFeeCents },
      { code: "service_fee", label: "Service fee", amountCents: fees.serviceFeeCents },
      ...(fees.smallOrderFeeCents
        ? [
            {
              code: "small_order_fee",
              label: "Small order fee",
              amountCents: fees.smallOrderFeeCents,
            },
          ]
        : []),
      { code: "tax", label: "VAT on fees", amountCents: fees.taxCents },
      ...(tipCents ? [{ code: "tip", label: "Courier tip", amountCents: tipCents }] : []),
      ...(discountCents
        ? [{ code: "discount", label: "Promotion", amountCents: -discountCents }]
        : []),
    ];

    // Where this order's story ends.
    const outcome: TOrderStatus =
      target !== "history"
        ? target
        : rnd.weighted([
            ["DELIVERED", 900],
            ["CANCELLED", 70],
            ["REFUNDED", 20],
            ["DISPUTED", 10],
          ] as const);
    const cancelAt: TOrderStatus | null =
      outcome === "CANCELLED"
        ? rnd.weighted([
            ["PENDING", 5],
            ["ACCEPTED", 2],
            ["READY_FOR_PICKUP", 1],
          ] as const)
        : null;
    const courierPool = couriersByZone.get(merchant.zoneId) ?? [];
    // The demo courier starts the day off duty with empty hands: someone signing in as them
    // (or a browser test) takes their first offer, not somebody else's delivery.
    const freeCouriers = courierPool.filter((c) => !busyCouriers.has(c.id) && c.id !== people.demoCourierId);
    const courier =
      target === "history"
        ? rnd.pick(courierPool)
        : freeCouriers.length
          ? rnd.pick(freeCouriers)
          : undefined;
    const speed = courier ? DEFAULT_GEO.speedMps[courier.vehicle] : 5;
    const prepTimeMin = merchant.template.prepTimeMin + rnd.int(-3, 8);

    const path: TOrderStatus[] = [
      "PENDING",
      "ACCEPTED",
      "PREPARING",
      "READY_FOR_PICKUP",
      "PICKED_UP",
      "DELIVERED",
    ];
    const stopAt =
      cancelAt ?? (["CANCELLED", "REFUNDED", "DISPUTED"].includes(outcome) ? "DELIVERED" : outcome);
    const reached = path.slice(0, path.indexOf(stopAt) + 1);
    const gaps: Record<TOrderStatus, number> = {
      PENDING: 0,
      ACCEPTED: rnd.int(30, 240),
      PREPARING: rnd.int(10, 90),
      READY_FOR_PICKUP: Math.max(4, prepTimeMin) * 60,
      PICKED_UP: rnd.int(60, 420),
      DELIVERED: Math.round((pair.distanceM * DEFAULT_GEO.detourFactor) / speed) + rnd.int(60, 300),
      CANCELLED: rnd.int(30, 400),
      REFUNDED: rnd.int(1800, 86400),
      DISPUTED: rnd.int(1800, 86400),
    };
    const at = new Map<TOrderStatus, Date>();
    let t = placedAt.getTime();
    for (const s of reached) {
      t += gaps[s] * 1000;
      at.set(s, new Date(t));
    }
    const afterwards =
      outcome === "CANCELLED" || outcome === "REFUNDED" || outcome === "DISPUTED" ? outcome : null;
    if (afterwards) {
      t += gaps[afterwards] * 1000;
      at.set(afterwards, new Date(t));
    }
    const needsCourier =
      reached.includes("PICKED_UP") ||
      (target !== "history" && target === "READY_FOR_PICKUP" && rnd.chance(0.5));
    const assigned = needsCourier && courier ? courier : undefined;
    if (target !== "history" && assigned && outcome !== "DELIVERED") busyCouriers.add(assigned.id);

    const pin = String(rnd.int(0, 9999)).padStart(4, "0");
    const cancellationBy = cancelAt
      ? cancelAt === "PENDING"
        ? "customer"
        : cancelAt === "ACCEPTED"
          ? "merchant"
          : "support"
      : null;
    orderRows.push({
      id,
      customerId: pair.customerId,
      merchantId: merchant.id,
      courierId: assigned?.id ?? null,
      zoneId: merchant.zoneId,
      status: outcome,
      currency: places.currency,
      subtotalCents,
      deliveryFeeCents: fees.deliveryFeeCents,
      serviceFeeCents: fees.serviceFeeCents,
      smallOrderFeeCents: fees.smallOrderFeeCents,
      taxCents: fees.taxCents,
      tipCents,
      discountCents,
      totalCents,
      quote,
      pricingVersion: 1,
      distanceM: pair.distanceM,
      addressId: pair.addressId,
      dropoffAddress: pair.line,
      deliveryPin: pin,
      idempotencyKey: `seed-${id}`,
      courierFeeCents: assigned ? fees.courierFeeCents : 0,
      version: reached.length + (afterwards ? 1 : 0),
      prepTimeMin,
      placedAt,
      acceptedAt: at.get("ACCEPTED") ?? null,
      preparingAt: at.get("PREPARING") ?? null,
      readyAt: at.get("READY_FOR_PICKUP") ?? null,
      pickedUpAt: at.get("PICKED_UP") ?? null,
      deliveredAt: at.get("DELIVERED") ?? null,
      cancelledAt: at.get("CANCELLED") ?? null,
      refundedAt: at.get("REFUNDED") ?? null,
      disputedAt: at.get("DISPUTED") ?? null,
      cancellationReason: cancellationBy ? rnd.pick(CANCEL_REASONS[cancellationBy]) : null,
      createdAt: placedAt,
      updatedAt: new Date(t),
    });
    for (const l of lines) {
      itemRows.push({
        id: rnd.uuid(),
        orderId: id,
        menuItemId: l.item.id,
        name: l.item.name,
        unitPriceCents: l.unit,
        quantity: l.quantity,
        modifiers: l.chosen,
        lineTotalCents: l.total,
      });
    }
    const actorFor = (s: TOrderStatus) =>
      s === "PENDING" || s === "DISPUTED"
        ? { actorId: pair.customerId, actorRole: "customer" }
        : s === "PICKED_UP" || s === "DELIVERED"
          ? { actorId: assigned?.userId ?? null, actorRole: "courier" }
          : s === "REFUNDED"
            ? { actorId: people.staff.get("support") ?? null, actorRole: "support" }
            : s === "CANCELLED"
              ? cancellationBy === "customer"
                ? { actorId: pair.customerId, actorRole: "customer" }
                : cancellationBy === "merchant"
                  ? { actorId: merchant.ownerId, actorRole: "merchant_owner" }
                  : { actorId: people.staff.get("support") ?? null, actorRole: "support" }
              : { actorId: merchant.ownerId, actorRole: "merchant_owner" };
    let from: TOrderStatus | null = null;
    for (const s of [...reached, ...(afterwards ? [afterwards] : [])]) {
      eventRows.push({
        id: rnd.uuid(),
        orderId: id,
        fromStatus: from,
        toStatus: s,
        ...actorFor(s),
        reason: s === "CANCELLED" ? (orderRows.at(-1)?.cancellationReason ?? null) : s === "DISPUTED" ? disputeReason(id) : null,
        at: at.get(s) ?? placedAt,
      });
      from = s;
    }

    // Money: authorised at placement, captured on delivery, voided on cancellation.
    const paymentId = rnd.uuid();
    const delivered = reached.includes("DELIVERED");
    const refunded =
      outcome === "REFUNDED"
        ? rnd.chance(0.5)
          ? totalCents
          : Math.max(1, Math.round(subtotalCents / 3))
        : 0;
    paymentRows.push({
      id: paymentId,
      orderId: id,
      provider: "local",
      providerRef: `local_pi_${id.slice(0, 8)}`,
      status:
        outcome === "CANCELLED"
          ? "voided"
          : !delivered
            ? "authorized"
            : refunded
              ? refunded === totalCents
                ? "refunded"
                : "partially_refunded"
              : "captured",
      currency: places.currency,
      amountAuthorizedCents: totalCents,
      amountCapturedCents: delivered ? totalCents : 0,
      amountRefundedCents: refunded,
      authorizationExpiresAt: new Date(placedAt.getTime() + 7 * 86400000),
      createdAt: placedAt,
    });
    if (delivered && assigned) {
      const tx = rnd.uuid();
      const commission = Math.round((subtotalCents * merchant.commissionBp) / 10000);
      const merchantShare = subtotalCents - commission;
      const courierShare = fees.courierFeeCents + tipCents;
      const platform = totalCents - merchantShare - courierShare - fees.taxCents;
      const when = at.get("DELIVERED") ?? placedAt;
      const entry = (
        account: (typeof ledgerEntries.$inferInsert)["account"],
        ownerId: string | null,
        amountCents: number,
        description: string,
      ) => {
        if (amountCents !== 0)
          ledgerRows.push({
            id: rnd.uuid(),
            transactionId: tx,
            orderId: id,
            account,
            ownerId,
            amountCents,
            currency: places.currency,
            description,
            createdAt: when,
          });
      };
      entry("customer_payments", pair.customerId, totalCents, "Payment captured");
      entry("merchant_payable", merchant.id, -merchantShare, "Merchant share after commission");
      entry("courier_payable", assigned.id, -courierShare, "Courier fee and tip");
      entry("tax_payable", null, -fees.taxCents, "VAT on fees");
      entry("platform_revenue", null, -platform, "Platform fees and commission");
      if (refunded) {
        const rtx = rnd.uuid();
        const rAt = at.get("REFUNDED") ?? when;
        refundRows.push({
          id: rnd.uuid(),
          paymentId,
          orderId: id,
          amountCents: refunded,
          reason: rnd.pick(["Missing items", "Order arrived cold", "Wrong order"]),
          status: "succeeded",
          createdBy: people.staff.get("support") ?? null,
          createdAt: rAt,
        });
        ledgerRows.push(
          {
            id: rnd.uuid(),
            transactionId: rtx,
            orderId: id,
            account: "refunds",
            ownerId: pair.customerId,
            amountCents: refunded,
            currency: places.currency,
            description: "Refund to customer",
            createdAt: rAt,
          },
          {
            id: rnd.uuid(),
            transactionId: rtx,
            orderId: id,
            account: "customer_payments",
            ownerId: pair.customerId,
            amountCents: -refunded,
            currency: places.currency,
            description: "Refund paid out",
            createdAt: rAt,
          },
        );
      }
      const reviewAt = new Date(
        (at.get("DELIVERED") ?? placedAt).getTime() + rnd.int(600, 7200) * 1000,
      );
      if (reviewAt < now && rnd.chance(0.45)) {
        reviewRows.push({
          id: rnd.uuid(),
          orderId: id,
          authorId: pair.customerId,
          target: "merchant",
          merchantId: merchant.id,
          rating: rnd.weighted([
            [5, 50],
            [4, 30],
            [3, 10],
            [2, 5],
            [1, 5],
          ] as const),
          comment: rnd.pick(REVIEW_TEXTS),
          createdAt: reviewAt,
        });
      }
      if (reviewAt < now && rnd.chance(0.35)) {
        reviewRows.push({
          id: rnd.uuid(),
          orderId: id,
          authorId: pair.customerId,
          target: "courier",
          courierId: assigned.id,
          rating: rnd.weighted([
            [5, 60],
            [4, 25],
            [3, 8],
            [2, 4],
            [1, 3],
          ] as const),
          comment: null,
          createdAt: reviewAt,
        });
      }
    }
  };

  // History: each day's orders spread over the hours, at merchants open at that moment.
  const today = localParts(now, places.timezone);
  for (let back = HISTORY_DAYS; back >= 0; back--) {
    const dayStart = zonedInstant(
      { year: today.year, month: today.month, day: today.day - back, hour: 0, minute: 0 },
      places.timezone,
    );
    const day = localParts(new Date(dayStart.getTime() + 12 * 3600000), places.timezone);
    const count = Math.round(
      ORDERS_PER_DAY * (DAY_FACTOR[day.weekday] ?? 1) * (0.9 + rnd.next() * 0.2),
    );
    for (let i = 0; i < count; i++) {
      const hour = rnd.weighted(HOURLY_WEIGHTS);
      const minute = rnd.int(0, 59);
      const placedAt = zonedInstant(
        { year: day.year, month: day.month, day: day.day, hour, minute },
        places.timezone,
      );
      // Anything that would still be in flight now belongs to the live set below.
      if (placedAt.getTime() > now.getTime() - 3 * 3600000) continue;
      const local = localParts(placedAt, places.timezone);
      for (let attempt = 0; attempt < 6; attempt++) {
        const pair = rnd.weighted(weightedPairs);
        const m = byMerchant.get(pair.merchantId);
        if (
          m &&
          m.items.length &&
          isOpenAt(m.hours, local.weekday, local.hour * 60 + local.minute)
        ) {
          build(placedAt, pair, "history");
          break;
        }
      }
    }
  }

  // Right now: orders in every live state, most at the demo merchant's neighbours.
  const live: TOrderStatus[] = [
    "PENDING",
    "PENDING",
    "ACCEPTED",
    "PREPARING",
    "PREPARING",
    "READY_FOR_PICKUP",
    "PICKED_UP",
    "PICKED_UP",
    "DELIVERED",
  ];
  const demoMerchant = merchantSeeds[0] as TMerchantSeed;
  const demoPairs = pairs.filter((p) => p.merchantId === demoMerchant.id);
  for (let i = 0; i < 24; i++) {
    const pair = i < 10 && demoPairs.length ? rnd.pick(demoPairs) : rnd.pick(pairs);
    const status = live[i % live.length] as TOrderStatus;
    const minutesAgo =
      status === "PENDING"
        ? rnd.int(1, 4)
        : status === "DELIVERED"
          ? rnd.int(70, 150)
          : rnd.int(8, 40);
    const placedAt = new Date(now.getTime() - minutesAgo * 60000);
    build(placedAt, pair, status);
  }
  // Live orders' timestamps must not run past now: clamp what the plan put in the future.
  for (const o of orderRows) {
    for (const k of [
      "acceptedAt",
      "preparingAt",
      "readyAt",
      "pickedUpAt",
      "deliveredAt",
    ] as const) {
      const v = o[k];
      if (v instanceof Date && v > now)
        o[k] = new Date(Math.min(v.getTime(), now.getTime() - 1000));
    }
  }
  for (const e of eventRows)
    if (e.at instanceof Date && e.at > now) e.at = new Date(now.getTime() - 1000);

  await insertOrders(db, orderRows);
  await insertBatched(db, orderItems, itemRows);
  await insertBatched(db, orderEvents, eventRows);
  await insertBatched(db, payments, paymentRows);
  await insertBatched(db, refunds, refundRows);
  await insertBatched(db, ledgerEntries, ledgerRows, 1000);
  await insertBatched(db, reviews, reviewRows);

  // Derived figures, computed in the database from what was just written.
  await db.execute(sql`
    update merchants m set rating_sum = r.s, rating_count = r.n
    from (select merchant_id, sum(rating)::int s, count(*)::int n from reviews where target = 'merchant' group by merchant_id) r
    where r.merchant_id = m.id`);
  await db.execute(sql`
    update couriers c set rating_sum = r.s, rating_count = r.n
    from (select courier_id, sum(rating)::int s, count(*)::int n from reviews where target = 'courier' group by courier_id) r
    where r.courier_id = c.id`);
  await db.execute(sql`
    update couriers c set deliveries_completed = d.n, offers_accepted = d.n + d.live,
      offers_received = d.n + d.live + (d.n / 6)
    from (select courier_id, count(*) filter (where delivered_at is not null)::int n,
                 count(*) filter (where status in ('READY_FOR_PICKUP', 'PICKED_UP'))::int live
          from orders where courier_id is not null group by courier_id) d
    where d.courier_id = c.id`);
  // Couriers carrying a live order are busy, standing at the merchant or on the way.
  await db.execute(sql`
    update couriers c set status = 'busy', active_orders = 1, last_seen_at = ${now.toISOString()}::timestamptz,
      current_location = m.location
    from orders o join merchants m on m.id = o.merchant_id
    where o.courier_id = c.id and o.status in ('READY_FOR_PICKUP', 'PICKED_UP')`);
  return {
    orders: orderRows.length,
    events: eventRows.length,
    ledger: ledgerRows.length,
    reviews: reviewRows.length,
  };
}

async function insertOrders(db: TDbOrTx, rows: TOrderRow[]) {
  for (let i = 0; i < rows.length; i += 400) {
    await db.insert(orders).values(
      rows.slice(i, i + 400).map(({ addressId, ...o }) => ({
        ...o,
        // Drop-off points come from the saved address, copied inside PostGIS.
        dropoffLocation:
          sql`(select location from customer_addresses where id = ${addressId})` as never,
      })),
    );
  }
}
