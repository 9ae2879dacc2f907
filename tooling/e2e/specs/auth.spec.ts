// Signing in, for real, in Chromium against the four production builds: who each portal lets
// in, what everyone else is told, sessions that live side by side on one host, and the flows
// that go through the email outbox (sign-up, applications, magic links, password reset).
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";

import { snapshot } from "../artifacts";
import { DEMO_PASSWORD, formAlert, resetSignInLimits, signIn } from "../auth";
import { e2eDb } from "../db";
import { portalUrl } from "../portals";
import type { TPortal } from "../portals";

test.beforeEach(resetSignInLimits);

/** The newest email to an address, as the worker would send it, and the first link in it. */
async function lastEmail(to: string, template: string) {
  const db = e2eDb();
  const [row] = rowsOf<{ text: string; subject: string }>(
    await db.execute(sql`
      select text, subject from email_outbox where lower(to_address) = lower(${to}) and template = ${template}
      order by created_at desc limit 1`),
  );
  await db.$close();
  if (!row) throw new Error(`no ${template} email to ${to}`);
  const link = /(https?:\/\/\S+)/.exec(row.text)?.[1];
  return { ...row, link: link ?? "" };
}

async function sessionsOf(email: string) {
  const db = e2eDb();
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`
      select count(*)::int as n from sessions s join users u on u.id = s.user_id
      where lower(u.email) = lower(${email})`),
  );
  await db.$close();
  return row?.n ?? -1;
}

async function tryPassword(page: Page, portal: TPortal, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${portalUrl(portal)}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}@example.com`;

test("each portal admits its own people and tells anyone else where to go", async ({ page }) => {
  const own: Record<TPortal, string> = {
    customer: "customer@lastmile.dev",
    merchant: "staff@lastmile.dev",
    courier: "courier@lastmile.dev",
    admin: "support@lastmile.dev",
  };
  const told: Record<TPortal, [string, RegExp]> = {
    customer: [
      "ops@lastmile.dev",
      /Lastmile Food is for customers ordering food.*Lastmile Operations/,
    ],
    merchant: [
      "customer@lastmile.dev",
      /Lastmile Kitchen is for restaurant owners and their staff.*Lastmile Food/,
    ],
    courier: ["owner@lastmile.dev", /Lastmile Courier is for couriers.*Lastmile Kitchen/],
    admin: [
      "courier@lastmile.dev",
      /Lastmile Operations is for Lastmile's support, operations and admin staff.*Lastmile Courier/,
    ],
  };
  for (const portal of Object.keys(own) as TPortal[]) {
    await resetSignInLimits();
    const [outsider, message] = told[portal];
    await tryPassword(page, portal, outsider);
    await expect(formAlert(page)).toContainText(message);
    // The refusal carries a way to the right portal.
    await expect(formAlert(page).getByRole("link", { name: /^Go to / })).toHaveAttribute(
      "href",
      /\/sign-in$/,
    );
    await expect(page).toHaveURL(/\/sign-in/);
    if (portal === "admin") await snapshot(page, "auth-wrong-portal");

    await signIn(page, own[portal], { portal });
    await expect(page).toHaveURL(`${portalUrl(portal)}/`);
  }
});

test("a wrong password and an unknown email get the same answer", async ({ page }) => {
  await tryPassword(page, "merchant", "owner@lastmile.dev", "not the password");
  await expect(formAlert(page)).toBeVisible();
  const wrongPassword = await formAlert(page).innerText();
  await tryPassword(page, "merchant", "nobody-here@lastmile.dev", "not the password");
  await expect(formAlert(page)).toBeVisible();
  expect(await formAlert(page).innerText()).toBe(wrongPassword);
  expect(wrongPassword).toContain("don't match an account");
  await snapshot(page, "auth-sign-in-refused");
});

test("four portals on one host keep four sessions in __Host- cookies", async ({
  page,
  context,
}) => {
  await signIn(page, "owner@lastmile.dev", { portal: "merchant" });
  await signIn(page, "courier@lastmile.dev", { portal: "courier" });
  await signIn(page, "admin@lastmile.dev", { portal: "admin" });

  const sessions = (await context.cookies()).filter((c) => c.name.endsWith(".session"));
  expect(sessions.map((c) => c.name).sort()).toEqual([
    "__Host-lastmile-admin.session",
    "__Host-lastmile-courier.session",
    "__Host-lastmile-merchant.session",
  ]);
  for (const c of sessions) {
    expect(c).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax", path: "/" });
    expect(c.domain).toBe("localhost");
  }

  // Still signed in everywhere.
  for (const portal of ["merchant", "courier", "admin"] as const) {
    await page.goto(`${portalUrl(portal)}/`);
    await expect(page).toHaveURL(`${portalUrl(portal)}/`);
  }

  // Signing out of one leaves the others alone.
  await page.goto(`${portalUrl("courier")}/sign-out`);
  await expect(page.getByText("You're signed in as courier@lastmile.dev")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`${portalUrl("courier")}/`);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto(`${portalUrl("merchant")}/`);
  await expect(page).toHaveURL(`${portalUrl("merchant")}/`);
});

test("a session token copied to another portal's cookie is worthless there", async ({
  page,
  context,
  request,
}) => {
  await signIn(page, "admin@lastmile.dev", { portal: "admin" });
  const admin = (await context.cookies()).find((c) => c.name === "__Host-lastmile-admin.session");
  expect(admin?.value).toBeTruthy();
  const asMerchant = await request.get(`${portalUrl("merchant")}/`, {
    headers: { cookie: `__Host-lastmile-merchant.session=${admin?.value}` },
    maxRedirects: 0,
  });
  expect(asMerchant.status()).toBe(307);
  expect(asMerchant.headers().location).toBe("/sign-in");
  // …and the proxy clears it rather than leave it lying around.
  expect(asMerchant.headers()["set-cookie"]).toContain("__Host-lastmile-merchant.session=;");
});

test("a protected page sends you to sign in and back again", async ({ page }) => {
  await page.goto(`${portalUrl("courier")}/?from=test`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F%3Ffrom%3Dtest/);
  await snapshot(page, "auth-courier-sign-in");
  await page.getByLabel("Email").fill("courier@lastmile.dev");
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(`${portalUrl("courier")}/?from=test`);
  // An outside address as callbackUrl is never followed.
  await page.goto(`${portalUrl("courier")}/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2F`);
  await expect(page).toHaveURL(`${portalUrl("courier")}/`);
});

test("sign-in is refused without next-auth's CSRF token", async ({ request }) => {
  const res = await request.post(`${portalUrl("merchant")}/api/auth/callback/password`, {
    form: { email: "owner@lastmile.dev", password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect(JSON.stringify(await res.json())).toContain("csrf=true");
  expect(res.headers()["set-cookie"] ?? "").not.toContain(".session=");
});

test("five sign-in attempts a minute from one address, then a clear wait", async ({ page }) => {
  for (let i = 0; i < 5; i++) {
    await tryPassword(page, "customer", `guess${i}@example.com`, "not the password");
    await expect(formAlert(page)).toContainText("don't match an account");
  }
  await tryPassword(page, "customer", "customer@lastmile.dev");
  await expect(formAlert(page)).toContainText(
    /Too many attempts from your network\. Please wait \d+ seconds/,
  );
  await expect(page).toHaveURL(/\/sign-in/);
  await snapshot(page, "auth-rate-limited");
});

test("customers sign up, confirm through the emailed link and are signed in", async ({ page }) => {
  const email = unique("new-customer");
  await page.goto(`${portalUrl("customer")}/sign-up`);
  // Empty submit: errors per field, focus on the first.
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Your name")).toBeFocused();
  await expect(page.getByLabel("Your name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await snapshot(page, "auth-sign-up-errors");

  await page.getByLabel("Your name").fill("Nova Cliente");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("a fresh new passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toContainText(
    email,
  );

  // The same form with an address that is taken says exactly the same.
  await page.goto(`${portalUrl("customer")}/sign-up`);
  await page.getByLabel("Your name").fill("Someone Else");
  await page.getByLabel("Email").fill("customer@lastmile.dev");
  await page.getByLabel("Password", { exact: true }).fill("another fresh passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toContainText(
    "customer@lastmile.dev",
  );
  expect((await lastEmail("customer@lastmile.dev", "auth.account-exists")).subject).toBe(
    "You already have a Lastmile account",
  );

  const mail = await lastEmail(email, "auth.confirm-email");
  await page.goto(mail.link);
  await snapshot(page, "auth-confirm-email");
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page).toHaveURL(`${portalUrl("customer")}/`);
  await page.goto(`${portalUrl("customer")}/sign-out`);
  await expect(page.getByText(`You're signed in as ${email}`)).toBeVisible();
});

test("couriers apply and wait for approval before they can sign in", async ({ page }) => {
  const email = unique("rider");
  await page.goto(`${portalUrl("courier")}/apply`);
  await page.getByLabel("Your name").fill("Rita Rider");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("pedal pedal pedal 42");
  await page.getByLabel("Mobile phone").fill("+351 912 345 678");
  await page.getByLabel("How will you deliver?").selectOption("ebike");
  await snapshot(page, "auth-courier-apply");
  await page.getByRole("button", { name: "Send application" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toBeVisible();

  await page.goto((await lastEmail(email, "auth.confirm-email")).link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(formAlert(page)).toContainText("your email address is confirmed");
  await expect(formAlert(page)).toContainText("waiting for our team's approval");

  await tryPassword(page, "courier", email, "pedal pedal pedal 42");
  await expect(formAlert(page)).toContainText("Your application is waiting for approval");
  await snapshot(page, "auth-courier-pending");
});

test("a magic link from the outbox signs in once", async ({ page, browser }) => {
  await page.goto(`${portalUrl("admin")}/sign-in`);
  await page.getByLabel("Email").fill("ops@lastmile.dev");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toBeVisible();

  const mail = await lastEmail("ops@lastmile.dev", "auth.magic-link");
  expect(mail.link.startsWith(`${portalUrl("admin")}/verify?`)).toBe(true);
  await page.goto(mail.link);
  await page.getByRole("button", { name: "Sign in to Lastmile Operations" }).click();
  await expect(page).toHaveURL(`${portalUrl("admin")}/`);

  const other = await browser.newPage();
  await other.goto(mail.link);
  await other.getByRole("button", { name: "Sign in to Lastmile Operations" }).click();
  await expect(formAlert(other)).toContainText("expired or has already been used");
  await other.close();
});

test("a password reset through the outbox works once and signs other devices out", async ({
  page,
  browser,
}) => {
  // A customer of our own, so the demo logins keep their password.
  const email = unique("forgetful");
  await page.goto(`${portalUrl("customer")}/sign-up`);
  await page.getByLabel("Your name").fill("Fernanda");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("first password here");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Check your inbox" })).toBeVisible();
  await page.goto((await lastEmail(email, "auth.confirm-email")).link);
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(page).toHaveURL(`${portalUrl("customer")}/`);

  const other = await browser.newPage();
  await other.goto(`${portalUrl("customer")}/reset-password`);
  await other.getByLabel("Email").fill(email);
  await other.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Check your inbox" })).toBeVisible();
  await snapshot(other, "auth-reset-requested");

  const mail = await lastEmail(email, "auth.password-reset");
  await other.goto(mail.link);
  await other.getByLabel("New password").fill("second password here");
  await other.getByRole("button", { name: "Save new password" }).click();
  await expect(other.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();

  await other.goto(mail.link);
  await other.getByLabel("New password").fill("third password here");
  await other.getByRole("button", { name: "Save new password" }).click();
  await expect(formAlert(other)).toContainText("expired or has already been used");
  await other.close();

  // Every session of the account was revoked; each portal notices within its claims refresh
  // (5 minutes for customers), so this browser starts afresh rather than wait.
  expect(await sessionsOf(email)).toBe(0);
  await page.context().clearCookies();
  await tryPassword(page, "customer", email, "first password here");
  await expect(formAlert(page)).toContainText("don't match an account");
  await signIn(page, email, { portal: "customer", password: "second password here" });
  expect(await sessionsOf(email)).toBe(1);
});
