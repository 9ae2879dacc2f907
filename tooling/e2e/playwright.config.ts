// End-to-end tests in Debian's Chromium against production builds of the four portals, served
// with a freshly migrated and seeded embedded database. `pnpm test` builds the apps first.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig, devices } from "@playwright/test";

import { E2E_DB_DIR, E2E_DB_PORT, PORTALS, portalUrl } from "./portals";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const env = {
  EMBEDDED_DB_PORT: String(E2E_DB_PORT),
  EMBEDDED_DB_DIR: E2E_DB_DIR,
  NEXT_TELEMETRY_DISABLED: "1",
  // Production builds insist on a real secret; this one exists only for the test run.
  AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? "e2e-only-secret-0123456789abcdefghijklmnopqrstuv",
  // Each portal builds links (emails, "sign in over there") from the others' public URLs.
  NEXT_PUBLIC_CUSTOMER_URL: portalUrl("customer"),
  NEXT_PUBLIC_MERCHANT_URL: portalUrl("merchant"),
  NEXT_PUBLIC_COURIER_URL: portalUrl("courier"),
  NEXT_PUBLIC_ADMIN_URL: portalUrl("admin"),
};

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
  ],
};

export default defineConfig({
  testDir: "./specs",
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [
    ["list"],
    ["html", { outputFolder: path.join(root, "playwright-report"), open: "never" }],
  ],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: { launchOptions: chromium, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    {
      name: "customer",
      testMatch: /customer(-payments)?\.spec\.ts/,
      use: {
        ...devices["Desktop Chrome"],
        baseURL: portalUrl("customer"),
        launchOptions: chromium,
      },
    },
    {
      name: "merchant",
      testMatch: /merchant\.spec\.ts/,
      use: {
        viewport: { width: 1180, height: 820 },
        hasTouch: true,
        baseURL: portalUrl("merchant"),
        launchOptions: chromium,
      },
    },
    {
      name: "courier",
      testMatch: /courier\.spec\.ts/,
      use: { ...devices["Pixel 7"], baseURL: portalUrl("courier"), launchOptions: chromium },
    },
    {
      name: "admin",
      testMatch: /admin\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: portalUrl("admin"), launchOptions: chromium },
    },
    { name: "platform", testMatch: /platform\.spec\.ts/, use: { launchOptions: chromium } },
    // pusher-js in Chromium against the embedded realtime server, on a page the spec serves.
    { name: "realtime", testMatch: /realtime\.spec\.ts/, use: { launchOptions: chromium } },
    {
      // Sign-in across the four portals: each test opens the portals it needs.
      name: "auth",
      testMatch: /auth\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
    {
      // The whole journey across the four portals with the real worker (started by the spec
      // alone). Last, because the worker and the scene it sets would disturb the others.
      name: "journey",
      testMatch: /journey\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], baseURL: portalUrl("customer"), launchOptions: chromium },
    },
  ],
  webServer: [
    {
      // The database opens its port only when migrated and seeded.
      command: "pnpm --filter @lastmile/db serve --fresh",
      cwd: root,
      port: E2E_DB_PORT,
      env,
      timeout: 5 * 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
    },
    {
      // The embedded Pusher-protocol server on its default port: the browser bundles carry that
      // port from `pnpm build`. A running `pnpm dev`'s server is the same in-memory dev app, so
      // it is reused rather than fought over.
      command: "pnpm --filter @lastmile/realtime serve",
      cwd: root,
      // REALTIME_PORT moves it (build with the same NEXT_PUBLIC_PUSHER_PORT) to run beside another suite.
      port: Number(process.env.REALTIME_PORT ?? 6001),
      env,
      timeout: 60_000,
      reuseExistingServer: true,
    },
    ...(Object.keys(PORTALS) as (keyof typeof PORTALS)[]).map((name) => ({
      command: `pnpm exec next start --port ${PORTALS[name]}`,
      cwd: path.join(root, "apps", name),
      url: `${portalUrl(name)}/`,
      env,
      timeout: 120_000,
      reuseExistingServer: false,
    })),
  ],
});
