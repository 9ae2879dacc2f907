// The living demo city: bots that use the platform exactly as people do, through the real
// router with the sessions a sign-in would give them. Couriers ride the streets reporting their
// position, take most offers, collect and deliver; restaurants accept and cook; customers order.
// Everything happens in `tick(now)`, so a test can drive the city one step at a time.
import { sql } from "drizzle-orm";

import { appRouter, createCaller, createTRPCContext } from "@lastmile/api";
import type { TSession } from "@lastmile/api";
import type { TEventPublisher } from "@lastmile/core/events";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

import type { TCast, TCastCourier, TCastCustomer, TCastMerchant } from "./cast";
import type { TLngLat, TRoute } from "./path";
import { haversineM, pathVia, positionAlong, routeOf, SIM_SPEED_MPS } from "./path";
import { createRandom } from "./random";
import type { TRandom } from "./random";

export type TSimOptions = {
  ordersPerMin: number;
  /** Share of offers a bot courier takes. */
  acceptRate: number;
  /** Orders nobody has taken after this long get a bot courier by hand, as ops would do. */
  assignAfterS: number;
  seed: number;
  /** Where published events go (the realtime publisher by default, as in the portals). */
  events?: TEventPublisher;
  log?: (line: string) => void;
};

type TCaller = ReturnType<typeof createCaller>;

type TJob = { orderId: string; number: number; pickup: TLngLat; dropoff: TLngLat | null; pickedUp: boolean; announced?: "pickup" | "dropoff" };
type TCourierBot = TCastCourier & {
  caller: TCaller;
  at: TLngLat;
  route: TRoute | null;
  travelledM: number;
  headingDeg: number;
  lastReport: number;
  job: TJob | null;
  onDuty: boolean;
};
type TMerchantBot = TCastMerchant & { caller: TCaller; readyAt: Map<string, number>; seenAt: Map<string, number> };
type TCustomerBot = TCastCustomer & { caller: TCaller };

export type TTickSummary = { reported: number; pointsAccepted: number; ordersPlaced: number; moved: string[] };

const hhmmss = (t: number) => new Date(t).toISOString().slice(11, 19);

export function createSimulation(db: TDb, cast: TCast, options: TSimOptions) {
  const rnd: TRandom = createRandom(options.seed);
  const log = (now: number, line: string) => (options.log ?? console.log)(`[sim ${hhmmss(now)}] ${line}`);
  const callerFor = (session: TSession) => createCaller(createTRPCContext({ headers: new Headers(), session, source: "http", db, ...(options.events ? { events: options.events } : {}) }));
  const hasOffers = "courier.offers" in appRouter._def.procedures;
  // The offers procedures arrive with dispatch; until then the bots' ops desk assigns by hand.
  const offersApi = (c: TCaller) =>
    (c as unknown as { courier: { offers: () => Promise<{ offerId: string; orderId: string; orderNumber: number; pickup: TLngLat & { name: string }; dropoff: TLngLat; distanceM: number }[]>; acceptOffer: (i: { offerId: string }) => Promise<{ orderId: string; orderNumber: number }>; declineOffer: (i: { offerId: string; reason?: string }) => Promise<unknown> } }).courier;

  const streets: TLngLat[][] = [];
  const couriers: TCourierBot[] = [];
  const merchants: TMerchantBot[] = cast.merchants.map((m) => ({ ...m, caller: callerFor(m.session), readyAt: new Map(), seenAt: new Map() }));
  const merchantById = new Map(merchants.map((m) => [m.merchantId, m]));
  const customers: TCustomerBot[] = cast.customers.map((c) => ({ ...c, caller: callerFor(c.session) }));
  const ops = cast.ops ? callerFor(cast.ops) : null;
  /** Orders the bots placed: who ordered (for the PIN at the door) and when the kitchen took them. */
  const placed = new Map<string, { customer: TCustomerBot; acceptedAt: number | null }>();
  let ordersDue = 0;
  let lastTick = 0;

  const startPoint = (c: TCastCourier): TLngLat => {
    if (c.at) return c.at;
    const street = rnd.pick(streets.length ? streets : [[{ lng: -9.1394, lat: 38.7139 }]]);
    return rnd.pick(street);
  };

  /** Somewhere else on the map to ride to while waiting for work: a street point within ~2 km. */
  function wander(bot: TCourierBot) {
    const near = streets.flat().filter((p) => haversineM(bot.at, p) < 2000 && haversineM(bot.at, p) > 200);
    const to = near.length ? rnd.pick(near) : bot.at;
    bot.route = routeOf(pathVia(bot.at, to, streets));
    bot.travelledM = 0;
  }
  function rideTo(bot: TCourierBot, to: TLngLat) {
    bot.route = routeOf(pathVia(bot.at, to, streets));
    bot.travelledM = 0;
  }

  /** Moves the phone to `now` and reports the fixes taken on the way, one a second. */
  async function move(bot: TCourierBot, now: number, summary: TTickSummary) {
    const speed = SIM_SPEED_MPS[bot.vehicle];
    const positions: { lng: number; lat: number; recordedAt: Date; headingDeg: number; speedMps: number; accuracyM: number }[] = [];
    let arrived = false;
    for (let t = bot.lastReport + 1000; t <= now; t += 1000) {
      let moving = false;
      if (bot.route) {
        const before = bot.travelledM;
        bot.travelledM = Math.min(bot.route.lengthM, bot.travelledM + speed);
        const p = positionAlong(bot.route, bot.travelledM);
        bot.at = p.at;
        bot.headingDeg = p.headingDeg;
        moving = bot.travelledM > before;
        if (p.arrived) arrived = true;
      }
      positions.push({ ...bot.at, recordedAt: new Date(t), headingDeg: Math.round(bot.headingDeg) % 360, speedMps: moving ? speed : 0, accuracyM: 5 + Math.round(rnd.next() * 7) });
    }
    if (positions.length === 0) return arrived;
    // A phone that fell behind (a long pause) sends only its most recent minute.
    const batch = positions.slice(-60);
    bot.lastReport = (batch[batch.length - 1] as { recordedAt: Date }).recordedAt.getTime();
    const r = await bot.caller.courier.reportLocations({ positions: batch });
    summary.reported++;
    summary.pointsAccepted += r.accepted;
    if (r.moved) summary.moved.push(bot.courierId);
    if (r.rejected.length) log(now, `${bot.name}'s phone: ${r.rejected.length} fix(es) refused (${r.rejected[0]?.reason})`);
    return arrived;
  }

  async function courierTurn(bot: TCourierBot, now: number, summary: TTickSummary) {
    const arrived = await move(bot, now, summary);
    const job = bot.job;
    if (!job) {
      if (hasOffers) {
        const offers = await offersApi(bot.caller).offers();
        const offer = offers[0];
        if (offer) {
          if (rnd.next() < options.acceptRate) {
            try {
              const taken = await offersApi(bot.caller).acceptOffer({ offerId: offer.offerId });
              bot.job = { orderId: taken.orderId, number: taken.orderNumber, pickup: { lng: offer.pickup.lng, lat: offer.pickup.lat }, dropoff: { lng: offer.dropoff.lng, lat: offer.dropoff.lat }, pickedUp: false };
              rideTo(bot, bot.job.pickup);
              log(now, `courier ${bot.name} (${bot.vehicle}) took order #${taken.orderNumber} at ${offer.pickup.name}, ${(offer.distanceM / 1000).toFixed(1)} km in all`);
              return;
            } catch (error) {
              log(now, `courier ${bot.name} missed an offer: ${(error as Error).message}`);
            }
          } else {
            await offersApi(bot.caller).declineOffer({ offerId: offer.offerId, reason: "Simulated courier: declined" });
            log(now, `courier ${bot.name} declined order #${offer.orderNumber}`);
          }
        }
      }
      if (arrived || !bot.route) wander(bot);
      return;
    }
    if (!arrived) return;
    if (!job.pickedUp) {
      const o = await bot.caller.orders.get({ orderId: job.orderId });
      if (o.status === "CANCELLED") {
        log(now, `courier ${bot.name}: order #${job.number} was cancelled`);
        bot.job = null;
        return;
      }
      // "I'm here", once, as a courier presses it: the kitchen board and the customer see it.
      if (job.announced !== "pickup") {
        job.announced = "pickup";
        await bot.caller.courier.arrivedAtPickup({ orderId: job.orderId, location: bot.at }).catch((e: unknown) => log(now, `courier ${bot.name}: arrival at the restaurant refused: ${(e as Error).message}`));
      }
      if (o.status !== "READY_FOR_PICKUP") return; // waiting at the counter
      await bot.caller.courier.pickUp({ orderId: job.orderId, location: bot.at });
      job.pickedUp = true;
      job.dropoff = job.dropoff ?? (await dropoffOf(job.orderId));
      rideTo(bot, job.dropoff);
      log(now, `courier ${bot.name} picked up order #${job.number}, riding ${(bot.route?.lengthM ?? 0) < 1000 ? `${Math.round(bot.route?.lengthM ?? 0)} m` : `${((bot.route?.lengthM ?? 0) / 1000).toFixed(1)} km`} to the customer`);
      return;
    }
    if (job.announced !== "dropoff") {
      job.announced = "dropoff";
      await bot.caller.courier.arrivedAtDropoff({ orderId: job.orderId, location: bot.at }).catch((e: unknown) => log(now, `courier ${bot.name}: arrival at the door refused: ${(e as Error).message}`));
    }
    await bot.caller.courier.deliver({ orderId: job.orderId, pin: await pinOf(job.orderId), location: bot.at });
    log(now, `courier ${bot.name} delivered order #${job.number}`);
    placed.delete(job.orderId);
    bot.job = null;
    wander(bot);
  }

  /** A courier may already carry an order (seeded in flight, or left from the last run): carry on with it. */
  async function resumeJob(bot: TCourierBot) {
    const [o] = rowsOf<{ id: string; number: number; status: string; m_lng: number; m_lat: number; d_lng: number; d_lat: number }>(
      await db.execute(sql`
        select o.id, o.number, o.status, ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat,
               ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat
        from orders o join merchants m on m.id = o.merchant_id
        where o.courier_id = ${bot.courierId}::uuid and o.status in ('PENDING', 'ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP', 'PICKED_UP')
        order by o.picked_up_at nulls last, o.placed_at limit 1`),
    );
    if (!o) return;
    const pickedUp = o.status === "PICKED_UP";
    const dropoff = { lng: Number(o.d_lng), lat: Number(o.d_lat) };
    bot.job = { orderId: o.id, number: Number(o.number), pickup: { lng: Number(o.m_lng), lat: Number(o.m_lat) }, dropoff, pickedUp };
    rideTo(bot, pickedUp ? dropoff : bot.job.pickup);
  }

  async function dropoffOf(orderId: string): Promise<TLngLat> {
    const [row] = rowsOf<{ lng: number; lat: number }>(await db.execute(sql`select ST_X(dropoff_location::geometry) as lng, ST_Y(dropoff_location::geometry) as lat from orders where id = ${orderId}::uuid`));
    if (!row) throw new Error(`simulate: order ${orderId} has no drop-off`);
    return { lng: Number(row.lng), lat: Number(row.lat) };
  }

  /**
   * The customer says the PIN at the door: a bot customer reads it from their own order over the
   * API; for a real person's order the bot courier is told it from the database, standing in for
   * that conversation.
   */
  async function pinOf(orderId: string): Promise<string> {
    const mine = placed.get(orderId);
    if (mine) {
      const o = await mine.customer.caller.orders.get({ orderId });
      if (o.deliveryPin) return o.deliveryPin;
    }
    const [row] = rowsOf<{ pin: string }>(await db.execute(sql`select delivery_pin as pin from orders where id = ${orderId}::uuid`));
    return row?.pin ?? "0000";
  }

  async function kitchenTurn(m: TMerchantBot, now: number) {
    const board = await m.caller.merchant.todayBoard({ merchantId: m.merchantId });
    for (const o of board.orders) {
      if (o.status === "PENDING") {
        // Somebody reads the ticket within half a minute.
        const seen = m.seenAt.get(o.id) ?? now;
        m.seenAt.set(o.id, seen);
        if (now - seen < 5_000 + rnd.next() * 25_000) continue;
        await m.caller.merchant.accept({ merchantId: m.merchantId, orderId: o.id });
        await m.caller.merchant.startPreparing({ merchantId: m.merchantId, orderId: o.id });
        // Ready within the stated prep time: between half of it and all of it.
        m.readyAt.set(o.id, now + m.prepTimeMin * 60_000 * (0.5 + rnd.next() * 0.5));
        const mine = placed.get(o.id);
        if (mine) mine.acceptedAt = now;
        m.seenAt.delete(o.id);
        log(now, `${m.name} accepted order #${o.number}, ready in about ${Math.round(((m.readyAt.get(o.id) ?? now) - now) / 60_000)} min`);
      } else if (o.status === "ACCEPTED") {
        await m.caller.merchant.startPreparing({ merchantId: m.merchantId, orderId: o.id });
      } else if (o.status === "PREPARING" && !m.readyAt.has(o.id)) {
        // Cooking since before this run: somewhere within the rest of the prep time.
        m.readyAt.set(o.id, now + m.prepTimeMin * 60_000 * rnd.next() * 0.5);
      } else if (o.status === "PREPARING" && (m.readyAt.get(o.id) ?? 0) <= now) {
        await m.caller.merchant.markReady({ merchantId: m.merchantId, orderId: o.id });
        m.readyAt.delete(o.id);
        log(now, `${m.name}: order #${o.number} is ready for pick-up`);
      }
    }
  }

  /** Without dispatch (or when it found nobody), the bots' ops desk gives a waiting order to the nearest free bot. */
  async function opsTurn(now: number) {
    if (!ops) return;
    for (const [orderId, p] of placed) {
      if (p.acceptedAt === null || now - p.acceptedAt < (hasOffers ? options.assignAfterS * 1000 : 0)) continue;
      if (couriers.some((c) => c.job?.orderId === orderId)) continue;
      const [o] = rowsOf<{ courier_id: string | null; status: string; merchant_id: string; number: number }>(
        await db.execute(sql`select courier_id, status, merchant_id, number from orders where id = ${orderId}::uuid`),
      );
      if (!o || o.courier_id || !["ACCEPTED", "PREPARING", "READY_FOR_PICKUP"].includes(o.status)) continue;
      const m = merchantById.get(o.merchant_id);
      // The free bot who gets there first, if anyone can within a quarter of an hour.
      const etaS = (c: TCourierBot) => (haversineM(c.at, m?.at ?? c.at) * 1.35) / SIM_SPEED_MPS[c.vehicle];
      const free = couriers.filter((c) => c.onDuty && !c.job && etaS(c) <= 15 * 60);
      if (!m || free.length === 0) continue;
      const nearest = free.reduce((a, b) => (etaS(a) <= etaS(b) ? a : b));
      try {
        await ops.admin.assignCourier({ orderId, courierId: nearest.courierId });
      } catch (error) {
        log(now, `ops could not give order #${o.number} to ${nearest.name}: ${(error as Error).message}`);
        continue;
      }
      nearest.job = { orderId, number: Number(o.number), pickup: m.at, dropoff: null, pickedUp: false };
      rideTo(nearest, m.at);
      log(now, `ops gave order #${o.number} to courier ${nearest.name} (${nearest.vehicle}), ${Math.round(haversineM(nearest.at, m.at))} m from ${m.name}`);
    }
  }

  async function placeOrder(now: number) {
    const customer = rnd.pick(customers);
    const address = rnd.pick(customer.addresses);
    const near = await customer.caller.catalog.merchantsDeliveringTo({ ...address.at, includeClosed: false, limit: 100 });
    const choices = near.items.filter((m) => merchantById.has(m.id) && m.openNow && m.availability !== "paused");
    if (choices.length === 0) {
      log(now, `${customer.name} found no bot restaurant open that delivers to them`);
      return false;
    }
    const card = rnd.pick(choices);
    const menu = await customer.caller.catalog.menu({ slug: card.slug });
    const items = menu.categories.flatMap((c) => c.items).filter((i) => i.available && (i.stockCount === null || i.stockCount > 2));
    if (items.length === 0) return false;
    // A realistic basket: one to three dishes, now and then two of one, with their required options.
    const basket = rnd.sample(items, 1 + Math.floor(rnd.next() * Math.min(3, items.length)));
    for (const [i, item] of basket.entries()) {
      const modifierIds = item.modifierGroups.flatMap((g) => {
        const open = g.modifiers.filter((x) => x.available);
        const n = Math.min(open.length, g.maxChoices, g.minChoices + (rnd.next() < 0.3 ? 1 : 0));
        return rnd.sample(open, n).map((x) => x.id);
      });
      await customer.caller.cart.add({ itemId: item.id, modifierIds, quantity: rnd.next() < 0.2 ? 2 : 1, replaceCart: i === 0 });
    }
    const quote = await customer.caller.checkout.quote({ dropoff: { addressId: address.id }, tipCents: rnd.pick([0, 0, 100, 150, 200]) });
    const order = await customer.caller.checkout.placeOrder({
      quoteId: quote.quoteId,
      idempotencyKey: `sim-${now}-${Math.floor(rnd.next() * 1e9)}`,
      payment: { kind: "card", number: "4242 4242 4242 4242", expMonth: 12, expYear: new Date(now).getUTCFullYear() + 3, cvc: "123" },
    });
    // The bots' card never asks its bank to confirm; a challenge here is a bug to hear about.
    if (order.outcome !== "placed") throw new Error(`checkout asked for the bank's confirmation (${order.outcome})`);
    placed.set(order.orderId, { customer, acceptedAt: null });
    log(now, `${customer.name} ordered #${order.number} from ${card.name}: ${quote.itemCount} item(s), €${(order.totalCents / 100).toFixed(2)}`);
    return true;
  }

  /** One turn for an actor; a failure is logged and the city carries on. */
  async function guarded(now: number, who: string, turn: () => Promise<unknown>) {
    try {
      await turn();
    } catch (error) {
      log(now, `${who}: ${(error as Error).message}`);
    }
  }

  return {
    /** Loads the streets and puts the bot couriers on duty where they last were. */
    async start(now: number, streetLines: TLngLat[][]) {
      streets.push(...streetLines);
      lastTick = now;
      for (const c of cast.couriers) {
        const bot: TCourierBot = { ...c, caller: callerFor(c.session), at: startPoint(c), route: null, travelledM: 0, headingDeg: 0, lastReport: now - 1000, job: null, onDuty: false };
        await guarded(now, `courier ${c.name}`, async () => {
          await bot.caller.courier.setDuty({ onDuty: true });
          bot.onDuty = true;
          couriers.push(bot);
          await resumeJob(bot);
          if (bot.job) log(now, `courier ${bot.name} resumes order #${bot.job.number}`);
          else wander(bot);
        });
      }
      log(now, `${couriers.length} couriers on duty, ${merchants.length} restaurants run by bots, ${customers.length} customers ordering ~${options.ordersPerMin}/min`);
    },

    async tick(now: number): Promise<TTickSummary> {
      const summary: TTickSummary = { reported: 0, pointsAccepted: 0, ordersPlaced: 0, moved: [] };
      ordersDue += (options.ordersPerMin * Math.max(0, now - lastTick)) / 60_000;
      lastTick = now;
      while (ordersDue >= 1 && customers.length > 0) {
        ordersDue -= 1;
        await guarded(now, "customer", async () => {
          if (await placeOrder(now)) summary.ordersPlaced++;
        });
      }
      for (const m of merchants) await guarded(now, m.name, () => kitchenTurn(m, now));
      await guarded(now, "ops", () => opsTurn(now));
      for (const c of couriers) await guarded(now, `courier ${c.name}`, () => courierTurn(c, now, summary));
      return summary;
    },

    /** Off duty, those who can (a courier mid-delivery stays on it, as a person would). */
    async stop(now: number) {
      let off = 0;
      for (const c of couriers) {
        if (c.job) continue;
        await guarded(now, `courier ${c.name}`, async () => {
          await c.caller.courier.setDuty({ onDuty: false });
          off++;
        });
      }
      log(now, `${off} couriers off duty; ${couriers.length - off} still carrying an order`);
    },

    couriers: () => couriers.map((c) => ({ courierId: c.courierId, at: c.at, job: c.job })),
  };
}

export type TSimulation = ReturnType<typeof createSimulation>;
