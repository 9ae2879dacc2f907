// What every portal promises whatever the page: security headers, and procedures that check
// who is calling over HTTP.
import { expect, test } from "@playwright/test";

import { signIn } from "../auth";
import { PORTALS, portalUrl } from "../portals";
import type { TPortal } from "../portals";

/**
 * The console's dashboard (admin.dashboard, scoped to the caller's areas), asked for with a valid
 * input (superjson-wrapped) so a refusal can only be about who is calling.
 */
const CONSOLE_PROCEDURE = `/api/trpc/admin.dashboard?input=${encodeURIComponent(JSON.stringify({ json: { range: "7d" } }))}`;

for (const portal of Object.keys(PORTALS) as TPortal[]) {
  test(`${portal} sends security headers`, async ({ request }) => {
    const res = await request.get(`${portalUrl(portal)}/`);
    expect(res.status()).toBe(200);
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["strict-transport-security"]).toContain("max-age=");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"]).toContain("camera=()");
    expect(h["x-powered-by"]).toBeUndefined();
  });

  test(`${portal} refuses the console's procedures to anonymous callers over HTTP`, async ({
    request,
  }) => {
    const res = await request.get(`${portalUrl(portal)}${CONSOLE_PROCEDURE}`);
    expect(res.status()).toBe(401);
    expect(await res.text()).toContain("Sign in");
  });
}

test("a signed-in caller without the role is refused the console's procedures", async ({
  page,
}) => {
  await signIn(page, "owner@lastmile.dev", { portal: "merchant" });
  const res = await page.request.get(`${portalUrl("merchant")}${CONSOLE_PROCEDURE}`);
  expect(res.status()).toBe(403);
});

/** Each portal's first page, as its demo person opens it. */
const FIRST_PAGES: { portal: TPortal; email: string; shows: RegExp }[] = [
  { portal: "customer", email: "customer@lastmile.dev", shows: /restaurants/i },
  { portal: "merchant", email: "owner@lastmile.dev", shows: /Orders/ },
  { portal: "courier", email: "courier@lastmile.dev", shows: /Hello/ },
  { portal: "admin", email: "admin@lastmile.dev", shows: /Dashboard|Today/ },
];

for (const { portal, email, shows } of FIRST_PAGES) {
  test(`${portal}'s first page hydrates what the server drew, with no errors`, async ({
    browser,
  }) => {
    const context = await browser.newContext({ baseURL: portalUrl(portal) });
    const page = await context.newPage();
    await signIn(page, email, { portal });
    // A hydration mismatch (React #418) throws away the server's HTML and draws the page again.
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1 }).first()).toContainText(shows);
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
    await context.close();
  });
}
