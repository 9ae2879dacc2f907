// The courier PWA on a phone (Pixel 7): going on duty shares the emulated GPS position with the
// server; an offer made by dispatch arrives live and is accepted; pick-up is refused outside the
// restaurant's geofence and accepted inside it ("arrived" first, which the kitchen's board and the
// customer's tracking page show live); a wrong PIN costs an attempt, the right one
// delivers; actions taken offline are queued and replayed, and a cancellation by support in the
// meantime comes back as a plainly shown conflict; the app is installable and opens offline.
// Orders are placed and dispatched through @lastmile/core, the way the API tests seed them.
import { expect, test } from "@playwright/test";
import type { BrowserContext, Page } from "@playwright/test";
import { sql } from "drizzle-orm";

import { addToCart } from "@lastmile/core/cart";
import { placeOrder, quoteCart } from "@lastmile/core/checkout";
import { expireDueOffers, runDispatchRound } from "@lastmile/core/dispatch";
import { applyTransition, assignCourier, systemActor } from "@lastmile/core/orders";
import type { TActor } from "@lastmile/core/orders";
import { rowsOf } from "@lastmile/db/client";
import { createLocalProvider, TEST_CARDS } from "@lastmile/payments";
import { realtimePublisher } from "@lastmile/realtime/publisher";

import { snapshot } from "../artifacts";
import { signIn } from "../auth";
import { e2eDb } from "../db";
import { portalUrl } from "../portals";

// The project's Pixel 7 (touch, mobile user agent) narrowed to the smallest common Android
// width: everything must work one-handed at 360 px.
test.use({ viewport: { width: 360, height: 780 } });

const COURIER = "courier@lastmile.dev";
const CUSTOMER = "customer@lastmile.dev";
const OWNER = "owner@lastmile.dev";

type TFixture = {
  courierId: string;
  courierName: string;
  customerId: string;
  merchantId: string;
  merchantName: string;
  merchantAt: { lng: number; lat: number };
  ownerId: string;
  itemId: string;
  addressId: string;
};
let f: TFixture;

const deps = { payments: createLocalProvider(), events: realtimePublisher };

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const db = e2eDb();
  try {
    const [row] = rowsOf<T>(await db.execute(query));
    if (!row) throw new Error("the seed lacks a row this spec needs");
    return row;
  } finally {
    await db.$close();
  }
}

/** `metres` north of a point (a degree of latitude is ~111.2 km). */
const north = (p: { lng: number; lat: number }, metres: number) => ({
  longitude: p.lng,
  latitude: p.lat + metres / 111_200,
  accuracy: 8,
});
const at = (p: { lng: number; lat: number }) => ({
  longitude: p.lng,
  latitude: p.lat,
  accuracy: 6,
});

test.beforeAll(async () => {
  const c = await one<{ id: string; name: string }>(
    sql`select c.id, u.name from couriers c join users u on u.id = c.user_id where u.email = ${COURIER}`,
  );
  const customer = await one<{ id: string }>(sql`select id from users where email = ${CUSTOMER}`);
  const m = await one<{ id: string; name: string; lng: number; lat: number; owner_id: string }>(sql`
    select m.id, m.name, ST_X(m.location::geometry) as lng, ST_Y(m.location::geometry) as lat, u.id as owner_id
    from merchants m join merchant_members mm on mm.merchant_id = m.id join users u on u.id = mm.user_id and u.email = ${OWNER}`);
  const item = await one<{ id: string }>(sql`
    select i.id from menu_items i
    where i.merchant_id = ${m.id} and i.available and coalesce(i.stock_count, 1) > 0
      and not exists (select 1 from menu_item_modifier_groups l join modifier_groups g on g.id = l.group_id where l.item_id = i.id and g.min_choices > 0)
    order by i.price_cents desc, i.name limit 1`);
  const address = await one<{ id: string }>(sql`
    select a.id from customer_addresses a where a.user_id = ${customer.id} order by a.is_default desc, a.created_at limit 1`);
  f = {
    courierId: c.id,
    courierName: c.name.split(" ")[0] ?? c.name,
    customerId: customer.id,
    merchantId: m.id,
    merchantName: m.name,
    merchantAt: { lng: Number(m.lng), lat: Number(m.lat) },
    ownerId: m.owner_id,
    itemId: item.id,
    addressId: address.id,
  };

  // The kitchen takes orders at whatever hour the suite runs, and the demo courier starts the
  // day off duty with empty hands (an earlier run may have left them mid-shift).
  const db = e2eDb();
  await db.execute(
    sql`update merchants set availability = 'open', paused_until = null where id = ${m.id}`,
  );
  await db.execute(sql`delete from merchant_closures where merchant_id = ${m.id}`);
  await db.execute(sql`delete from merchant_hours where merchant_id = ${m.id}`);
  await db.execute(
    sql`insert into merchant_hours (merchant_id, weekday, opens_at, closes_at) select ${m.id}, d, '00:00', '23:59' from generate_series(1, 7) d`,
  );
  await db.execute(
    sql`update orders set courier_id = null where courier_id = ${c.id} and status in ('ACCEPTED','PREPARING','READY_FOR_PICKUP','PICKED_UP')`,
  );
  await db.execute(
    sql`update couriers set status = 'offline', active_orders = 0, vehicle = 'bicycle' where id = ${c.id}`,
  );
  await db.$close();
});

/** The demo customer orders from the demo restaurant; the kitchen accepts and has it ready. */
async function readyOrder(key: string) {
  const db = e2eDb();
  try {
    await addToCart(db, f.customerId, {
      itemId: f.itemId,
      modifierIds: [],
      quantity: 2,
      replaceCart: true,
    });
    const { quote } = await quoteCart(db, f.customerId, {
      dropoff: { addressId: f.addressId },
      tipCents: 150,
    });
    const { order } = await placeOrder(db, deps, f.customerId, {
      quoteId: quote.id,
      idempotencyKey: `e2e-courier-${key}-${Date.now()}`,
      payment: {
        kind: "card",
        number: TEST_CARDS.succeeds,
        expMonth: 12,
        expYear: 2031,
        cvc: "123",
      },
    });
    const kitchen: TActor = {
      userId: f.ownerId,
      role: "merchant_owner",
      merchantIds: [f.merchantId],
      courierId: null,
      areaIds: [],
    };
    if (order.status === "PENDING")
      await applyTransition(db, deps, {
        orderId: order.id,
        action: "accept",
        actor: kitchen,
        prepTimeMin: 10,
      });
    await applyTransition(db, deps, { orderId: order.id, action: "markReady", actor: kitchen });
    const [row] = rowsOf<{ pin: string; lng: number; lat: number }>(
      await db.execute(
        sql`select delivery_pin as pin, ST_X(dropoff_location::geometry) as lng, ST_Y(dropoff_location::geometry) as lat from orders where id = ${order.id}`,
      ),
    );
    if (!row) throw new Error("the order just placed is missing");
    return {
      id: order.id,
      number: order.number,
      pin: row.pin,
      dropoff: { lng: Number(row.lng), lat: Number(row.lat) },
    };
  } finally {
    await db.$close();
  }
}

/**
 * One dispatch round for the order, after the sweep the worker runs every few seconds (no worker
 * runs here): an expired offer left by an earlier run must not keep the courier "busy answering".
 */
async function dispatch(db: ReturnType<typeof e2eDb>, orderId: string) {
  await expireDueOffers(db, deps.events);
  return runDispatchRound(db, deps.events, orderId);
}

/** A phone with location allowed, standing `metres` north of the restaurant, signed in. */
async function phone(context: BrowserContext, page: Page, metres = 400) {
  await context.grantPermissions(["geolocation"]);
  await context.setGeolocation(north(f.merchantAt, metres));
  await signIn(page, COURIER);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: `Hello, ${f.courierName}` })).toBeVisible();
}

/** Off duty (as the spec starts, or after another test), the courier goes on duty first. */
async function onDuty(page: Page) {
  const shift = page.getByRole("region", { name: /Your shift/ });
  const go = shift.getByRole("button", { name: "Go on duty" });
  if (await go.isVisible()) await go.click();
  await expect(shift).toContainText(/On duty|On a delivery/);
}

const job = (page: Page) => page.getByRole("region", { name: /^Order #\d+/ });

test("going on duty shares the phone's position with the server, and the screen fits 360 px", async ({
  context,
  page,
}) => {
  await phone(context, page);
  const shift = page.getByRole("region", { name: /Your shift/ });
  await expect(shift).toContainText("Off duty");
  await shift.getByText("E-bike").click();
  await shift.getByRole("button", { name: "Go on duty" }).click();
  await expect(shift).toContainText("On duty");
  // The offer chime can be muted, and the phone remembers it.
  const sound = shift.getByRole("button", { name: "Offer sound" });
  await expect(sound).toHaveAttribute("aria-pressed", "true");
  await sound.click();
  await expect(sound).toHaveAttribute("aria-pressed", "false");
  await page.reload();
  await expect(sound).toHaveAttribute("aria-pressed", "false");
  await expect(shift).toContainText("New offers only buzz.");
  await sound.click();
  await expect(sound).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("gps-accuracy")).toHaveText("±8 m");
  await expect(page.getByTestId("last-sent")).toHaveText(/\d+ s ago/, { timeout: 20_000 });

  const db = e2eDb();
  await expect
    .poll(async () => {
      const [c] = rowsOf<{ vehicle: string; m: number | null }>(
        await db.execute(sql`select vehicle, round(ST_Distance(current_location, ST_SetSRID(ST_MakePoint(${f.merchantAt.lng}, ${f.merchantAt.lat + 400 / 111_200}), 4326)::geography))::int as m
                             from couriers where id = ${f.courierId} and last_seen_at > now() - interval '1 minute'`),
      );
      return c ? `${c.vehicle} ${Number(c.m) <= 5 ? "here" : `${c.m} m off`}` : "no fresh position";
    })
    .toBe("ebike here");
  await db.$close();
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no sideways scrolling at 360 px").toBeLessThanOrEqual(0);
  await snapshot(page, "courier-on-duty");
});

test("an offer arrives live and is accepted; 'arrived' and pick-up only inside the geofence, the kitchen and the customer told live; a wrong PIN, then the right one, delivers", async ({
  browser,
  context,
  page,
}) => {
  // A whole delivery on a shared CI machine: more than the default minute, never a sleep.
  test.setTimeout(150_000);
  // The phone's vibration motor, at the edge of the browser: record what the app asks of it.
  await page.addInitScript(() => {
    const w = window as unknown as { buzzes: unknown[] };
    w.buzzes = [];
    navigator.vibrate = (pattern: VibratePattern) => (w.buzzes.push(pattern), true);
  });
  await phone(context, page);
  await onDuty(page);
  await expect(page.getByTestId("last-sent")).toHaveText(/\d+ s ago/, { timeout: 20_000 });
  // A tap on the screen (as going on duty would be) lets the page make sound.
  await page.getByRole("heading", { name: `Hello, ${f.courierName}` }).tap();
  const order = await readyOrder("offer");

  // Dispatch's round: the demo courier is the one with a fresh position next to the restaurant.
  const db = e2eDb();
  const outcome = await dispatch(db, order.id);
  await db.$close();
  expect(outcome.kind === "offered" ? outcome.offers.map((o) => o.courierId) : outcome).toEqual([
    f.courierId,
  ]);

  const offer = page.getByRole("alertdialog", { name: "New delivery offer" });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(f.merchantName);
  await expect(page.getByTestId("offer-countdown")).toHaveText(/^\d+ s$/);
  await expect(page.getByTestId("offer-fee")).toHaveText(/€\d+\.\d\d/);
  // Announced with the chime and one buzz.
  await expect(offer).toHaveAttribute("data-alerted", "sound");
  expect(await page.evaluate(() => (window as unknown as { buzzes: unknown[] }).buzzes)).toEqual([
    [180, 90, 180],
  ]);
  await expect(offer.locator("[data-map-ready]")).toBeAttached();
  await expect(offer.getByRole("img", { name: `Pick up at ${f.merchantName}` })).toBeVisible();
  await snapshot(page, "courier-offer");
  await offer.getByRole("button", { name: "Accept" }).click();
  await expect(offer).toBeHidden();
  await expect(job(page)).toContainText(`Order #${order.number}: to the restaurant`);
  await expect(job(page).getByRole("link", { name: "Navigate in Maps" })).toHaveAttribute(
    "href",
    /google\.com\/maps\/dir\/\?api=1&destination=/,
  );

  // The kitchen's board and the customer's tracking page, open on their own screens, hear the
  // arrival live (no reload).
  const kitchen = await browser.newContext({ viewport: { width: 1180, height: 820 } });
  const board = await kitchen.newPage();
  await signIn(board, OWNER, { portal: "merchant" });
  await board.goto(`${portalUrl("merchant")}/`);
  const ticket = board.getByRole("article", { name: new RegExp(`^Order ${order.number}\\b`) });
  await expect(ticket).toBeVisible();
  await expect(ticket.getByTestId("courier-arrived")).toHaveCount(0);
  const home = await browser.newContext();
  const tracking = await home.newPage();
  await signIn(tracking, CUSTOMER, { portal: "customer" });
  await tracking.goto(`${portalUrl("customer")}/orders/${order.id}`);
  await expect(tracking.getByTestId("order-status")).toBeVisible();

  // 400 m away, the server refuses "arrived" and says how far, by name.
  await job(page).getByRole("button", { name: "I’m at the restaurant" }).click();
  await expect(job(page).getByRole("alert")).toContainText(
    new RegExp(`You are \\d+ m from ${f.merchantName}; arrive within 150 m`),
  );
  await expect(job(page).getByRole("checkbox")).toHaveCount(0);
  await snapshot(page, "courier-arrival-refused");

  // Walking in moves the emulated GPS inside the geofence: now the server agrees.
  await context.setGeolocation(at(f.merchantAt));
  await expect(page.getByTestId("distance-to-target")).toContainText("You are here");
  await job(page).getByRole("button", { name: "I’m at the restaurant" }).click();
  await expect(job(page).getByTestId("arrived")).toContainText("the kitchen knows you are here");
  await expect(ticket.getByTestId("courier-arrived")).toContainText("Courier is here");
  await expect(tracking.getByTestId("courier-arrived")).toContainText(
    "Courier arrived at the restaurant",
  );
  await snapshot(board, "merchant-courier-is-here");
  await snapshot(tracking, "customer-courier-arrived");
  await kitchen.close();
  await home.close();
  await snapshot(page, "courier-arrived-checklist");

  // Stepping 400 m away again, the server refuses the pick-up itself and says why.
  await context.setGeolocation(north(f.merchantAt, 400));
  await expect(page.getByTestId("distance-to-target")).not.toContainText("You are here");
  for (const box of await job(page).getByRole("checkbox").all()) await box.check();
  await job(page).getByRole("button", { name: "Confirm pick-up" }).click();
  await expect(job(page).getByRole("alert")).toContainText(
    /You are \d+ m from the restaurant; pick-up can be confirmed within 150 m/,
  );
  await snapshot(page, "courier-pickup-refused");

  await context.setGeolocation(at(f.merchantAt));
  await expect(page.getByTestId("distance-to-target")).toContainText("You are here");
  await job(page).getByRole("button", { name: "Confirm pick-up" }).click();
  await expect(job(page)).toContainText(`Order #${order.number}: to the customer`);

  await context.setGeolocation(at(order.dropoff));
  const wrong = String((Number(order.pin) + 1) % 10_000).padStart(4, "0");
  await job(page).getByLabel("Customer’s 4-digit PIN").fill(wrong);
  await job(page).getByRole("button", { name: "Confirm delivery" }).click();
  await expect(job(page).getByRole("alert")).toContainText(
    "That PIN is not right. 4 attempts left.",
  );
  await expect(job(page)).toContainText("4 attempts left");
  await snapshot(page, "courier-wrong-pin");
  await job(page).getByLabel("Customer’s 4-digit PIN").fill(order.pin);
  await job(page).getByRole("button", { name: "Confirm delivery" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: `Delivered order #${order.number}` }),
  ).toContainText("You earned");
  await expect(job(page)).toHaveCount(0);
  const status = await one<{ status: string }>(
    sql`select status from orders where id = ${order.id}`,
  );
  expect(status.status).toBe("DELIVERED");
  expect(
    await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    ),
    "no sideways scrolling during a delivery",
  ).toBeLessThanOrEqual(0);
  await snapshot(page, "courier-delivered");

  await page.getByRole("link", { name: "Earnings" }).click();
  await expect(page.getByRole("heading", { name: "Earnings", level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`#${order.number} · ${f.merchantName}`);
  await expect(page.getByRole("main")).toContainText("tip €1.50");
  await snapshot(page, "courier-earnings");
});

test("an offer withdrawn because the order was cancelled leaves the screen at once", async ({
  context,
  page,
}) => {
  await phone(context, page);
  await onDuty(page);
  await expect(page.getByTestId("last-sent")).toHaveText(/\d+ s ago/, { timeout: 20_000 });
  const order = await readyOrder("withdrawn");
  const db = e2eDb();
  const outcome = await dispatch(db, order.id);
  expect(outcome.kind === "offered" ? outcome.offers.map((o) => o.courierId) : outcome).toEqual([
    f.courierId,
  ]);
  const offer = page.getByRole("alertdialog", { name: "New delivery offer" });
  await expect(offer).toBeVisible();
  await applyTransition(db, deps, {
    orderId: order.id,
    action: "cancel",
    actor: systemActor,
    reason: "Restaurant ran out of clams",
  });
  await db.$close();
  await expect(offer).toBeHidden();
  await expect(page.getByText("Waiting for offers")).toBeVisible();
});

test("with location blocked, the shift screen says how to allow it", async ({ context, page }) => {
  await context.clearPermissions();
  await signIn(page, COURIER);
  await page.goto("/");
  await onDuty(page);
  const shift = page.getByRole("region", { name: /Your shift/ });
  await expect(shift.getByRole("alert")).toContainText(
    "Location is blocked, so you cannot get offers.",
  );
  await expect(shift.getByRole("alert")).toContainText("Permissions");
  await snapshot(page, "courier-location-blocked");
});

test("offline: the shell opens, actions and positions are queued, and the replay reports the order ops cancelled meanwhile", async ({
  context,
  page,
}) => {
  test.setTimeout(120_000);
  await phone(context, page, 0);
  await onDuty(page);
  const order = await readyOrder("offline");
  const db = e2eDb();
  await assignCourier(db, deps.events, {
    orderId: order.id,
    courierId: f.courierId,
    actor: systemActor,
  });
  await db.$close();
  await expect(job(page)).toContainText(`Order #${order.number}: to the restaurant`);
  await job(page).getByRole("button", { name: "I’m at the restaurant" }).click();
  await expect(job(page).getByTestId("arrived")).toBeVisible();
  for (const box of await job(page).getByRole("checkbox").all()) await box.check();
  await job(page).getByRole("button", { name: "Confirm pick-up" }).click();
  await expect(job(page)).toContainText(`Order #${order.number}: to the customer`);

  // The service worker controls the page after a reload, which also caches this page for later.
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  await expect(job(page)).toContainText(`Order #${order.number}: to the customer`);

  const offlineFrom = new Date();
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { name: `Hello, ${f.courierName}` })).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("Offline.");
  // The server judges each fix against the last one it kept (the emulated GPS jumps between
  // tests, and a jump is refused as a bad fix): ride on from there, a believable 10 m at a time.
  const last = await one<{ lng: number; lat: number }>(
    sql`select ST_X(current_location::geometry) as lng, ST_Y(current_location::geometry) as lat from couriers where id = ${f.courierId}`,
  );
  await context.setGeolocation(north({ lng: Number(last.lng), lat: Number(last.lat) }, 10));
  await expect(page.getByTestId("sync-status")).toContainText("positions saved");
  await context.setGeolocation(north({ lng: Number(last.lng), lat: Number(last.lat) }, 20));
  await job(page).getByRole("button", { name: "I’m at the door: tell the customer" }).click();
  await expect(job(page)).toContainText("Arrival saved on this phone");
  await job(page).getByLabel("Customer’s 4-digit PIN").fill(order.pin);
  await job(page).getByRole("button", { name: "Confirm delivery" }).click();
  await expect(job(page)).toContainText("Delivery saved on this phone");
  await expect(page.getByTestId("sync-status")).toContainText("2 actions waiting to send");
  await snapshot(page, "courier-offline-queued");

  // Meanwhile support cancels the order.
  const db2 = e2eDb();
  const support = await one<{ id: string }>(
    sql`select id from users where email = 'support@lastmile.dev'`,
  );
  await applyTransition(db2, deps, {
    orderId: order.id,
    action: "cancel",
    actor: { userId: support.id, role: "support", merchantIds: [], courierId: null, areaIds: [] },
    reason: "Customer called to cancel",
  });
  await db2.$close();

  await context.setOffline(false);
  const conflict = page
    .getByRole("alert")
    .filter({ hasText: `Not applied: Delivery of order #${order.number}` });
  await expect(conflict).toContainText(`Order #${order.number} is cancelled`);
  // Replayed in the order they were made: the arrival at the door first, refused just the same.
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: `Not applied: Arrival at the door of order #${order.number}` }),
  ).toContainText(
    `Order #${order.number} is cancelled; arriving at the drop-off no longer applies.`,
  );
  await expect(
    page.getByRole("alert").filter({ hasText: `Order #${order.number} was cancelled` }),
  ).toContainText("Customer called to cancel");
  await expect(page.getByTestId("sync-status")).toHaveCount(0);
  const kept = await one<{ n: number }>(
    sql`select count(*)::int as n from courier_locations where courier_id = ${f.courierId} and recorded_at >= ${offlineFrom.toISOString()}::timestamptz`,
  );
  expect(kept.n, "positions taken offline reached the server").toBeGreaterThan(0);
  await snapshot(page, "courier-offline-conflict");
});

test("background sync: with the app closed, the service worker replays the queue once and the app shows the refusal when reopened", async ({
  context,
  page,
}) => {
  test.setTimeout(150_000);
  await phone(context, page, 0);
  await onDuty(page);
  const order = await readyOrder("background");
  const db = e2eDb();
  await assignCourier(db, deps.events, {
    orderId: order.id,
    courierId: f.courierId,
    actor: systemActor,
  });
  await db.$close();
  await expect(job(page)).toContainText(`Order #${order.number}: to the restaurant`);
  await job(page).getByRole("button", { name: "I’m at the restaurant" }).click();
  await expect(job(page).getByTestId("arrived")).toBeVisible();
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);

  // A second tab on the plain offline page (it runs no app code, so it never replays anything
  // itself): through it the spec pokes the service worker, as the browser would.
  const probe = await context.newPage();
  await probe.goto("/offline");

  const offlineFrom = new Date();
  await context.setOffline(true);
  const last = await one<{ lng: number; lat: number }>(
    sql`select ST_X(current_location::geometry) as lng, ST_Y(current_location::geometry) as lat from couriers where id = ${f.courierId}`,
  );
  await context.setGeolocation(north({ lng: Number(last.lng), lat: Number(last.lat) }, 10));
  // Wait until a fix taken offline is in the phone's outbox (fixes leave the buffer every 4 s).
  await expect
    .poll(() =>
      page.evaluate(
        (since) =>
          new Promise<boolean>((resolve, reject) => {
            const req = indexedDB.open("lastmile-courier", 1);
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const all = req.result.transaction("outbox").objectStore("outbox").getAll();
              all.onsuccess = () =>
                resolve(
                  (all.result as { positions?: { recordedAt: string }[] }[]).some((e) =>
                    (e.positions ?? []).some((p) => p.recordedAt >= since),
                  ),
                );
            };
          }),
        offlineFrom.toISOString(),
      ),
    )
    .toBe(true);
  await expect(page.getByTestId("sync-status")).toContainText("positions saved");
  for (const box of await job(page).getByRole("checkbox").all()) await box.check();
  await job(page).getByRole("button", { name: "Confirm pick-up" }).click();
  // Saved on the phone, the app already leads on to the customer.
  await expect(job(page)).toContainText(`Order #${order.number}: to the customer`);
  await expect(page.getByTestId("sync-status")).toContainText("1 action waiting to send");
  // The courier pockets the phone: the app is gone before the connection returns.
  await page.close();

  const db2 = e2eDb();
  const support = await one<{ id: string }>(
    sql`select id from users where email = 'support@lastmile.dev'`,
  );
  await applyTransition(db2, deps, {
    orderId: order.id,
    action: "cancel",
    actor: { userId: support.id, role: "support", merchantIds: [], courierId: null, areaIds: [] },
    reason: "Restaurant closed early",
  });
  await db2.$close();

  await context.setOffline(false);
  const cdp = await context.newCDPSession(probe);
  const registration = new Promise<string>((resolve) =>
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const r = registrations.find(
        (x) => !x.isDeleted && x.scopeURL.startsWith(portalUrl("courier")),
      );
      if (r) resolve(r.registrationId);
    }),
  );
  await cdp.send("ServiceWorker.enable");
  const registrationId = await registration;
  const outboxSize = () =>
    probe.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const req = indexedDB.open("lastmile-courier", 1);
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const count = req.result.transaction("outbox").objectStore("outbox").count();
            count.onsuccess = () => resolve(count.result);
          };
        }),
    );
  expect(await outboxSize()).toBeGreaterThan(0);
  const sync = () =>
    cdp.send("ServiceWorker.dispatchSyncEvent", {
      origin: portalUrl("courier"),
      registrationId,
      tag: "courier-outbox",
      lastChance: false,
    });
  // Two syncs back to back (a retry racing the first): the lock and the deletes keep it to one replay.
  await Promise.all([sync(), sync()]);
  await expect.poll(outboxSize).toBe(0);
  const kept = await one<{ n: number }>(
    sql`select count(*)::int as n from courier_locations where courier_id = ${f.courierId} and recorded_at >= ${offlineFrom.toISOString()}::timestamptz`,
  );
  expect(kept.n, "positions taken offline reached the server with the app closed").toBeGreaterThan(
    0,
  );

  // Reopened, the app shows what the worker could not apply — once.
  const again = await context.newPage();
  await again.goto("/");
  const refused = again
    .getByRole("alert")
    .filter({ hasText: `Not applied: Pick-up of order #${order.number}` });
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText(`Order #${order.number} is cancelled`);
  await expect(again.getByTestId("sync-status")).toHaveCount(0);
  await snapshot(again, "courier-background-sync-conflict");
});

test("the app is installable: manifest, icons and a service worker; the offline page needs no session", async ({
  page,
  request,
}) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.ok()).toBe(true);
  const m = (await manifest.json()) as {
    name: string;
    start_url: string;
    display: string;
    icons: { sizes: string; type: string }[];
  };
  expect(m).toMatchObject({ name: "Lastmile Courier", start_url: "/", display: "standalone" });
  for (const size of ["192x192", "512x512"]) {
    const icon = m.icons.find((i) => i.sizes === size && i.type === "image/png") as
      { src?: string } | undefined;
    expect(icon, `a ${size} PNG icon`).toBeTruthy();
    const res = await request.get(icon?.src ?? "");
    expect(res.headers()["content-type"]).toContain("image/png");
  }
  const sw = await request.get("/sw.js");
  expect(sw.headers()["content-type"]).toContain("javascript");
  expect(await sw.text()).toContain('addEventListener("fetch"');

  await page.goto("/offline");
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    "href",
    "/manifest.webmanifest",
  );
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toMatch(/\/$/);
  // Chromium's own verdict: what would stop "Install app" from being offered. Playwright's
  // contexts are incognito profiles, where Chrome never offers it; nothing else may stand in the way.
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors.filter((e) => e.errorId !== "in-incognito")).toEqual([]);
});
