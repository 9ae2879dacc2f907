// The customer's journey in the browser: signing up, where to deliver (inside and outside the
// zones), finding food, customising a dish with required choices, a declined card then a
// successful payment, the order page following the kitchen and the courier live, rating, and an
// order scheduled at a closed restaurant — asserted on what the person sees, checked against the DB.
import { expect, test } from "@playwright/test";
import type { BrowserContext, Page } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { resetSignInLimits, signIn } from "../auth";
import { e2eDb } from "../db";
import { portalUrl } from "../portals";
import type { TPortal } from "../portals";

const CUSTOMER = "customer@lastmile.dev";
/** Almada, across the river: outside every service zone of the demo city. */
const ALMADA = { longitude: -9.158, latitude: 38.679 };

const COURIER = "courier@lastmile.dev";

/**
 * Live updates (realtime events) must reach the page well inside its 20 s backstop refetch, so
 * steps that wait for them allow this much: passing proves the push, not the poll.
 */
const LIVE_MS = 8_000;

/** Another person's action through their own portal's API, signed in on `page`. */
async function callApi(page: Page, portal: TPortal, path: string, input: unknown) {
  const res = await page.request.post(`${portalUrl(portal)}/api/trpc/${path}?batch=1`, {
    data: { 0: { json: input } },
    headers: { origin: portalUrl(portal) },
  });
  const body = await res.text();
  expect(res.ok(), `${path}: ${body}`).toBe(true);
  expect(body, path).not.toContain('"error"');
}

/** Chooses the drop-off the way the server stores it (the address picker's cookie). */
async function setDropoff(context: BrowserContext, choice: { label: string; lng: number; lat: number }) {
  await context.addCookies([{ name: "lm_dropoff", value: encodeURIComponent(JSON.stringify(choice)), url: portalUrl("customer") }]);
}

test("the home page lists the restaurants that deliver to the demo address, quickest first", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Restaurants that deliver to you" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Delivering to Praça do Rossio/ }).first()).toBeVisible();
  const open = page.getByRole("list", { name: "Restaurants open now" }).getByRole("listitem");
  const closed = page.getByRole("list", { name: "Restaurants closed now" }).getByRole("listitem");
  await expect(open.or(closed).first()).toBeVisible();

  // Open restaurants come first, each card shows its ETA and fee, and ETAs only ever grow.
  const etas = (await open.allInnerTexts()).map((t) => {
    const m = /(\d+) min/.exec(t);
    if (!m) throw new Error(`no ETA on card: ${t}`);
    expect(t).toMatch(/€\d+\.\d\d delivery/);
    return Number(m[1]);
  });
  expect([...etas].sort((a, b) => a - b)).toEqual(etas);
  for (const t of await closed.allInnerTexts()) expect(t).toMatch(/Closed · (Opens|Closed for now)/);
  await snapshot(page, "customer-home");
});

test.describe("choosing where to deliver", () => {
  test.use({ geolocation: ALMADA, permissions: ["geolocation"] });

  test("a location outside every zone is refused with the map of where we deliver; a street inside is accepted", async ({ page }) => {
    await page.goto("/address");
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect(page.getByText("We don't deliver here yet")).toBeVisible();
    await expect(page.getByRole("button", { name: "Deliver here" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: /Shaded areas are where we deliver/ })).toBeVisible();
    await expect(page.locator("[data-map-ready]")).toHaveCount(1);
    await snapshot(page, "customer-address-outside");

    // Offline search over the city's streets keeps the house number.
    await page.getByLabel("Street and number, or a place").fill("Rua Augusta 25");
    await page.getByRole("button", { name: /^Rua Augusta 25/ }).click();
    await expect(page.getByText(/We deliver here \(Baixa/)).toBeVisible();
    await page.getByRole("button", { name: "Deliver here" }).click();
    await expect(page.getByRole("heading", { name: "Restaurants that deliver to you" })).toBeVisible();
    await expect(page.getByRole("link", { name: /Delivering to Rua Augusta 25/ }).first()).toBeVisible();
  });

  test("the home page for an address outside the zones says so and shows the zones", async ({ page, context }) => {
    await setDropoff(context, { label: "Cacilhas, Almada", lng: ALMADA.longitude, lat: ALMADA.latitude });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "We don't deliver there yet" })).toBeVisible();
    await expect(page.getByText("Cacilhas, Almada is outside the areas our couriers cover.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Map of the areas where Lastmile delivers" })).toBeVisible();
    await expect(page.locator("[data-map-ready]")).toHaveCount(1);
    await snapshot(page, "customer-home-outside");
  });
});

test("searching by cuisine or dish narrows the list", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search" }).fill("pizza");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/q=pizza/);
  const cards = page.getByRole("main").getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  for (const text of await cards.allInnerTexts()) expect(text.toLowerCase()).toContain("pizza");
});

test("the free-delivery filter keeps the restaurants that pay delivery over a basket total", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Free delivery").check();
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/free=1/);
  const cards = page.getByRole("main").getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  for (const text of await cards.allInnerTexts()) expect(text).toMatch(/Free delivery over €\d+/);
  await snapshot(page, "customer-home-free-delivery");
});

test("a customer customises a dish, is declined, pays, cancels, orders again and follows the order", async ({ page, browser }) => {
  // The whole journey, with the kitchen, ops and the courier each signing in to their own portal.
  test.setTimeout(240_000);
  // Tasca da Prata opens all day for this test, whatever the hour the suite runs at, and waits
  // for a person to accept (so the order stays pending long enough to cancel).
  const db = e2eDb();
  await db.execute(sql`update merchant_hours set opens_at = '00:00', closes_at = '23:59:59'
    where merchant_id = (select id from merchants where slug = 'tasca-da-prata')`);
  await db.execute(sql`delete from merchant_closures where merchant_id = (select id from merchants where slug = 'tasca-da-prata')`);
  await db.execute(sql`update merchants set availability = 'open', paused_until = null, auto_accept = false where slug = 'tasca-da-prata'`);
  await db.execute(sql`delete from carts where customer_id = (select id from users where email = ${CUSTOMER})`);
  const tasca = rowsOf<{ id: string }>(await db.execute(sql`select id from merchants where slug = 'tasca-da-prata'`))[0]?.id ?? "";
  const courierId = rowsOf<{ id: string }>(await db.execute(sql`select c.id from couriers c join users u on u.id = c.user_id where u.email = ${COURIER}`))[0]?.id ?? "";

  await signIn(page, CUSTOMER);
  // A saved address, chosen in the picker.
  await page.goto("/address");
  await page.getByRole("button", { name: /Home.*Rua do Arsenal 137/ }).click();
  await expect(page.getByText(/We deliver here/)).toBeVisible();
  await page.getByRole("button", { name: "Deliver here" }).click();
  await expect(page.getByRole("link", { name: /Delivering to Rua do Arsenal 137/ }).first()).toBeVisible();

  await page.goto("/m/tasca-da-prata");
  await expect(page.getByRole("heading", { name: "Tasca da Prata", level: 1 })).toBeVisible();
  await snapshot(page, "customer-menu");
  await page.getByRole("button", { name: /^Bitoque/ }).click();
  const dialog = page.getByRole("dialog", { name: "Bitoque" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText("Required · choose 1").first()).toBeVisible();

  // Required choices are enforced before anything reaches the cart.
  await dialog.getByRole("button", { name: /Add 1 to order · €11\.80/ }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Choose a cooking point.");
  await dialog.getByRole("group", { name: "Cooking point" }).getByLabel("Medium", { exact: true }).check();
  await dialog.getByRole("group", { name: "Side" }).getByLabel("Chips").check();
  // The price follows the options.
  await dialog.getByRole("group", { name: "Extras" }).getByLabel("Fried egg").check();
  await dialog.getByRole("button", { name: "One more" }).click();
  await snapshot(page, "customer-item-dialog");
  await dialog.getByRole("button", { name: /Add 2 to order · €25\.60/ }).click();
  await expect(dialog).toBeHidden();
  const cart = page.getByRole("list", { name: "Items in your cart" });
  await expect(cart).toContainText("2× Bitoque");
  await expect(cart).toContainText("Medium, Chips, Fried egg");

  await page.getByRole("link", { name: /Go to checkout/ }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByLabel("Price breakdown")).toContainText("Delivery");
  await expect(page.getByLabel("Price breakdown")).toContainText("Courier tip");
  const total = (await page.getByTestId("quote-total").innerText()).trim();

  // A declined card says so and leaves no order behind.
  await page.getByLabel("Card number").fill("4000 0000 0000 0002");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: `Pay ${total}` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Your card was declined" })).toBeVisible();
  await snapshot(page, "customer-checkout-declined");

  // A double click on Pay places one order.
  const ordersOf = async () =>
    rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from orders where customer_id = (select id from users where email = ${CUSTOMER})`))[0]?.n ?? 0;
  const before = await ordersOf();
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: `Pay ${total}` }).dblclick();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const orderId = page.url().split("/").at(-1) ?? "";

  const [order] = rowsOf<{ delivery_pin: string }>(await db.execute(sql`select delivery_pin from orders where id = ${orderId}`));
  expect(await ordersOf()).toBe(before + 1);
  await db.$close();
  await expect(page.getByTestId("order-status")).toHaveText("Waiting for the restaurant");
  await expect(page.getByTestId("delivery-pin")).toHaveText(order?.delivery_pin ?? "");
  await expect(page.getByRole("list", { name: "Order progress" }).getByRole("listitem").first()).toContainText("Order placed");
  await expect(page.getByRole("img", { name: "Restaurant: Tasca da Prata" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Delivery address: Rua do Arsenal 137/ })).toBeVisible();
  await snapshot(page, "customer-order");

  // Still pending: the customer may cancel, and the page says the payment was released.
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel the order" }).click();
  await expect(page.getByTestId("order-status")).toHaveText("Cancelled");
  await expect(page.getByText("Your payment was released; nothing was charged.")).toBeVisible();

  // Order again: the same dish and options land in the cart, ready to check out.
  await page.getByRole("button", { name: "Order again" }).click();
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Quantity of Bitoque" })).toContainText("2");
  await expect(page.getByText("Medium, Chips, Fried egg")).toBeVisible();
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: /^Pay €/ }).click();
  await expect(page).not.toHaveURL(new RegExp(orderId));
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("order-status")).toHaveText("Waiting for the restaurant");
  const secondId = page.url().split("/").at(-1) ?? "";

  // The kitchen accepts in another browser; the customer's page follows without a reload.
  const kitchen = await browser.newPage();
  await signIn(kitchen, "owner@lastmile.dev", { portal: "merchant" });
  const bell = page.getByRole("button", { name: /^Notifications/ });
  await expect(bell).toHaveAttribute("data-unread", /^\d+$/);
  const unreadBefore = Number(await bell.getAttribute("data-unread"));
  await callApi(kitchen, "merchant", "merchant.accept", { merchantId: tasca, orderId: secondId });
  await expect(page.getByTestId("order-status")).toHaveText("The restaurant accepted your order", { timeout: LIVE_MS });
  await expect(page.getByRole("list", { name: "Order progress" }).getByRole("listitem").nth(1)).toContainText("Accepted, done");
  // The bell counts the new notification on its own, and its panel says what happened.
  await expect(bell).toHaveAccessibleName(`Notifications, ${unreadBefore + 1} unread`, { timeout: LIVE_MS });
  await bell.click();
  const panel = page.getByRole("region", { name: "Notifications" });
  await expect(panel.getByRole("listitem").first()).toContainText(/accepted your order #\d+/);
  await snapshot(page, "customer-notifications");
  await panel.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell).toHaveAccessibleName("Notifications");
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(page.getByRole("button", { name: "Cancel order" })).toHaveCount(0);

  // Ops puts the demo courier on the order and the courier's phone reports a position: the
  // customer's map shows the courier, then follows them, without a reload.
  const rider = await browser.newPage();
  await signIn(rider, COURIER, { portal: "courier" });
  await callApi(rider, "courier", "courier.setDuty", { onDuty: true });
  const ops = await browser.newPage();
  await signIn(ops, "admin@lastmile.dev", { portal: "admin" });
  await callApi(ops, "admin", "admin.assignCourier", { orderId: secondId, courierId });
  await ops.close();
  // Realtime events bring these at once, well before the page's 20 s backstop refetch.
  const courierMarker = page.getByRole("img", { name: /^Courier / });
  await expect(courierMarker).toBeVisible({ timeout: LIVE_MS });
  await expect(page.getByTestId("courier-status")).toContainText("is your courier");
  const markerAt = () => courierMarker.evaluate((e) => (e as HTMLElement).style.transform);
  const firstPosition = await markerAt();
  await callApi(rider, "courier", "courier.reportLocations", { positions: [{ lng: -9.1412, lat: 38.7125, recordedAt: new Date().toISOString() }] });
  await expect.poll(markerAt, { timeout: LIVE_MS }).not.toBe(firstPosition);
  await snapshot(page, "customer-order-courier");

  // The kitchen cooks, the courier collects at the door and hands over with the PIN: each step
  // reaches the open page live.
  await callApi(kitchen, "merchant", "merchant.startPreparing", { merchantId: tasca, orderId: secondId });
  await expect(page.getByTestId("order-status")).toHaveText("Your food is being prepared", { timeout: LIVE_MS });
  await callApi(kitchen, "merchant", "merchant.markReady", { merchantId: tasca, orderId: secondId });
  await expect(page.getByTestId("order-status")).toHaveText("Ready, waiting for the courier", { timeout: LIVE_MS });
  await kitchen.close();
  const places = e2eDb();
  const [where] = rowsOf<{ m_lng: number; m_lat: number; d_lng: number; d_lat: number; pin: string }>(
    await places.execute(sql`select ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat,
      ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat, o.delivery_pin as pin
      from orders o join merchants m on m.id = o.merchant_id where o.id = ${secondId}`),
  );
  await places.$close();
  if (!where) throw new Error("the order vanished");
  await callApi(rider, "courier", "courier.pickUp", { orderId: secondId, location: { lng: Number(where.m_lng), lat: Number(where.m_lat) } });
  await expect(page.getByTestId("order-status")).toHaveText("Your courier is on the way", { timeout: LIVE_MS });
  await callApi(rider, "courier", "courier.deliver", { orderId: secondId, pin: where.pin, location: { lng: Number(where.d_lng), lat: Number(where.d_lat) } });
  await rider.close();
  await expect(page.getByTestId("order-status")).toHaveText("Delivered", { timeout: LIVE_MS });
  await expect(page.getByRole("list", { name: "Order progress" }).getByRole("listitem").last()).toContainText("Delivered, done");

  // Rating the restaurant and the courier.
  // A person taps the star (the radio under it is visually hidden).
  await page.getByRole("group", { name: "Rate the restaurant" }).locator("label", { hasText: "5 stars" }).click();
  await expect(page.getByRole("group", { name: "Rate the restaurant" }).getByRole("radio", { name: "5 stars" })).toBeChecked();
  await page.getByRole("button", { name: "Send rating" }).first().click();
  await expect(page.getByText("Thanks — your rating of the restaurant was saved.")).toBeVisible();
  await page.getByRole("group", { name: "Rate the courier" }).locator("label", { hasText: "4 stars" }).click();
  await page.getByPlaceholder("Anything to add? (optional)").fill("Quick and friendly");
  await page.getByRole("button", { name: "Send rating" }).click();
  await expect(page.getByText("Thanks — your rating of the courier was saved.")).toBeVisible();
  await snapshot(page, "customer-order-rated");
  const reviews = e2eDb();
  const rated = rowsOf<{ target: string; rating: number }>(await reviews.execute(sql`select target::text as target, rating from reviews where order_id = ${secondId} order by target::text`)).map((r) => ({ target: r.target, rating: Number(r.rating) }));
  await reviews.$close();
  expect(rated).toEqual([
    { target: "courier", rating: 4 },
    { target: "merchant", rating: 5 },
  ]);

  await page.goto("/orders");
  const latest = page.getByRole("list", { name: "Orders" }).getByRole("listitem").first();
  await expect(latest).toContainText("Tasca da Prata");
  await expect(latest).toContainText("Delivered");
  await expect(page.getByRole("list", { name: "Orders" }).getByRole("listitem").nth(1)).toContainText("Cancelled");
  await snapshot(page, "customer-orders");

  await page.getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Your addresses" })).toContainText("Rua do Arsenal 137");
  await expect(page.getByRole("img", { name: "Home: Rua do Arsenal 137" })).toBeVisible();
  await snapshot(page, "customer-account");
});

test("a new customer signs up, orders from a closed restaurant for later and sees the order scheduled", async ({ page }) => {
  test.setTimeout(120_000);
  const db = e2eDb();
  // Forno dos Fanqueiros opens two hours from now (Lisbon time), for four hours, every day.
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Lisbon", hour: "2-digit", hourCycle: "h23" }).format(new Date()));
  const opens = `${String((hour + 2) % 24).padStart(2, "0")}:00`;
  const closes = `${String((hour + 6) % 24).padStart(2, "0")}:00`;
  await db.execute(sql`delete from merchant_hours where merchant_id = (select id from merchants where slug = 'forno-dos-fanqueiros')`);
  await db.execute(sql`insert into merchant_hours (merchant_id, weekday, opens_at, closes_at)
    select m.id, d, ${opens}::time, ${closes}::time from merchants m, generate_series(1, 7) d where m.slug = 'forno-dos-fanqueiros'`);
  await db.execute(sql`delete from merchant_closures where merchant_id = (select id from merchants where slug = 'forno-dos-fanqueiros')`);
  await db.execute(sql`update merchants set availability = 'open', paused_until = null where slug = 'forno-dos-fanqueiros'`);

  // Signing up: the form, then the confirmation link from the email the outbox holds.
  await resetSignInLimits();
  const email = `planner-${Date.now().toString(36)}@example.com`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Inês Planeada");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("dinner later tonight 42");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toContainText(email);
  const [mail] = rowsOf<{ text: string }>(
    await db.execute(sql`select text from email_outbox where lower(to_address) = lower(${email}) and template = 'auth.confirm-email' order by created_at desc limit 1`),
  );
  const link = /(https?:\/\/\S+)/.exec(mail?.text ?? "")?.[1];
  expect(link, "the confirmation email carries a link").toBeTruthy();
  await page.goto(link ?? "");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page).toHaveURL(`${portalUrl("customer")}/`);
  await expect(page.getByRole("button", { name: "Notifications" })).toBeVisible();

  // Where to: typed, found by the offline street search.
  await page.goto("/address");
  await page.getByLabel("Street and number, or a place").fill("Rua Augusta 25");
  await page.getByRole("button", { name: /^Rua Augusta 25/ }).click();
  await page.getByRole("button", { name: "Deliver here" }).click();
  await expect(page.getByRole("link", { name: /Delivering to Rua Augusta 25/ }).first()).toBeVisible();

  // The closed restaurant says when it opens and takes the order for later.
  await page.goto("/m/forno-dos-fanqueiros");
  await expect(page.getByRole("status").filter({ hasText: "Forno dos Fanqueiros is closed right now" })).toContainText("pick a delivery time at checkout");
  await page.getByRole("button", { name: /^Garlic Bread/ }).click();
  const dialog = page.getByRole("dialog", { name: "Garlic Bread" });
  await dialog.getByRole("button", { name: /Add 1 to order/ }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: /Go to checkout/ }).click();

  const when = page.getByRole("group", { name: "Delivery time" });
  await expect(when).toContainText("Forno dos Fanqueiros is closed right now");
  await expect(when.getByRole("radio", { name: "As soon as possible" })).toBeDisabled();
  await expect(when.getByRole("radio", { name: "Schedule for later" })).toBeChecked();
  const slot = page.getByLabel("Deliver at");
  // The first slot leaves the kitchen time to cook after opening; take the one after it.
  const options = await slot.locator("option").allInnerTexts();
  expect(options.length).toBeGreaterThan(4);
  expect(options[0]).toMatch(/^Today \d\d:(00|15|30|45)$|^Tomorrow \d\d:(00|15|30|45)$/);
  const chosen = options[1] ?? "";
  await slot.selectOption({ label: chosen });
  const time = chosen.split(" ").at(-1) ?? "";
  await expect(page.getByText(new RegExp(`Scheduled for (tomorrow )?${time}`))).toBeVisible();
  await snapshot(page, "customer-checkout-scheduled");
  const total = (await page.getByTestId("quote-total").innerText()).trim();
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  await page.getByRole("button", { name: `Pay ${total}` }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const orderId = page.url().split("/").at(-1) ?? "";

  await expect(page.getByTestId("order-status")).toHaveText(new RegExp(`^Scheduled for (tomorrow )?${time}$`));
  await expect(page.getByTestId("scheduled-for")).toContainText("We send it to the restaurant at");
  await snapshot(page, "customer-order-scheduled");
  const [row] = rowsOf<{ status: string; local_slot: string; lead_min: number; payment: string }>(
    await db.execute(sql`select o.status, to_char(o.scheduled_for at time zone 'Europe/Lisbon', 'HH24:MI') as local_slot,
      extract(epoch from o.scheduled_for - o.release_at)::int / 60 as lead_min, p.status as payment
      from orders o join payments p on p.order_id = o.id where o.id = ${orderId}`),
  );
  await db.$close();
  expect(row).toMatchObject({ status: "PENDING", local_slot: time, payment: "authorized" });
  expect(row?.lead_min).toBeGreaterThan(10);
});
