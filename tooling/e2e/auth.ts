// Signing in from a spec: through the real sign-in page, with the seeded demo logins.
import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";
import { sql } from "drizzle-orm";

import { e2eDb } from "./db";
import { portalUrl } from "./portals";
import type { TPortal } from "./portals";

/** The password of every seeded demo login (packages/db/src/seed/people.ts). */
export const DEMO_PASSWORD = "lastmile-demo";

/**
 * Every spec signs in (and signs up) from the same address, and the portals allow 5 sign-in
 * attempts and 3 registrations a minute per IP: specs start from a clean slate rather than sleep.
 */
export async function resetSignInLimits() {
  const db = e2eDb();
  await db.execute(sql`delete from rate_limits`);
  await db.execute(sql`delete from auth_failures`);
  await db.$close();
}

/**
 * Signs in at `portal` (default: the project's baseURL) and waits until the portal shows a page
 * other than the sign-in form.
 */
export async function signIn(
  page: Page,
  email: string,
  opts: { password?: string; portal?: TPortal; callbackUrl?: string } = {},
) {
  await resetSignInLimits();
  const base = opts.portal ? portalUrl(opts.portal) : "";
  const query = opts.callbackUrl ? `?callbackUrl=${encodeURIComponent(opts.callbackUrl)}` : "";
  await page.goto(`${base}/sign-in${query}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(opts.password ?? DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 20_000 });
}

/** The refusal the sign-in form shows (the route announcer is an alert too, so skip it). */
export const formAlert = (page: Page) =>
  page.locator('[role="alert"]:not(#__next-route-announcer__)').first();
