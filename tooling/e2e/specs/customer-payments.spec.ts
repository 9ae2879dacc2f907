// Paying with a card whose bank asks the customer to confirm (3-D Secure), with the Local
// provider's test card 4000 0027 6000 3184: the bank's dialog appears; Confirm places the order,
// Cancel leaves no order and says why — checked on the page and in the database.
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { signIn } from "../auth";
import { e2eDb } from "../db";
import { portalUrl } from "../portals";

const CUSTOMER = "customer@lastmile.dev";
const BANK_CARD = "4000 0027 6000 3184";

let fixture: { itemId: string; addressId: string };

test.beforeAll(async () => {
  const db = e2eDb();
  const one = async <T,>(q: ReturnType<typeof sql>) => {
    const [row] = rowsOf<T>(await db.execute(q));
    if (!row) throw new Error("fixture row missing");
    return row;
  };
  // Tasca da Prata open all day and deciding by hand, whatever the hour the suite runs.
  const m = await one<{ id: string }>(sql`select id from merchants where slug = 'tasca-da-prata'`);
  await db.execute(sql`update merchants set auto_accept = false, availability = 'open', paused_until = null where id = ${m.id}`);
  await db.execute(sql`delete from merchant_closures where merchant_id = ${m.id}`);
  await db.execute(sql`update merchant_hours set opens_at = '00:00', closes_at = '23:59:59' where merchant_id = ${m.id}`);
  const item = await one<{ id: string }>(sql`
    select i.id from menu_items i
    where i.merchant_id = ${m.id} and i.available and i.stock_count is null
      and not exists (select 1 from menu_item_modifier_groups l join modifier_groups g on g.id = l.group_id where l.item_id = i.id and g.min_choices > 0)
    order by i.name limit 1`);
  const address = await one<{ id: string }>(sql`
    select a.id from customer_addresses a join users u on u.id = a.user_id
    where u.email = ${CUSTOMER} order by a.is_default desc, a.created_at limit 1`);
  fixture = { itemId: item.id, addressId: address.id };
  await db.$close();
});

const ordersOf = async () => {
  const db = e2eDb();
  const n = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from orders where customer_id = (select id from users where email = ${CUSTOMER})`))[0]?.n ?? 0;
  await db.$close();
  return n;
};

/** A fresh cart with one dish, then the checkout page with the bank's test card filled in. */
async function checkoutWithBankCard(page: Page) {
  await signIn(page, CUSTOMER);
  const base = portalUrl("customer");
  for (const [path, input] of [
    ["cart.clear", undefined],
    ["cart.add", { itemId: fixture.itemId, quantity: 1 }],
  ] as const) {
    const res = await page.request.post(`${base}/api/trpc/${path}`, { data: input === undefined ? {} : { json: input }, headers: { origin: base, "content-type": "application/json" } });
    expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  }
  await page.goto("/checkout");
  await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
  await expect(page.getByTestId("quote-total")).toBeVisible();
  await page.getByLabel("Card number").fill(BANK_CARD);
  await page.getByLabel("Expiry (MM/YY)").fill("12/30");
  await page.getByLabel("Security code").fill("123");
  const total = (await page.getByTestId("quote-total").innerText()).trim();
  return { pay: page.getByRole("button", { name: `Pay ${total}` }), total };
}

test("the bank asks to confirm; Confirm places the order", async ({ page }) => {
  const before = await ordersOf();
  const { pay, total } = await checkoutWithBankCard(page);
  await pay.dblclick();

  const bank = page.getByRole("dialog", { name: "Your bank asks you to confirm this payment" });
  await expect(bank).toBeVisible();
  await expect(bank).toContainText(total);
  // Focus is inside the bank's dialog, on its first choice.
  await expect(bank.getByRole("button", { name: "Confirm" })).toBeFocused();
  await snapshot(page, "customer-bank-challenge");
  // Nothing is placed while the bank waits.
  expect(await ordersOf()).toBe(before);

  await bank.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("order-status")).toHaveText("Waiting for the restaurant");
  expect(await ordersOf()).toBe(before + 1);
  const orderId = page.url().split("/").at(-1) ?? "";
  const db = e2eDb();
  const [payment] = rowsOf<{ status: string; provider_ref: string }>(await db.execute(sql`select status, provider_ref from payments where order_id = ${orderId}`));
  await db.$close();
  expect(payment).toEqual({ status: "authorized", provider_ref: `local_pi_${orderId}` });
});

test("the bank asks to confirm; Cancel leaves no order and says nothing was charged", async ({ page }) => {
  const before = await ordersOf();
  const { pay } = await checkoutWithBankCard(page);
  await pay.click();
  const bank = page.getByRole("dialog", { name: "Your bank asks you to confirm this payment" });
  await bank.getByRole("button", { name: "Cancel" }).click();
  await expect(bank).toBeHidden();
  const alert = page.getByRole("alert").filter({ hasText: "Payment not confirmed" });
  await expect(alert).toContainText("You did not confirm the payment with your bank, so nothing was charged.");
  await snapshot(page, "customer-bank-challenge-cancelled");
  expect(await ordersOf()).toBe(before);
  await expect(page).toHaveURL(/\/checkout$/);

  // The cart is still there; a card that needs no confirmation pays at once.
  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await pay.click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  expect(await ordersOf()).toBe(before + 1);
});
