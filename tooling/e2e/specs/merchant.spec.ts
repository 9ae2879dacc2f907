import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { signIn } from "../auth";
import { e2eDb } from "../db";

test("the kitchen board shows today's orders of the demo restaurant in their columns", async ({
  page,
}) => {
  const db = e2eDb();
  const rows = rowsOf<{ name: string; status: string; n: number }>(
    await db.execute(sql`
      select m.name, o.status, count(*)::int as n
      from merchants m
      join merchant_members mm on mm.merchant_id = m.id
      join users u on u.id = mm.user_id and u.email = 'owner@lastmile.dev'
      join orders o on o.merchant_id = m.id
        and o.placed_at >= date_trunc('day', now() at time zone m.timezone) at time zone m.timezone
      group by m.name, o.status`),
  );
  await db.$close();
  const name = rows[0]?.name;
  expect(name, "the seed gives the demo restaurant orders today").toBeTruthy();
  const count = (...statuses: string[]) =>
    rows.filter((r) => statuses.includes(r.status)).reduce((s, r) => s + r.n, 0);

  await signIn(page, "owner@lastmile.dev");
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Today's orders" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(name as string);
  const column = (label: string) => page.getByRole("region", { name: new RegExp(`^${label}`) });
  await expect(column("New").getByRole("heading")).toContainText(String(count("PENDING")));
  await expect(column("Preparing").getByRole("heading")).toContainText(
    String(count("ACCEPTED", "PREPARING")),
  );
  await expect(column("With courier").getByRole("heading")).toContainText(
    String(count("PICKED_UP")),
  );
  await snapshot(page, "merchant-board");
});
