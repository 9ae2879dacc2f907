// The operations console as its people use it: the dashboard's charts from the seeded month, an
// order offered by hand to a courier geo suggests (the offer reaching their phone), support
// refunding part of a customer's report, a pricing change proposed, activated and rolled back
// with the audit log telling the story, a zone redrawn and one created (wrong, then right), an
// ops manager kept inside their area, applications decided, a courier moving on the live map,
// and a courier's problem report flagged on the live map and the dispatch board.
import { devices, expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";

import { reportCourierProblem } from "@lastmile/core/couriers";
import { rowsOf } from "@lastmile/db/client";
import { opsChannel } from "@lastmile/realtime/channels";
import { realtimePublisher } from "@lastmile/realtime/publisher";

import { snapshot } from "../artifacts";
import { signIn } from "../auth";
import { e2eDb } from "../db";
import { portalUrl } from "../portals";

async function one<T>(query: ReturnType<typeof sql>) {
  const db = e2eDb();
  try {
    return rowsOf<T>(await db.execute(query))[0] as T;
  } finally {
    await db.$close();
  }
}

test("the dashboard draws the city's figures as charts", async ({ page }) => {
  // The same window as the dashboard: Lisbon's today and the six days before.
  const row = await one<{ orders: number; cancelled: number }>(sql`
    select count(*)::int as orders, count(*) filter (where status = 'CANCELLED')::int as cancelled from orders
    where placed_at >= (((now() at time zone 'Europe/Lisbon')::date - 6)::timestamp at time zone 'Europe/Lisbon')`);
  expect(row.orders).toBeGreaterThan(100);

  await signIn(page, "admin@lastmile.dev");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const stat = (label: string) => page.getByRole("group", { name: label, exact: true }).locator("dd").first();
  await expect(stat("Orders")).toHaveText(row.orders.toLocaleString("en"));
  await expect(page.getByRole("img", { name: new RegExp(`^Orders per day: ${row.orders} orders in 7 periods`) })).toBeVisible();
  await expect(page.getByRole("img", { name: /^GMV per day: €[\d,.]+ in total over 7 periods/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Orders per hour of the day: \d+ orders in 24 periods/ })).toBeVisible();
  // Days and hours on the area's clock, and the charts say which.
  await expect(page.getByRole("figure").filter({ hasText: "Orders per hour of the day" })).toContainText("Local time in Lisbon (Europe/Lisbon)");
  await expect(page.getByRole("figure").filter({ hasText: "Cancellations by reason" }).getByRole("listitem").first()).toBeVisible();
  await expect(page.getByRole("listitem", { name: /^Baixa, Chiado & Alfama: \d+ couriers, \d+ open orders/ })).toBeVisible();
  await snapshot(page, "admin-dashboard");

  // Narrowed to today: one day, still drawn.
  await page.getByLabel("Time range").selectOption("today");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/range=today/);
  await expect(page.getByRole("img", { name: /^Orders per day: \d+ orders in 1 periods/ })).toBeVisible();
});

test("an order waiting for a courier is offered by hand to one geo suggests, and the offer reaches their phone", async ({ page, browser }) => {
  // The oldest waiting order, and an approved courier with nothing on offer put online beside its
  // restaurant, as the courier app would after a location report.
  const order = await one<{ id: string; number: number; merchant: string; lng: number; lat: number }>(sql`
    select o.id, o.number, m.name as merchant, ST_X(m.location::geometry) as lng, ST_Y(m.location::geometry) as lat
    from orders o join merchants m on m.id = o.merchant_id
    where o.courier_id is null and o.status in ('ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP')
    order by o.placed_at limit 1`);
  const courier = await one<{ id: string; name: string; email: string }>(sql`
    update couriers c set status = 'online', active_orders = 0, last_seen_at = now(),
      current_location = ST_SetSRID(ST_MakePoint(${order.lng}, ${order.lat + 0.002}), 4326)::geography
    from users u
    where c.id = (select id from couriers x where application_status = 'approved' and status = 'offline' and active_orders = 0
                    and not exists (select 1 from delivery_offers d where d.courier_id = x.id and d.status = 'pending') order by id limit 1)
      and u.id = c.user_id
    returning c.id, u.name, u.email`);
  // Seeded bot couriers have no password: this one gets the demo password to sign in on a phone.
  await one(sql`update users set password_hash = (select password_hash from users where email = 'courier@lastmile.dev') where email = ${courier.email} returning id`);

  // The courier's phone: the courier portal at Pixel 7 size, standing where the courier is.
  const { defaultBrowserType: _browserType, ...pixel7 } = devices["Pixel 7"];
  const phone = await browser.newContext({ ...pixel7, baseURL: portalUrl("courier"), permissions: ["geolocation"], geolocation: { longitude: order.lng, latitude: order.lat + 0.002 } });
  const courierPage = await phone.newPage();
  await signIn(courierPage, courier.email);
  await courierPage.goto("/");
  const shift = courierPage.getByRole("region", { name: /Your shift/ });
  const goOnDuty = shift.getByRole("button", { name: "Go on duty" });
  if (await goOnDuty.isVisible()) await goOnDuty.click();
  await expect(shift).toContainText("On duty");

  await signIn(page, "admin@lastmile.dev");
  await page.goto("/dispatch");
  await expect(page.getByRole("heading", { name: "Dispatch" })).toBeVisible();
  await page.getByRole("button", { name: `Handle #${order.number}` }).click();
  const offerIt = page.getByRole("button", { name: `Offer to ${courier.name}` });
  await expect(offerIt).toBeVisible();
  // Assigning outright stays for a courier who agreed by phone.
  await expect(page.getByRole("button", { name: `Assign now to ${courier.name} without an offer` })).toBeVisible();
  await expect(page.getByText(new RegExp(`${courier.name} · \\w+ · \\d+ m away`))).toBeVisible();
  await snapshot(page, "admin-dispatch-suggestions");
  await offerIt.click();
  await expect(page.getByRole("status")).toContainText(`Order #${order.number} offered to ${courier.name} until`);

  // The offer arrives on the phone live, like any offer, and the courier takes it.
  const offer = courierPage.getByRole("alertdialog", { name: "New delivery offer" });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText(order.merchant);
  await snapshot(courierPage, "courier-offer-from-ops");
  await offer.getByRole("button", { name: "Accept" }).click();
  await expect(offer).toBeHidden();
  await expect.poll(async () => (await one<{ courier_id: string | null }>(sql`select courier_id from orders where id = ${order.id}`)).courier_id).toBe(courier.id);
  const round = await one<{ reason: string }>(sql`select reason from order_events where order_id = ${order.id} and metadata->>'directed' = 'true'`);
  expect(round.reason).toMatch(new RegExp(`^dispatch round \\d+: offered to ${courier.name} by hand — assigned by ops Adelina Admin$`));
  await page.reload();
  await expect(page.getByRole("button", { name: `Handle #${order.number}` })).toHaveCount(0);
  await phone.close();
});

test("support refunds part of the oldest refund request; more than was paid is refused under the amount", async ({ page }) => {
  const request = await one<{ id: string; number: number; refundable: number; email: string; report: string }>(sql`
    select o.id, o.number, p.amount_captured_cents - p.amount_refunded_cents as refundable, u.email,
           (select reason from order_events e where e.order_id = o.id and e.to_status = 'DISPUTED' order by at desc limit 1) as report
    from orders o join payments p on p.order_id = o.id join users u on u.id = o.customer_id
    where o.status = 'DISPUTED' order by o.disputed_at limit 1`);
  await signIn(page, "support@lastmile.dev");
  await page.goto("/support");
  await expect(page.getByRole("heading", { name: "Support", exact: true })).toBeVisible();
  const cases = page.getByRole("list", { name: "Refund requests, oldest first" });
  const item = cases.getByRole("listitem", { name: new RegExp(`^Refund request Order #${request.number} `) });
  await expect(item).toContainText(request.report);
  await expect(item.getByRole("link", { name: `Order #${request.number}` })).toHaveAttribute("href", `/orders/${request.id}`);
  await snapshot(page, "admin-support-queue");
  // Twenty requests at a time; the rest wait behind a button that says how many there are.
  const open = await one<{ n: number }>(sql`select count(*)::int as n from orders where status = 'DISPUTED'`);
  if (open.n > 20) {
    const shown = cases.locator(":scope > li");
    await expect(shown).toHaveCount(20);
    await page.getByRole("button", { name: `Show ${Math.min(20, open.n - 20)} more (${open.n - 20} not shown)` }).click();
    await expect(shown).toHaveCount(Math.min(40, open.n));
  }

  await item.getByLabel("Refund part of it").check();
  await item.getByLabel(/^Amount to refund/).fill(((request.refundable + 100) / 100).toFixed(2));
  await item.getByLabel(/^Reason/).fill("The drink was missing");
  await item.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(item.getByText(`Refund at most €${(request.refundable / 100).toFixed(2)}, what is left of the captured payment (${request.refundable} cents).`)).toBeVisible();
  await expect(item.getByLabel(/^Amount to refund/)).toHaveAttribute("aria-invalid", "true");
  await snapshot(page, "admin-support-refund-refused");
  const untouched = await one<{ status: string; refunds: number }>(sql`select status, (select count(*)::int from refunds where order_id = ${request.id}) as refunds from orders where id = ${request.id}`);
  expect(untouched).toEqual({ status: "DISPUTED", refunds: 0 });

  await item.getByLabel(/^Amount to refund/).fill("2.50");
  await item.getByRole("button", { name: "Refund", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Order #${request.number}:` })).toHaveText(`Order #${request.number}: €2.50 refunded; the customer is emailed.`);
  await expect(item).toHaveCount(0);
  const after = await one<{ status: string; refunded: number; ledger: number; mails: number }>(sql`
    select o.status, (select coalesce(sum(amount_cents), 0)::int from refunds where order_id = o.id) as refunded,
           (select coalesce(sum(amount_cents), 0)::int from ledger_entries where order_id = o.id) as ledger,
           (select count(*)::int from email_outbox where to_address = ${request.email} and template = 'order.refunded' and text like ${`%#${request.number}%`}) as mails
    from orders o where o.id = ${request.id}`);
  expect(after).toEqual({ status: "REFUNDED", refunded: 250, ledger: 0, mails: 1 });
});

test("pricing is proposed, activated and rolled back, and the audit log shows every step", async ({ page }) => {
  await signIn(page, "admin@lastmile.dev");
  await page.goto("/pricing");
  const active = await one<{ version: number; base: number }>(sql`select version, (value->>'baseFeeCents')::int as base from config_versions where key = 'pricing' and active`);
  const newBase = active.base + 30;

  // A value that is not a number is refused under its field, before anything is saved.
  await page.getByLabel(/^Base delivery fee/).fill("lots");
  await page.getByRole("button", { name: "Save as a proposal" }).click();
  await expect(page.getByText("Enter base delivery fee as a number.")).toBeVisible();
  await expect(page.getByLabel(/^Base delivery fee/)).toBeFocused();

  await page.getByLabel(/^Base delivery fee/).fill((newBase / 100).toFixed(2));
  await page.getByLabel("What changes and why").fill("Rain week: a higher base fee");
  // The sample quote prices the same basket under both: the customer pays more under the draft.
  const pays = page.getByRole("table", { name: /^Sample quote/ }).getByRole("row", { name: /Customer pays/ }).getByRole("cell");
  const euros = async (i: number) => Number(((await pays.nth(i).textContent()) ?? "").replace(/[^\d.]/g, ""));
  await expect.poll(async () => (await euros(1)) - (await euros(0))).toBeGreaterThanOrEqual(0.3);
  const diff = page.getByRole("table", { name: "Changes against the active version" }).first();
  await expect(diff.getByRole("row", { name: /Base delivery fee/ })).toContainText(`€${(newBase / 100).toFixed(2)}`);
  await page.getByRole("button", { name: "Save as a proposal" }).click();
  const proposed = active.version + 1;
  await expect(page.getByRole("status")).toContainText(`Version ${proposed} saved as a proposal`);

  await page.getByRole("button", { name: `Activate version ${proposed}` }).click();
  await expect(page.getByRole("status")).toHaveText(`Version ${proposed} is now active: new quotes use it.`);
  // The list follows once the page has refetched the versions.
  await expect(page.getByRole("listitem", { name: `Version ${proposed} (active)` })).toBeVisible();
  await snapshot(page, "admin-pricing-activated");
  const now = await one<{ version: number }>(sql`select version from config_versions where key = 'pricing' and active`);
  expect(now.version).toBe(proposed);

  await page.getByRole("button", { name: `Roll back to version ${active.version}` }).click();
  await expect(page.getByRole("status")).toHaveText(`Version ${active.version} is now active: new quotes use it.`);
  await expect(page.getByRole("listitem", { name: `Version ${active.version} (active)` })).toBeVisible();
  const back = await one<{ version: number }>(sql`select version from config_versions where key = 'pricing' and active`);
  expect(back.version).toBe(active.version);

  await page.goto("/audit?action=config.pricing");
  const entries = page.getByRole("list", { name: "Audit entries" }).getByRole("listitem");
  await expect(entries.nth(0)).toContainText(`config.pricing.activate on config pricing@${active.version}`);
  await expect(entries.nth(1)).toContainText(`config.pricing.activate on config pricing@${proposed}`);
  await expect(entries.nth(2)).toContainText(`config.pricing.propose on config pricing@${proposed}`);
  await expect(entries.nth(0)).toContainText("by Adelina Admin (admin@lastmile.dev) as admin");
  await expect(entries.nth(2)).toContainText(`baseFeeCents${newBase}`);
  await snapshot(page, "admin-audit-pricing");
});

/** A zone across the river, in Almada: outside the Lisboa ops manager's area, and no other spec's. */
const almadaZone = () =>
  one<{ id: string }>(sql`
    insert into service_zones (area_id, slug, name, boundary)
    select id, 'almada-centro-e2e', 'Almada Centro', ST_GeomFromText('POLYGON((-9.165 38.675, -9.150 38.675, -9.150 38.685, -9.165 38.685, -9.165 38.675))', 4326)
    from areas where name = 'Almada' and level = 'municipality'
    on conflict (slug) do update set name = excluded.name returning id`);

test("a zone redrawn across itself is refused with the spot shown, then saved when drawn right", async ({ page }) => {
  const zone = await almadaZone();
  await signIn(page, "admin@lastmile.dev");
  await page.goto("/zones");
  await expect(page.getByRole("heading", { name: "Zones", exact: true })).toBeVisible();
  await page.getByRole("combobox", { name: /^Zone/ }).selectOption({ label: "Almada Centro" });
  await expect(page.locator("[data-map-ready]")).toBeVisible();
  await page.getByRole("button", { name: "Redraw boundary" }).click();

  const box = await page.locator("[data-map-ready] canvas").boundingBox();
  if (!box) throw new Error("the map has no canvas");
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const clickAll = async (points: [number, number][]) => {
    for (const [dx, dy] of points) {
      await page.mouse.click(cx + dx, cy + dy);
    }
  };
  // A bow tie: its edges cross in the middle.
  await clickAll([[-120, -90], [120, 90], [120, -90], [-120, 90]]);
  await expect(page.getByText(/^4 corners — click the map/)).toBeVisible();
  await page.getByRole("button", { name: "Save boundary" }).click();
  // Next's route announcer is an alert too: the one that matters says what is wrong, and where.
  await expect(page.getByRole("alert").filter({ hasText: "edges cross each other" })).toContainText("The red marker shows where");
  await expect(page.getByRole("img", { name: "The problem is here" })).toBeVisible();
  await snapshot(page, "admin-zone-invalid");

  await page.getByRole("button", { name: "Start again" }).click();
  await clickAll([[-120, -90], [120, -90], [120, 90], [-120, 90]]);
  await page.getByRole("button", { name: "Save boundary" }).click();
  await expect(page.getByRole("status")).toHaveText("Almada Centro: new boundary saved.");
  const saved = await one<{ points: number; valid: boolean }>(sql`select ST_NPoints(boundary)::int as points, ST_IsValid(boundary) as valid from service_zones where id = ${zone.id}`);
  expect(saved).toEqual({ points: 5, valid: true });

  // Switched off in an emergency, and back on.
  await page.getByRole("button", { name: "Switch zone off" }).click();
  await expect(page.getByRole("status")).toHaveText("Almada Centro is now switched off.");
  await page.getByRole("button", { name: "Switch zone on" }).click();
  await expect(page.getByRole("status")).toHaveText("Almada Centro is now on.");
  await snapshot(page, "admin-zone-saved");
});

test("a new zone drawn across itself is refused with the spot shown, then created in its municipality and audited", async ({ page }) => {
  await almadaZone();
  await signIn(page, "admin@lastmile.dev");
  await page.goto("/zones");
  // The map shows Almada Centro; the new zone is drawn around the same spot, at the same scale.
  await page.getByRole("combobox", { name: /^Zone/ }).selectOption({ label: "Almada Centro" });
  await expect(page.locator("[data-map-ready]")).toBeVisible();
  await page.getByRole("button", { name: "New zone" }).click();
  const form = page.getByRole("form", { name: "New zone" });
  await form.getByLabel("Name", { exact: true }).fill("Almada Norte");
  await expect(form.getByLabel("Short name")).toHaveValue("almada-norte");
  await form.getByLabel("Belongs to").selectOption({ label: "Almada" });

  const box = await page.locator("[data-map-ready] canvas").boundingBox();
  if (!box) throw new Error("the map has no canvas");
  const clickAll = async (points: [number, number][]) => {
    for (const [dx, dy] of points) await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
  };
  await clickAll([[-100, -80], [100, 80], [100, -80], [-100, 80]]);
  await expect(form.getByText(/^4 corners — click the map/)).toBeVisible();
  await form.getByRole("button", { name: "Create zone" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "edges cross each other" })).toContainText("The red marker shows where");
  await expect(page.getByRole("img", { name: "The problem is here" })).toBeVisible();
  await snapshot(page, "admin-zone-new-invalid");
  expect(await one<{ n: number }>(sql`select count(*)::int as n from service_zones where slug = 'almada-norte'`)).toEqual({ n: 0 });

  await form.getByRole("button", { name: "Start again" }).click();
  await clickAll([[-100, -80], [100, -80], [100, 80], [-100, 80]]);
  await form.getByRole("button", { name: "Create zone" }).click();
  await expect(page.getByRole("status")).toHaveText("Almada Norte created.");
  await expect(page.getByRole("heading", { name: /^Almada Norte/ })).toBeVisible();
  const created = await one<{ area: string; points: number; valid: boolean; audited: number }>(sql`
    select a.name as area, ST_NPoints(z.boundary)::int as points, ST_IsValid(z.boundary) as valid,
           (select count(*)::int from audit_log l where l.action = 'zone.create' and l.entity_id = z.id::text) as audited
    from service_zones z join areas a on a.id = z.area_id where z.slug = 'almada-norte'`);
  expect(created).toEqual({ area: "Almada", points: 5, valid: true, audited: 1 });
  await snapshot(page, "admin-zone-created");
});

test("an ops manager sees only their area, and no pricing", async ({ page }) => {
  const almada = await almadaZone();

  await signIn(page, "admin@lastmile.dev");
  await page.goto("/");
  await expect(page.getByLabel("Zone").getByRole("option", { name: /Almada Centro/ })).toHaveCount(1);
  await page.context().clearCookies();

  await signIn(page, "ops@lastmile.dev");
  await page.goto("/");
  await expect(page.getByText(/Ops manager\) · Lisboa/)).toBeVisible();
  const zones = page.getByLabel("Zone").getByRole("option");
  await expect(zones.filter({ hasText: "Baixa, Chiado & Alfama" })).toHaveCount(1);
  await expect(zones.filter({ hasText: "Almada Centro" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Pricing" })).toHaveCount(0);
  // The Almada zone asked for by address is not theirs: the page falls back to their own area…
  await page.goto(`/?zone=${almada.id}`);
  await expect(page.getByText("Every zone in your area · last 7 days")).toBeVisible();
  // …and the API itself refuses it, and pricing.
  const input = encodeURIComponent(JSON.stringify({ json: { range: "7d", zoneId: almada.id } }));
  expect((await page.request.get(`/api/trpc/admin.dashboard?input=${input}`)).status()).toBe(404);
  expect((await page.request.get(`/api/trpc/admin.configVersions?input=${encodeURIComponent(JSON.stringify({ json: { key: "pricing" } }))}`)).status()).toBe(403);
  await page.goto("/pricing");
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await snapshot(page, "admin-ops-manager-scope");
});

test("an admin approves a courier's application; support finds people but changes no roles or pricing", async ({ page }) => {
  const applicant = await one<{ id: string; name: string; email: string }>(sql`
    select c.id, u.name, u.email from couriers c join users u on u.id = c.user_id
    where c.application_status = 'pending' order by c.created_at limit 1`);
  await signIn(page, "admin@lastmile.dev");
  await page.goto("/people");
  const row = page.getByRole("list", { name: "Courier applications" }).getByRole("listitem", { name: applicant.name });
  await row.getByRole("button", { name: `Approve ${applicant.name}` }).click();
  await expect(page.getByRole("status")).toHaveText(`${applicant.name} approved.`);
  await expect(row).toHaveCount(0);
  const decided = await one<{ status: string; audited: number }>(sql`
    select application_status as status, (select count(*)::int from audit_log where entity_id = ${applicant.id}::text and action = 'courier.approve') as audited
    from couriers where id = ${applicant.id}`);
  expect(decided).toEqual({ status: "approved", audited: 1 });
  // The outbox viewer shows what the outbox holds for them, failures with the provider's error.
  // (Seeded applicants' accounts are already active, so approval sends nothing; this is a receipt
  // the worker could not deliver.)
  await one(sql`
    insert into email_outbox (to_address, template, subject, html, text, status, attempts, last_error)
    values (${applicant.email}, 'receipt', 'Your Lastmile receipt', '<p>Thanks</p>', 'Thanks for your order.', 'failed', 3, 'mailbox unavailable') returning id`);
  await page.goto(`/outbox?to=${encodeURIComponent(applicant.email)}`);
  const mail = page.getByRole("list", { name: "Emails" }).getByRole("listitem").filter({ hasText: "Your Lastmile receipt" });
  await expect(mail).toContainText(`to ${applicant.email}`);
  await expect(mail).toContainText("failed");
  await mail.getByText("Your Lastmile receipt").click();
  await expect(mail.getByText("Last error: mailbox unavailable")).toBeVisible();
  await expect(mail.getByText("Thanks for your order.")).toBeVisible();
  await snapshot(page, "admin-outbox");

  await page.context().clearCookies();
  await signIn(page, "support@lastmile.dev");
  await page.goto("/people");
  await page.getByLabel("Name or email").fill(applicant.email);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("list", { name: "People found" }).getByRole("button", { name: new RegExp(applicant.name) }).click();
  await expect(page.getByText("Only administrators change roles or suspend accounts.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Grant" })).toHaveCount(0);
  const nav = page.getByRole("navigation", { name: "Sections" });
  await expect(nav.getByRole("link", { name: "People" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Pricing" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Dispatch" })).toHaveCount(0);
  await snapshot(page, "admin-support-people");
});

test("the live map moves a courier when their location is reported on the ops channel", async ({ page }) => {
  // An approved courier on duty in Baixa whose last position is ten minutes old: shown as stale.
  const courier = await one<{ id: string; name: string; zone_id: string; lng: number; lat: number }>(sql`
    with z as (select id, ST_PointOnSurface(boundary) as p from service_zones where name = 'Baixa, Chiado & Alfama')
    update couriers c set status = 'online', active_orders = 0, last_seen_at = now() - interval '10 minutes', current_location = z.p::geography
    from z, users u
    where c.id = (select id from couriers where application_status = 'approved' and status = 'offline' order by id desc limit 1) and u.id = c.user_id
    returning c.id, u.name, z.id as zone_id, ST_X(z.p) as lng, ST_Y(z.p) as lat`);

  await signIn(page, "admin@lastmile.dev");
  await page.goto("/map");
  const entry = page.getByRole("region", { name: /Couriers on duty/ }).getByRole("button", { name: new RegExp(`^${courier.name}`) });
  await expect(entry).toContainText("last seen 10 min ago");
  await expect(page.getByRole("img", { name: `${courier.name}, stale, last seen 10 min ago` })).toBeVisible();

  // The courier app reports a fix; the server fans it out to the zone's ops channel. Published
  // again until the page shows it, as the page may still be subscribing.
  await expect(async () => {
    await realtimePublisher.publish([
      { channel: opsChannel(courier.zone_id), name: "courier.location", data: { courierId: courier.id, lng: courier.lng + 0.001, lat: courier.lat, heading: 90, speed: 4, at: new Date().toISOString() } },
    ]);
    await expect(entry).toContainText("free", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole("img", { name: `${courier.name}, free` })).toBeVisible();
  await snapshot(page, "admin-live-map");
});

test("an administrator marks a restaurant's payout paid with the bank transfer's reference", async ({ page }) => {
  const reference = `SEPA-E2E-${Date.now()}`;
  const payout = await one<{ id: string; name: string }>(sql`
    insert into payouts (payee_type, payee_id, amount_cents, currency, status, period_start, period_end)
    select 'merchant', m.id, 4321, 'EUR', 'pending', now() - interval '7 days', now() from merchants m where m.slug = 'tasca-da-prata'
    returning id, (select name from merchants where slug = 'tasca-da-prata') as name`);

  await signIn(page, "admin@lastmile.dev");
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Payouts" }).click();
  await expect(page.getByRole("heading", { name: "Payouts", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: `Mark the payout to ${payout.name} paid` }).first();
  await expect(form).toBeVisible();
  await snapshot(page, "admin-payouts");
  // A blank reference is refused and says why; then the real one.
  await form.getByRole("button", { name: "Mark paid" }).click();
  await expect(form.getByRole("alert")).toContainText("reference");
  await form.getByLabel("Bank transfer reference").fill(reference);
  await form.getByRole("button", { name: "Mark paid" }).click();
  await expect(page.getByRole("table").getByText(reference)).toBeVisible();

  const row = await one<{ status: string; paid_reference: string; audited: number }>(sql`
    select status, paid_reference, (select count(*)::int from audit_log where entity_id = ${payout.id} and action = 'payout.mark_paid') as audited
    from payouts where id = ${payout.id}`);
  expect(row).toEqual({ status: "paid", paid_reference: reference, audited: 1 });
});

test("a courier's problem report flags the order on the live map and the dispatch board at once", async ({ page }) => {
  // An order on the road in the admin's city, with a courier on it (the seed's, or one put on it here).
  const o = await one<{ id: string; number: number; courier_id: string; user_id: string }>(sql`
    with o as (
      select id from orders where status in ('ACCEPTED', 'PREPARING', 'READY_FOR_PICKUP', 'PICKED_UP') and zone_id is not null
      order by courier_id nulls last, placed_at desc limit 1),
    c as (select id, user_id from couriers where application_status = 'approved' order by id limit 1)
    update orders set courier_id = coalesce(orders.courier_id, c.id) from o, c where orders.id = o.id
    returning orders.id, orders.number, orders.courier_id, (select user_id from couriers where id = orders.courier_id) as user_id`);
  const note = `Buzzer broken at door ${Date.now() % 10_000}`;

  await signIn(page, "admin@lastmile.dev");
  await page.goto("/map");
  await expect(page.getByRole("region", { name: /Orders in flight/ })).toBeVisible();
  const flagged = page.getByRole("region", { name: /Couriers asking for help/ }).getByTestId("courier-problem").filter({ hasText: note });
  await expect(flagged).toHaveCount(0);

  // The courier reports from the door; the page may still be subscribing, so the courier tries again until it shows.
  const db = e2eDb();
  await expect(async () => {
    await reportCourierProblem(db, realtimePublisher, { courierId: o.courier_id, userId: o.user_id, orderId: o.id, problem: "customer_not_there", note });
    await expect(flagged).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await db.$close();
  await expect(flagged).toContainText(`#${o.number}`);
  await expect(flagged).toContainText(`Customer not there: ${note}`);
  await expect(flagged).toContainText("Flagged");
  await snapshot(page, "admin-courier-problem");

  await page.goto("/dispatch");
  await expect(page.getByRole("region", { name: /Couriers asking for help/ }).getByTestId("courier-problem").filter({ hasText: note })).toBeVisible();
});

test("support finds a refunded order by its number and reads its timeline, refund and balanced ledger", async ({ page }) => {
  const order = await one<{ id: string; number: number; refunds: number }>(sql`
    select o.id, o.number, (select count(*)::int from refunds r where r.order_id = o.id) as refunds
    from orders o where o.status = 'REFUNDED' and exists (select 1 from refunds r where r.order_id = o.id)
    order by o.placed_at desc limit 1`);
  expect(order.refunds).toBeGreaterThan(0);

  await signIn(page, "support@lastmile.dev");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Orders" }).click();
  await expect(page.getByRole("heading", { name: "Orders", level: 1 })).toBeVisible();
  // Refunded ones only: every row says so.
  await page.getByLabel("Status").selectOption("REFUNDED");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/status=REFUNDED/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows.nth(1)).toBeVisible();
  for (const status of await rows.locator("td:nth-child(6)").allInnerTexts()) expect(status).toBe("Refunded");
  await snapshot(page, "admin-orders-refunded");

  // Its number opens it.
  await page.getByRole("searchbox", { name: "Find an order" }).fill(`#${order.number}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${order.id}$`));
  await expect(page.getByRole("heading", { name: `Order #${order.number}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "Summary" })).toContainText("Refunded");
  const moves = page.getByRole("list", { name: "Timeline" }).getByRole("listitem").filter({ hasText: / → / });
  await expect(moves.first()).toHaveText(/^New order → Pending/);
  await expect(moves.last()).toHaveText(/^Delivered → Refunded/);
  await expect(page.getByRole("region", { name: "Payment and refunds" }).getByRole("list", { name: "Refunds" }).getByRole("listitem")).toHaveCount(order.refunds);
  await expect(page.getByRole("region", { name: "Ledger" }).getByTestId("ledger-verdict")).toHaveText("Ledger balanced");
  await snapshot(page, "admin-order-refunded");

  // On a phone the page stacks and nothing spills sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snapshot(page, "admin-order-refunded-phone");
});
