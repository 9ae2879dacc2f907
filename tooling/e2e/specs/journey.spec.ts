// The whole platform in one order (issue #11): a customer orders and pays, the kitchen's board
// rings and the staff accept and cook, the real worker dispatches the order to the demo
// courier's phone, the courier rides to the restaurant and on to the customer while the
// customer's page follows, the customer reads the PIN to the courier and rates both, and the
// admin console counts the order and shows its whole timeline and balanced ledger. Four people,
// four browser contexts, each asserting only what that person sees; the database is touched only
// to set the scene (and read to explain a failed ride).
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { devices, expect, test } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";
import { sql } from "drizzle-orm";

import { applyTransition, systemActor } from "@lastmile/core/orders";
import { rowsOf } from "@lastmile/db/client";
import { createLocalProvider } from "@lastmile/payments";
import { realtimePublisher } from "@lastmile/realtime/publisher";

import { snapshot } from "../artifacts";
import { signIn } from "../auth";
import { e2eDb } from "../db";
import { E2E_DB_PORT, portalUrl } from "../portals";

const CUSTOMER = "customer@lastmile.dev";
const STAFF = "staff@lastmile.dev";
const COURIER = "courier@lastmile.dev";
const ADMIN = "admin@lastmile.dev";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

type TPoint = { lng: number; lat: number };
type TFixture = { merchantId: string; merchantAt: TPoint; courierId: string; courierName: string };
let f: TFixture;
let worker: ChildProcess | null = null;
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

/** Metres between two points on a sphere: enough to plan a ride of a few hundred metres. */
function metres(a: TPoint, b: TPoint) {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** `m` metres north of a point (a degree of latitude is ~111.2 km). */
const north = (p: TPoint, m: number): TPoint => ({ lng: p.lng, lat: p.lat + m / 111_200 });
const fix = (p: TPoint) => ({ longitude: p.lng, latitude: p.lat, accuracy: 8 });

/**
 * The stops of a straight ride from `from` to `to`, at most 60 m apart. The server refuses a fix
 * that would mean more than the vehicle's top speed (an e-bike: 15 m/s) measured from the last
 * fix it kept, after forgiving 2 × 25 m of GPS scatter and counting at least a second between
 * fixes: a 60 m hop is at most 10 m/s however soon it follows the last. A skipped stop (120 m
 * in a second) is a teleport and is rightly refused, which is why `rideAlong` moves the phone
 * on only once the customer has seen the previous stop.
 */
function ride(from: TPoint, to: TPoint) {
  const n = Math.max(1, Math.ceil(metres(from, to) / 60));
  return Array.from({ length: n }, (_, i) => ({
    lng: from.lng + ((to.lng - from.lng) * (i + 1)) / n,
    lat: from.lat + ((to.lat - from.lat) * (i + 1)) / n,
  }));
}

test.beforeAll(async () => {
  const m = await one<{ id: string; lng: number; lat: number }>(sql`
    select id, ST_X(location::geometry) as lng, ST_Y(location::geometry) as lat from merchants where slug = 'tasca-da-prata'`);
  const c = await one<{ id: string; name: string }>(
    sql`select c.id, u.name from couriers c join users u on u.id = c.user_id where u.email = ${COURIER}`,
  );
  f = {
    merchantId: m.id,
    merchantAt: { lng: Number(m.lng), lat: Number(m.lat) },
    courierId: c.id,
    courierName: c.name.split(" ")[0] ?? c.name,
  };

  // The worker, as `pnpm dev` and production run it, on the e2e database: only this spec starts
  // one, because the courier and admin specs dispatch by hand and count on nobody else doing so.
  worker = spawn("pnpm", ["--filter", "@lastmile/worker", "start"], {
    cwd: root,
    env: { ...process.env, EMBEDDED_DB_PORT: String(E2E_DB_PORT), WORKER_TICK_MS: "2000" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const proc = worker;
  let log = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not start:\n${log}`)), 60_000);
    proc.stdout?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes("started:")) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    proc.on("exit", (code) => reject(new Error(`the worker exited (${code}):\n${log}`)));
  });
});

// The scene is set before every run (a repeated run starts where the last one left the city).
test.beforeEach(async () => {
  const db = e2eDb();
  // The kitchen is open at whatever hour the suite runs, and a person accepts (no auto-accept).
  await db.execute(
    sql`update merchants set availability = 'open', paused_until = null, auto_accept = false where id = ${f.merchantId}`,
  );
  await db.execute(sql`delete from merchant_closures where merchant_id = ${f.merchantId}`);
  await db.execute(sql`delete from merchant_hours where merchant_id = ${f.merchantId}`);
  await db.execute(sql`insert into merchant_hours (merchant_id, weekday, opens_at, closes_at)
                       select ${f.merchantId}, d, '00:00', '23:59' from generate_series(1, 7) d`);
  await db.execute(
    sql`delete from carts where customer_id = (select id from users where email = ${CUSTOMER})`,
  );
  // The real worker dispatches every waiting order in the city, so the scene is cleared for this
  // one: the demo courier starts off duty with empty hands, every other courier is off duty (the
  // seed and earlier specs leave some online near Baixa), no offer is left open, and the orders
  // already waiting are held out of dispatch for the day — else the worker would offer one of
  // them to the demo courier first.
  // An order a failed run left in the courier's hands is cancelled the way support would.
  const left = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from orders where courier_id = ${f.courierId} and status in ('ACCEPTED','PREPARING','READY_FOR_PICKUP','PICKED_UP')`,
    ),
  );
  for (const o of left)
    await applyTransition(db, deps, {
      orderId: o.id,
      action: "cancel",
      actor: systemActor,
      reason: "left over by an earlier e2e run",
    });
  await db.execute(
    sql`update couriers set status = 'offline', active_orders = 0 where id = ${f.courierId}`,
  );
  // The phone starts beside the restaurant; the server judges each fix against the last one it
  // kept, and the courier spec (or a previous run) left them elsewhere moments ago: a fresh start.
  await db.execute(
    sql`update couriers set current_location = null, last_seen_at = null where id = ${f.courierId}`,
  );
  await db.execute(
    sql`delete from courier_locations where courier_id = ${f.courierId} and recorded_at > now() - interval '1 day'`,
  );
  await db.execute(
    sql`update couriers set status = 'offline' where id <> ${f.courierId} and status <> 'offline'`,
  );
  await db.execute(
    sql`update delivery_offers set status = 'expired', responded_at = now(), end_reason = 'e2e journey: a clean slate' where status = 'pending'`,
  );
  await db.execute(sql`update orders set dispatch_flagged_at = now() + interval '1 day', dispatch_flag_reason = 'held by the e2e journey'
                       where courier_id is null and status in ('ACCEPTED','PREPARING','READY_FOR_PICKUP')`);
  await db.$close();
});

test.afterAll(async () => {
  const proc = worker;
  if (!proc?.pid || proc.exitCode !== null) return;
  // pnpm → tsx → node: the whole process group goes, and the worker finishes its job in hand.
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  process.kill(-proc.pid, "SIGTERM");
  await exited;
});

/** The courier marker on the customer's map: where it is drawn, and whether it is still gliding. */
const markerState = (marker: Locator) =>
  marker.evaluate((e) => ({
    at: (e as HTMLElement).style.transform,
    moving: e.getAttribute("aria-busy") === "true",
  }));

/** What the phone says about positions the server refused (empty when all were kept). */
const refusals = async (phone: Page) =>
  (await phone.getByText(/positions? (saved offline )?were not kept/).allInnerTexts()).join(" ");

/**
 * Rides the courier's phone along `stops` as a person would ride: the next position only once
 * the customer's map has shown the last one — the marker glided to a new place and came to rest
 * (the phone reports in batches every 4 s; realtime carries each to the customer, the page's
 * 20 s refetch backs it up). A refusal on the phone fails the ride at once, with the history.
 */
async function rideAlong(
  phone: Page,
  marker: Locator,
  stops: TPoint[],
  seen: () => Promise<void> = async () => {},
) {
  for (const [i, stop] of stops.entries()) {
    await expect
      .poll(async () => (await markerState(marker)).moving, {
        message: "the marker is at rest before the phone moves",
      })
      .toBe(false);
    const before = await markerState(marker);
    await phone.context().setGeolocation(fix(stop));
    try {
      await expect
        .poll(
          async () => {
            const refused = await refusals(phone);
            if (refused) return `the phone says: ${refused}`;
            const now = await markerState(marker);
            return now.moving ? "gliding" : now.at === before.at ? "not moved yet" : "moved";
          },
          {
            message: `stop ${i + 1} of ${stops.length} reached the customer's map`,
            timeout: 30_000,
          },
        )
        .toBe("moved");
    } catch (error) {
      await explainRide(stop);
      throw error;
    }
    await seen();
  }
}

/** On a failed ride: what the server kept of the courier's positions, as a test attachment. */
async function explainRide(stop: TPoint) {
  const db = e2eDb();
  try {
    const history = rowsOf(
      await db.execute(
        sql`select ST_AsText(location::geometry) as at, recorded_at, order_id from courier_locations where courier_id = ${f.courierId} order by recorded_at desc limit 10`,
      ),
    );
    const current = rowsOf(
      await db.execute(
        sql`select ST_AsText(current_location::geometry) as at, last_seen_at, status from couriers where id = ${f.courierId}`,
      ),
    );
    await test.info().attach("courier positions", {
      contentType: "application/json",
      body: JSON.stringify({ waitingFor: stop, current, history }, null, 2),
    });
  } finally {
    await db.$close();
  }
}

// The courier's steps, one small function each: the delivery screen's steps change more often
// than the rest of the journey.

async function goOnDuty(phone: Page) {
  await phone.goto("/");
  await expect(phone.getByRole("heading", { name: `Hello, ${f.courierName}` })).toBeVisible();
  const shift = phone.getByRole("region", { name: /Your shift/ });
  await shift.getByRole("button", { name: "Go on duty" }).click();
  await expect(shift).toContainText("On duty");
  await expect(phone.getByTestId("last-sent")).toHaveText(/\d+ s ago/, { timeout: 20_000 });
  await expect(phone.getByText("Waiting for offers")).toBeVisible();
}

async function acceptOffer(phone: Page, number: number) {
  const offer = phone.getByRole("alertdialog", { name: "New delivery offer" });
  await expect(offer).toBeVisible({ timeout: 20_000 });
  await expect(offer).toContainText("Tasca da Prata");
  await expect(phone.getByTestId("offer-countdown")).toHaveText(/^\d+ s$/);
  await expect(phone.getByTestId("offer-fee")).toHaveText(/€\d+\.\d\d/);
  await snapshot(phone, "journey-3-courier-offer");
  await offer.getByRole("button", { name: "Accept" }).click();
  await expect(offer).toBeHidden();
  const job = courierJob(phone);
  await expect(job).toContainText(`Order #${number}: to the restaurant`);
}

const courierJob = (phone: Page) => phone.getByRole("region", { name: /^Order #\d+/ });

async function pickUp(phone: Page, number: number) {
  const job = courierJob(phone);
  await expect(phone.getByTestId("distance-to-target")).toContainText("You are here");
  // The server checks the pickup geofence; only then does the item checklist appear.
  await job.getByRole("button", { name: "I’m at the restaurant" }).click();
  await expect(job.getByTestId("arrived")).toContainText("the kitchen knows you are here");
  await expect(job.getByRole("checkbox").first()).toBeVisible();
  for (const box of await job.getByRole("checkbox").all()) await box.check();
  await job.getByRole("button", { name: "Confirm pick-up" }).click();
  await expect(job).toContainText(`Order #${number}: to the customer`);
}

async function deliver(phone: Page, number: number, pin: string) {
  const job = courierJob(phone);
  await job.getByLabel("Customer’s 4-digit PIN").fill(pin);
  await job.getByRole("button", { name: "Confirm delivery" }).click();
  await expect(
    phone.getByRole("status").filter({ hasText: `Delivered order #${number}` }),
  ).toContainText("You earned");
}

/** The admin dashboard's figures for today, as the person reads them. */
async function todaysFigures(admin: Page) {
  await admin.goto("/?range=today");
  await expect(admin.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const stat = (label: string) =>
    admin.getByRole("group", { name: label, exact: true }).locator("dd");
  const count = (text: string) => Number(text.replace(/[^\d]/g, ""));
  return {
    orders: count(await stat("Orders").first().innerText()),
    delivered: count(/([\d,]+) delivered/.exec(await stat("GMV").last().innerText())?.[1] ?? ""),
  };
}

test("an order goes from the customer's click to the door across four portals, the worker and realtime", async ({
  browser,
}) => {
  // Four people, a worker tick of 2 s and phone reports every 4 s: minutes, never a sleep.
  test.setTimeout(8 * 60_000);

  // The operations desk notes today's figures before anyone orders.
  const adminCtx = await browser.newContext({
    ...devices["Desktop Chrome"],
    baseURL: portalUrl("admin"),
  });
  const admin = await adminCtx.newPage();
  await signIn(admin, ADMIN);
  const before = await todaysFigures(admin);

  // The kitchen opens its board for service before anyone orders, so the order can only reach
  // it over realtime. Orders already waiting from the seed are acknowledged, so any ring from
  // here is the new one's.
  const kitchenCtx = await browser.newContext({
    viewport: { width: 1180, height: 820 },
    hasTouch: true,
    baseURL: portalUrl("merchant"),
  });
  const kitchen = await kitchenCtx.newPage();
  await signIn(kitchen, STAFF);
  await kitchen.goto("/");
  await expect(kitchen.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  await kitchen.getByRole("button", { name: "Sound off" }).click();
  await expect(kitchen.getByRole("button", { name: "Sound on" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  const seen = kitchen.getByRole("button", { name: "Seen" });
  if (await seen.isVisible()) await seen.click();
  await expect(seen).toBeHidden();

  // ── 1. The customer signs in, picks the address, finds the restaurant, customises, pays. ──
  const customerCtx = await browser.newContext({
    ...devices["Desktop Chrome"],
    baseURL: portalUrl("customer"),
  });
  const customer = await customerCtx.newPage();
  await signIn(customer, CUSTOMER);
  await customer.goto("/address");
  await customer.getByRole("button", { name: /Home.*Rua do Arsenal 137/ }).click();
  await expect(customer.getByText(/We deliver here/)).toBeVisible();
  await customer.getByRole("button", { name: "Deliver here" }).click();
  await expect(
    customer.getByRole("link", { name: /Delivering to Rua do Arsenal 137/ }).first(),
  ).toBeVisible();
  await customer.getByRole("searchbox", { name: "Search" }).fill("Tasca da Prata");
  await customer.getByRole("button", { name: "Search", exact: true }).click();
  await customer
    .getByRole("main")
    .getByRole("link", { name: /Tasca da Prata/ })
    .first()
    .click();
  await expect(customer.getByRole("heading", { name: "Tasca da Prata", level: 1 })).toBeVisible();
  await customer.getByRole("button", { name: /^Bitoque/ }).click();
  const dish = customer.getByRole("dialog", { name: "Bitoque" });
  await expect(dish.getByText("Required · choose 1").first()).toBeVisible();
  await dish
    .getByRole("group", { name: "Cooking point" })
    .getByLabel("Medium", { exact: true })
    .check();
  await dish.getByRole("group", { name: "Side" }).getByLabel("Chips").check();
  await snapshot(customer, "journey-1-customer-dish");
  await dish.getByRole("button", { name: /^Add 1 to order · €/ }).click();
  await expect(dish).toBeHidden();
  await expect(customer.getByRole("list", { name: "Items in your cart" })).toContainText(
    "Medium, Chips",
  );
  await customer.getByRole("link", { name: /Go to checkout/ }).click();
  await expect(customer.getByRole("heading", { name: "Checkout" })).toBeVisible();
  const total = (await customer.getByTestId("quote-total").innerText()).trim();
  await customer.getByLabel("Card number").fill("4242 4242 4242 4242");
  await customer.getByLabel("Expiry (MM/YY)").fill("12/30");
  await customer.getByLabel("Security code").fill("123");
  await customer.getByRole("button", { name: `Pay ${total}` }).click();
  await expect(customer).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(customer.getByTestId("order-status")).toHaveText("Waiting for the restaurant");
  const heading = await customer
    .getByText(/^Order #\d+/)
    .first()
    .innerText();
  const number = Number(/#(\d+)/.exec(heading)?.[1]);
  expect(number).toBeGreaterThan(0);
  await snapshot(customer, "journey-1-customer-paid");

  // ── 2. The kitchen's tablet: the order arrives live and rings; staff accept with a prep time. ──
  const ring = kitchen.getByRole("alert").filter({ hasText: `#${number}` });
  await expect(ring).toContainText("New order");
  await expect(ring).toHaveAttribute("data-rings", /^[1-9]/);
  const column = (label: string) => kitchen.getByRole("region", { name: new RegExp(`^${label}`) });
  const ticket = column("New").getByRole("article", { name: new RegExp(`^Order ${number}, new`) });
  await expect(ticket).toContainText("1× Bitoque");
  await snapshot(kitchen, "journey-2-kitchen-rings");

  // ── 3a. The courier goes on duty 250 m from the restaurant before the kitchen accepts, so the
  // worker's first round finds them (every other courier is off duty: beforeAll). ──
  const start = north(f.merchantAt, 250);
  const phoneCtx = await browser.newContext({
    ...devices["Pixel 7"],
    viewport: { width: 360, height: 780 },
    baseURL: portalUrl("courier"),
    permissions: ["geolocation"],
    geolocation: fix(start),
  });
  const phone = await phoneCtx.newPage();
  await signIn(phone, COURIER);
  await goOnDuty(phone);

  await ticket.getByRole("button", { name: new RegExp(`^Open order ${number}`) }).click();
  const detail = kitchen.getByRole("dialog", { name: `Order #${number}` });
  await detail.getByRole("button", { name: "Accept" }).click();
  const accept = kitchen.getByRole("dialog", { name: `Accept #${number}` });
  await accept.getByText("20 min", { exact: true }).click();
  await expect(accept.getByRole("radio", { name: "20 min" })).toBeChecked();
  await accept.getByRole("button", { name: "Accept — ready in 20 min" }).click();
  await expect(accept).toBeHidden();
  await expect(ring).toBeHidden();
  const preparing = column("Preparing").getByRole("article", {
    name: new RegExp(`^Order ${number}\\b`),
  });
  await expect(preparing).toContainText(/Ready by \d\d:\d\d · \d+ min left/);
  await expect(customer.getByTestId("order-status")).toHaveText(
    "The restaurant accepted your order",
  );
  await snapshot(kitchen, "journey-2-kitchen-accepted");

  // ── 3b. The worker's dispatch round offers the order to the phone; the courier accepts. ──
  await acceptOffer(phone, number);
  // The customer's page learns who is coming, and where they are, without a reload.
  await expect(customer.getByTestId("courier-status")).toContainText(
    `${f.courierName} is your courier`,
    { timeout: 30_000 },
  );
  const marker = customer.getByRole("img", { name: /^Courier / });
  await expect(marker).toBeVisible({ timeout: 30_000 });
  await snapshot(customer, "journey-3-customer-courier-assigned");

  // The kitchen cooks while the courier rides over.
  await preparing.getByRole("button", { name: "Start preparing" }).click();
  await expect(customer.getByTestId("order-status")).toHaveText("Your food is being prepared");

  // ── 4. The courier rides to the restaurant; the customer's map follows each report. ──
  const positions: string[] = [(await markerState(marker)).at];
  await rideAlong(
    phone,
    marker,
    ride(start, f.merchantAt),
    async () => void positions.push((await markerState(marker)).at),
  );
  expect(new Set(positions).size, "the marker moved at every report").toBe(positions.length);
  await expect(customer.getByTestId("courier-status")).toContainText(
    /Position updated at \d\d:\d\d/,
  );
  await snapshot(customer, "journey-4-customer-courier-arriving");

  await column("Preparing")
    .getByRole("article", { name: new RegExp(`^Order ${number}\\b`) })
    .getByRole("button", { name: "Mark ready" })
    .click();
  await expect(
    column("Ready").getByRole("article", { name: new RegExp(`^Order ${number}\\b`) }),
  ).toBeVisible();
  await expect(customer.getByTestId("order-status")).toHaveText("Ready, waiting for the courier");
  await snapshot(kitchen, "journey-4-kitchen-ready");

  await pickUp(phone, number);
  await snapshot(phone, "journey-4-courier-picked-up");
  await expect(customer.getByTestId("courier-arrived").first()).toContainText(
    "Courier arrived at the restaurant",
  );
  await expect(customer.getByTestId("order-status")).toHaveText("Your courier is on the way");
  const eta = customer.getByText(/^Arriving in about \d+ min\.$/);
  await expect(eta).toBeVisible();

  // ── 5. On to the drop-off: the ETA counts down; the PIN on the customer's page delivers. ──
  const dropoff = await one<{ lng: number; lat: number }>(sql`
    select ST_X(o.dropoff_location::geometry) as lng, ST_Y(o.dropoff_location::geometry) as lat from orders o where o.number = ${number}`);
  const door = { lng: Number(dropoff.lng), lat: Number(dropoff.lat) };
  const etas = [await eta.innerText()];
  await rideAlong(
    phone,
    marker,
    ride(f.merchantAt, door),
    async () => void etas.push(await eta.innerText()),
  );
  expect(new Set(etas).size, `the ETA changed on the way (${etas.join(" / ")})`).toBeGreaterThan(1);
  await expect(eta).toHaveText("Arriving in about 1 min.");
  await snapshot(customer, "journey-5-customer-courier-at-door");

  const pin = (await customer.getByTestId("delivery-pin").innerText()).trim();
  expect(pin).toMatch(/^\d{4}$/);
  await deliver(phone, number, pin);
  await snapshot(phone, "journey-5-courier-delivered");
  await expect(customer.getByTestId("order-status")).toHaveText("Delivered");
  await expect(
    customer.getByRole("list", { name: "Order progress" }).getByRole("listitem").last(),
  ).toContainText("Delivered, done");

  for (const [who, thanks] of [
    ["Rate the restaurant", "your rating of the restaurant was saved"],
    ["Rate the courier", "your rating of the courier was saved"],
  ] as const) {
    const form = customer
      .locator("form")
      .filter({ has: customer.getByRole("group", { name: who }) });
    // The radio is visually hidden: a person taps the fifth star, its label.
    await form.locator("label").filter({ hasText: "5 stars" }).click();
    await form.getByRole("button", { name: "Send rating" }).click();
    await expect(customer.getByText(thanks)).toBeVisible();
  }
  await snapshot(customer, "journey-5-customer-rated");

  // ── 6. The admin console: today's figures count the order; its page shows the whole
  // timeline, the courier who took the offer, and a ledger that balances. ──
  const after = await todaysFigures(admin);
  expect(after, "today's orders and deliveries each went up by this order").toEqual({
    orders: before.orders + 1,
    delivered: before.delivered + 1,
  });
  await snapshot(admin, "journey-6-admin-today");

  await admin
    .getByRole("navigation", { name: "Sections" })
    .getByRole("link", { name: "Orders" })
    .click();
  await expect(admin.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  await admin.getByRole("searchbox", { name: "Find an order" }).fill(`#${number}`);
  await admin.getByRole("button", { name: "Search", exact: true }).click();
  await expect(admin.getByRole("heading", { name: `Order #${number}`, level: 1 })).toBeVisible();
  const summary = admin.getByRole("region", { name: "Summary" });
  await expect(summary).toContainText("Delivered");
  await expect(summary).toContainText("Tasca da Prata");
  await expect(summary).toContainText(total);
  const timeline = admin.getByRole("list", { name: "Timeline" }).getByRole("listitem");
  const moves = [
    "New order → Pending",
    "Pending → Accepted",
    "Accepted → Preparing",
    "Preparing → Ready for pick-up",
    "Ready for pick-up → Picked up",
    "Picked up → Delivered",
  ];
  await expect(timeline.filter({ hasText: / → / })).toHaveText(
    moves.map((m) => new RegExp(`^${m}`)),
  );
  await expect(timeline.filter({ hasText: /^Dispatch offered/ }).first()).toBeVisible();
  await expect(
    admin
      .getByRole("region", { name: "Dispatch offers" })
      .getByRole("row")
      .filter({ hasText: f.courierName }),
  ).toContainText("accepted");
  const ledger = admin.getByRole("region", { name: "Ledger" });
  await expect(ledger.getByTestId("ledger-verdict")).toHaveText("Ledger balanced");
  await expect(ledger.getByRole("row", { name: /^Sum/ })).toContainText("€0.00");
  await snapshot(admin, "journey-6-admin-order");

  await Promise.all([customerCtx, kitchenCtx, phoneCtx, adminCtx].map((c) => c.close()));
});
