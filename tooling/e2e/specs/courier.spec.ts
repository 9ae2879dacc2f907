import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { e2eDb } from "../db";

test("couriers on duty are listed by zone and the page fits a phone", async ({ page }) => {
  const db = e2eDb();
  const [row] = rowsOf<{ on_duty: number; busy: number }>(
    await db.execute(
      sql`select count(*) filter (where status <> 'offline')::int as on_duty, count(*) filter (where status = 'busy')::int as busy from couriers`,
    ),
  );
  await db.$close();
  expect(row?.on_duty).toBeGreaterThan(30);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Couriers on duty" })).toBeVisible();
  await expect(
    page.getByText(`${row?.on_duty} on duty now · ${row?.busy} on a delivery`),
  ).toBeVisible();
  await expect(page.getByRole("listitem")).toHaveCount(row?.on_duty ?? 0);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "no sideways scrolling on a phone").toBeLessThanOrEqual(0);
  await snapshot(page, "courier-on-duty");
});
