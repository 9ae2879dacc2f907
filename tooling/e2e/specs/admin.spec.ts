import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { signIn } from "../auth";
import { e2eDb } from "../db";

test("the overview counts what the database holds", async ({ page }) => {
  const db = e2eDb();
  const [row] = rowsOf<{ orders: number; merchants: number }>(
    await db.execute(
      sql`select (select count(*) from orders)::int as orders, (select count(*) from merchants where status = 'verified')::int as merchants`,
    ),
  );
  await db.$close();
  expect(row?.orders).toBeGreaterThanOrEqual(5000);

  await signIn(page, "admin@lastmile.dev");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Platform overview" })).toBeVisible();
  const stat = (label: string) =>
    page.getByRole("group", { name: label, exact: true }).locator("dd").first();
  await expect(stat("All time")).toHaveText((row?.orders ?? 0).toLocaleString("en"));
  await expect(stat("Merchants live")).toHaveText(String(row?.merchants));
  // The chart draws the last fourteen days.
  await expect(
    page.getByRole("img", { name: /Orders per day: \d+ orders in 14 periods/ }),
  ).toBeVisible();
  await snapshot(page, "admin-overview");
});
