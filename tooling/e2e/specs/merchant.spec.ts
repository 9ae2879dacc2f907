// The kitchen portal on a tablet: the live board (a customer's order arrives without a reload and
// rings; accept, prepare, ready; reject with a reason), the menu's sold-out switch as the
// customer's API then sees it, and what staff may not open. Customers order through the customer
// portal's own tRPC endpoint, signed in as the demo customer, exactly as its pages would.
import { expect, test } from "@playwright/test";
import type { APIRequestContext, Page } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { signIn } from "../auth";
import { e2eDb } from "../db";
import { portalUrl } from "../portals";

const OWNER = "owner@lastmile.dev";
const STAFF = "staff@lastmile.dev";
const CUSTOMER = "customer@lastmile.dev";

type TFixture = { merchantId: string; name: string; itemId: string; itemName: string; addressId: string };

/** Reads one row from the e2e database. */
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

let f: TFixture;

test.beforeAll(async () => {
  const m = await one<{ id: string; name: string }>(sql`
    select m.id, m.name from merchants m
    join merchant_members mm on mm.merchant_id = m.id
    join users u on u.id = mm.user_id and u.email = ${OWNER}`);
  // A dish a customer can order without choosing options.
  const item = await one<{ id: string; name: string }>(sql`
    select i.id, i.name from menu_items i
    where i.merchant_id = ${m.id} and i.available and coalesce(i.stock_count, 1) > 0
      and not exists (select 1 from menu_item_modifier_groups l join modifier_groups g on g.id = l.group_id
                      where l.item_id = i.id and g.min_choices > 0)
    order by i.price_cents desc, i.name limit 1`);
  const address = await one<{ id: string }>(sql`
    select a.id from customer_addresses a join users u on u.id = a.user_id
    where u.email = ${CUSTOMER} order by a.is_default desc, a.created_at limit 1`);
  f = { merchantId: m.id, name: m.name, itemId: item.id, itemName: item.name, addressId: address.id };
  // The kitchen decides by hand in these tests, at any hour the suite happens to run.
  const db = e2eDb();
  await db.execute(sql`update merchants set auto_accept = false, availability = 'open', paused_until = null where id = ${m.id}`);
  await db.execute(sql`delete from merchant_closures where merchant_id = ${m.id}`);
  await db.execute(sql`delete from merchant_hours where merchant_id = ${m.id}`);
  await db.execute(sql`insert into merchant_hours (merchant_id, weekday, opens_at, closes_at)
                       select ${m.id}, d, '00:00', '23:59' from generate_series(1, 7) d`);
  await db.$close();
});

/** Calls a customer procedure on the customer portal: `{ ok, status, data | error }`. */
async function customerCall(request: APIRequestContext, path: string, input?: unknown) {
  const base = portalUrl("customer");
  const res = await request.post(`${base}/api/trpc/${path}`, {
    data: input === undefined ? {} : { json: input },
    headers: { origin: base, "content-type": "application/json" },
  });
  const body = (await res.json()) as { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string } } };
  return { ok: res.ok(), status: res.status(), data: body.result?.data?.json, error: body.error?.json?.message ?? null };
}

/** Reads a query on the customer portal (tRPC queries are GETs with the input in the address). */
async function customerQuery(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.get(`${portalUrl("customer")}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const body = (await res.json()) as { result?: { data?: { json?: unknown } }; error?: { json?: { message?: string } } };
  return { ok: res.ok(), data: body.result?.data?.json, error: body.error?.json?.message ?? null };
}

/** The demo customer orders the fixture dish from the demo restaurant; returns the order number. */
async function placeOrder(customer: Page, key: string) {
  const call = (path: string, input?: unknown) => customerCall(customer.request, path, input);
  expect((await call("cart.clear")).ok).toBe(true);
  const added = await call("cart.add", { itemId: f.itemId, quantity: 2 });
  expect(added.error).toBeNull();
  const quote = await call("checkout.quote", { dropoff: { addressId: f.addressId }, tipCents: 100 });
  expect(quote.error).toBeNull();
  const placed = await call("checkout.placeOrder", {
    quoteId: (quote.data as { quoteId: string }).quoteId,
    idempotencyKey: `e2e-merchant-${key}-${Date.now()}`,
    payment: { kind: "card", number: "4242 4242 4242 4242", expMonth: 12, expYear: 2031, cvc: "123" },
    instructions: "Ring twice, please",
  });
  expect(placed.error).toBeNull();
  return (placed.data as { number: number }).number;
}

/** Discovery lists open restaurants, then closed ones with when they open: is ours open now? */
async function openForCustomers(customer: Page) {
  const address = await one<{ lng: number; lat: number }>(sql`
    select ST_X(location::geometry) as lng, ST_Y(location::geometry) as lat from customer_addresses where id = ${f.addressId}`);
  const r = await customerQuery(customer.request, "catalog.merchantsDeliveringTo", { lng: Number(address.lng), lat: Number(address.lat), search: f.name });
  expect(r.error).toBeNull();
  const items = (r.data as { items: { id: string; openNow: boolean }[] }).items;
  return items.find((m) => m.id === f.merchantId)?.openNow ?? false;
}

const column = (page: Page, label: string) => page.getByRole("region", { name: new RegExp(`^${label}`) });
const card = (page: Page, number: number) => page.getByRole("article", { name: new RegExp(`^Order ${number}\\b`) });

test("the board shows the restaurant's open orders and today's finished ones in their columns", async ({ page }) => {
  const rows = rowsOf<{ status: string; n: number }>(
    await (async () => {
      const db = e2eDb();
      const r = await db.execute(sql`
        select o.status, count(*)::int as n from orders o join merchants m on m.id = o.merchant_id
        where o.merchant_id = ${f.merchantId}
          and (o.status in ('PENDING','ACCEPTED','PREPARING','READY_FOR_PICKUP','PICKED_UP')
               or o.placed_at >= date_trunc('day', now() at time zone m.timezone) at time zone m.timezone)
        group by o.status`);
      await db.$close();
      return r;
    })(),
  );
  const count = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + r.n, 0);

  await signIn(page, OWNER);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(f.name);
  await expect(column(page, "New").getByRole("heading")).toContainText(String(count("PENDING")));
  await expect(column(page, "Preparing").getByRole("heading")).toContainText(String(count("ACCEPTED", "PREPARING")));
  await expect(column(page, "Ready").getByRole("heading")).toContainText(String(count("READY_FOR_PICKUP")));
  await expect(column(page, "With courier").getByRole("heading")).toContainText(String(count("PICKED_UP")));
  await snapshot(page, "merchant-board");
});

test("a new order appears live and rings until seen; the kitchen accepts, prepares and marks it ready", async ({ page, browser }) => {
  await signIn(page, OWNER);
  await page.goto("/");
  await page.getByRole("button", { name: "Sound off" }).click();
  await expect(page.getByRole("button", { name: "Sound on" })).toHaveAttribute("aria-pressed", "true");
  // Orders already waiting from the seed are acknowledged, so any ring from here is the new one's.
  const seen = page.getByRole("button", { name: "Seen" });
  if (await seen.isVisible()) await seen.click();
  await expect(seen).toBeHidden();

  const customer = await browser.newPage();
  await signIn(customer, CUSTOMER, { portal: "customer" });
  const number = await placeOrder(customer, "accept");

  // No reload: the order arrives over the restaurant's channel, flashes and rings.
  const alert = page.getByRole("alert").filter({ hasText: `#${number}` });
  await expect(alert).toContainText("New order");
  await expect(alert).toHaveAttribute("data-rings", /^[1-9]/);
  const ticket = column(page, "New").getByRole("article", { name: new RegExp(`^Order ${number}, new`) });
  await expect(ticket).toContainText(`2× ${f.itemName}`);
  await expect(ticket).toContainText(/Cancels if not accepted in \d+:\d\d/);
  await snapshot(page, "merchant-new-order");

  // The detail shows the ticket; opening it counts as seeing it.
  await ticket.getByRole("button", { name: new RegExp(`^Open order ${number}`) }).click();
  const dialog = page.getByRole("dialog", { name: `Order #${number}` });
  await expect(dialog).toContainText("Ring twice, please");
  await expect(dialog.getByRole("button", { name: "Print kitchen ticket" })).toBeVisible();
  await dialog.getByRole("button", { name: "Accept" }).click();
  const accept = page.getByRole("dialog", { name: `Accept #${number}` });
  await accept.getByText("20 min", { exact: true }).click();
  await expect(accept.getByRole("radio", { name: "20 min" })).toBeChecked();
  await accept.getByRole("button", { name: "Accept — ready in 20 min" }).click();
  await expect(accept).toBeHidden();
  await expect(alert).toBeHidden();

  const preparing = column(page, "Preparing").getByRole("article", { name: new RegExp(`^Order ${number}\\b`) });
  await expect(preparing).toContainText(/Ready by \d\d:\d\d · \d+ min left/);
  await preparing.getByRole("button", { name: "Start preparing" }).click();
  await preparing.getByRole("button", { name: "Mark ready" }).click();
  await expect(column(page, "Ready").getByRole("article", { name: new RegExp(`^Order ${number}\\b`) })).toBeVisible();
  await snapshot(page, "merchant-ready");

  const order = await one<{ status: string; prep_time_min: number }>(sql`select status, prep_time_min from orders where number = ${number}`);
  expect(order).toEqual({ status: "READY_FOR_PICKUP", prep_time_min: 20 });
  await customer.close();
});

test("rejecting asks for a reason, cancels the order and voids the payment", async ({ page, browser }) => {
  const customer = await browser.newPage();
  await signIn(customer, CUSTOMER, { portal: "customer" });
  const number = await placeOrder(customer, "reject");
  await customer.close();

  await signIn(page, OWNER);
  await page.goto("/");
  await card(page, number).getByRole("button", { name: "Reject" }).click();
  const reject = page.getByRole("dialog", { name: `Reject #${number}` });
  await reject.getByRole("button", { name: "Reject order" }).click();
  await expect(reject).toContainText("Choose a reason, or write your own.");
  await reject.getByText("Another reason…").click();
  await reject.getByLabel("Your reason").fill("Our fryer broke down");
  await reject.getByRole("button", { name: "Reject order" }).click();
  await expect(reject).toBeHidden();
  const done = column(page, "Done").getByRole("article", { name: `Order ${number}` });
  await expect(done).toContainText("Cancelled");
  await expect(done).toContainText("Our fryer broke down");

  const row = await one<{ status: string; reason: string; payment: string }>(sql`
    select o.status, o.cancellation_reason as reason, p.status as payment
    from orders o join payments p on p.order_id = o.id where o.number = ${number}`);
  expect(row).toEqual({ status: "CANCELLED", reason: "Our fryer broke down", payment: "voided" });
});

test("a dish switched to sold out is refused by the customer's API at once", async ({ page, browser }) => {
  await signIn(page, STAFF);
  await page.goto("/menu");
  const toggle = page.getByRole("switch", { name: `${f.itemName} available` });
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await snapshot(page, "merchant-menu-sold-out");

  const customer = await browser.newPage();
  await signIn(customer, CUSTOMER, { portal: "customer" });
  await customerCall(customer.request, "cart.clear");
  const refused = await customerCall(customer.request, "cart.add", { itemId: f.itemId, quantity: 1 });
  expect(refused.status).toBe(409);
  expect(refused.error).toBe(`${f.itemName} is sold out right now.`);

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  const added = await customerCall(customer.request, "cart.add", { itemId: f.itemId, quantity: 1 });
  expect(added.error).toBeNull();
  await customerCall(customer.request, "cart.clear");
  await customer.close();
});

test("the menu explains what the server refused, next to the field", async ({ page }) => {
  await signIn(page, OWNER);
  await page.goto("/menu");
  await page.getByRole("button", { name: `Edit ${f.itemName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${f.itemName}` });
  await dialog.getByLabel("Photo link").fill("not a link");
  await dialog.getByRole("button", { name: "Save dish" }).click();
  await expect(dialog.getByLabel("Photo link")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByLabel("Photo link")).toBeFocused();
  await expect(dialog).toContainText("Enter a full link to the photo");
});

test("staff run the board and the menu but cannot open the store, the team or the money", async ({ page }) => {
  await signIn(page, STAFF);
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Sections" });
  await expect(nav.getByRole("link", { name: "Menu" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Store" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Team" })).toHaveCount(0);
  await page.goto("/store");
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/team");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  await page.goto("/insight");
  await expect(page.getByRole("heading", { name: "Insight" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Earnings" })).toHaveCount(0);
  await snapshot(page, "merchant-insight-staff");
});

test("the owner sees insight charts with earnings, and pausing the store closes it in discovery until reopened", async ({ page, browser }) => {
  await signIn(page, OWNER);
  await page.goto("/insight?days=30");
  await expect(page.getByRole("img", { name: /^Sales delivered per day, last 30 days: / })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Orders by hour of the day/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Earnings" })).toBeVisible();
  await snapshot(page, "merchant-insight-owner");

  const customer = await browser.newPage();
  await signIn(customer, CUSTOMER, { portal: "customer" });
  const openInDiscovery = () => openForCustomers(customer);
  expect(await openInDiscovery()).toBe(true);

  await page.goto("/store");
  await page.getByRole("button", { name: "30 min" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Paused until" })).toContainText("it reopens by itself");
  await snapshot(page, "merchant-store-paused");
  expect(await openInDiscovery()).toBe(false);

  await page.getByRole("button", { name: "Reopen now" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Open: taking orders" })).toBeVisible();
  expect(await openInDiscovery()).toBe(true);
  await customer.close();
});

test("the owner invites kitchen staff, who get an email through the outbox", async ({ page }) => {
  const email = `cook-${Date.now()}@lastmile.dev`;
  await signIn(page, OWNER);
  await page.goto("/team");
  await expect(page.getByRole("heading", { name: "Who runs the kitchen" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: STAFF })).toContainText("Staff");
  await page.getByLabel("Name").fill("Nova Cozinheira");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("status")).toContainText(`Invitation sent to ${email}`);
  await expect(page.getByRole("listitem").filter({ hasText: email })).toContainText("has not signed in yet");
  await snapshot(page, "merchant-team");
  const mail = await one<{ subject: string; status: string }>(sql`select subject, status from email_outbox where to_address = ${email}`);
  expect(mail?.status).toBe("pending");
  expect(mail?.subject).toContain(`invited you to ${f.name} on Lastmile`);
});

test("the owner closes every day in the opening hours and discovery shows the restaurant closed", async ({ page, browser }) => {
  await signIn(page, OWNER);
  await page.goto("/store");
  const hours = page.getByRole("region", { name: "Opening hours" });
  for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]) {
    await hours.getByRole("button", { name: new RegExp(`^Remove ${day} `) }).click();
    await expect(hours.getByRole("listitem").filter({ hasText: day })).toContainText("Closed");
  }
  await hours.getByRole("button", { name: "Save opening hours" }).click();
  await expect(hours.getByRole("status")).toContainText("Opening hours saved.");
  await snapshot(page, "merchant-store-hours-closed");

  const customer = await browser.newPage();
  await signIn(customer, CUSTOMER, { portal: "customer" });
  expect(await openForCustomers(customer)).toBe(false);
  await customer.close();

  // Open all day again for the tests after this one.
  const db = e2eDb();
  await db.execute(sql`insert into merchant_hours (merchant_id, weekday, opens_at, closes_at)
                       select ${f.merchantId}, d, '00:00', '23:59' from generate_series(1, 7) d`);
  await db.$close();
});
