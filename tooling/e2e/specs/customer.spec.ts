import { expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { e2eDb } from "../db";

test("the home page lists the restaurants that deliver to the demo address, nearest first", async ({
  page,
}) => {
  const db = e2eDb();
  // What PostGIS says: verified merchants whose delivery radius covers Praça do Rossio.
  const [expected] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from merchants m join service_zones z on z.id = m.zone_id
      where m.status = 'verified' and m.availability <> 'paused' and z.active
        and ST_DWithin(m.location, ST_SetSRID(ST_MakePoint(-9.1393, 38.7139), 4326)::geography, m.delivery_radius_m)`),
  );
  await db.$close();
  const shown = Math.min(24, expected?.n ?? 0);
  expect(shown).toBeGreaterThan(3);

  await page.goto("/");
  await expect(
    page.getByRole("heading", { name: "Restaurants that deliver to you" }),
  ).toBeVisible();
  await expect(page.getByText("Delivering to")).toContainText("Praça do Rossio");
  const cards = page.getByRole("list", { name: "Restaurants" }).getByRole("listitem");
  await expect(cards).toHaveCount(shown);

  // Distances read off the cards only ever grow.
  const distances = (await cards.allInnerTexts()).map((t) => {
    const m = /([\d.]+) (m|km)/.exec(t);
    if (!m) throw new Error(`no distance on card: ${t}`);
    return Number(m[1]) * (m[2] === "km" ? 1000 : 1);
  });
  expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  await snapshot(page, "customer-home");
});
