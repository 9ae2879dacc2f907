import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { signIn } from "../auth";
import { e2eDb } from "../db";

test("the signed-in courier sees their own day, and the page fits a phone", async ({ page }) => {
  const db = e2eDb();
  const [me] = rowsOf<{ name: string; status: string; deliveries: number }>(
    await db.execute(sql`
      select u.name, c.status, c.deliveries_completed::int as deliveries
      from couriers c join users u on u.id = c.user_id
      where u.email = 'courier@lastmile.dev'`),
  );
  await db.$close();
  expect(me, "the seed has the demo courier").toBeTruthy();
  const first = me?.name.split(" ")[0] ?? "";

  await signIn(page, "courier@lastmile.dev");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: `Hello, ${first}` })).toBeVisible();
  const label = { online: "On duty", busy: "On a delivery", offline: "Off duty" }[me?.status ?? ""];
  await expect(page.getByRole("main")).toContainText(label ?? "");
  await expect(
    page.getByRole("group", { name: "Deliveries", exact: true }).locator("dd").first(),
  ).toHaveText(String(me?.deliveries));
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no sideways scrolling on a phone").toBeLessThanOrEqual(0);
  await snapshot(page, "courier-home");
});
