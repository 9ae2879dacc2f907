import { expect, test } from "@playwright/test";

import { snapshot } from "../artifacts";

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
  for (const t of await closed.allInnerTexts()) expect(t).toMatch(/Closed · Opens|Closed for now/);
  await snapshot(page, "customer-home");
});
