// Production with a real cluster must bring its own app credentials; everything else runs on the
// embedded server's development app.
import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

async function loadEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
  return import("./env");
}

// Nothing the developer's shell exported may leak in (a `pnpm dev` on other ports sets these).
const NONE = {
  REALTIME_PORT: undefined,
  PUSHER_USE_TLS: undefined,
  NEXT_PUBLIC_PUSHER_KEY: undefined,
  NEXT_PUBLIC_PUSHER_HOST: undefined,
  NEXT_PUBLIC_PUSHER_PORT: undefined,
  NEXT_PUBLIC_PUSHER_TLS: undefined,
  NEXT_PUBLIC_PUSHER_CLUSTER: undefined,
  PUSHER_APP_ID: undefined,
  PUSHER_KEY: undefined,
  PUSHER_SECRET: undefined,
  PUSHER_HOST: undefined,
  PUSHER_CLUSTER: undefined,
  PUSHER_PORT: undefined,
};

describe("realtime env", () => {
  it("defaults to the embedded server with the development app", async () => {
    const { serverConnection, DEV_APP } = await loadEnv({ ...NONE, NODE_ENV: "development" });
    expect(serverConnection()).toEqual({
      appId: DEV_APP.id,
      key: DEV_APP.key,
      secret: DEV_APP.secret,
      host: "127.0.0.1",
      port: 6001,
      useTLS: false,
    });
  });

  it("keeps the development app for a production build on the embedded server (pnpm start, e2e)", async () => {
    const { serverConnection } = await loadEnv({ ...NONE, NODE_ENV: "production" });
    expect(serverConnection()).toMatchObject({ host: "127.0.0.1", port: 6001 });
  });

  it("refuses to start in production against a cluster without the secret", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    await expect(
      loadEnv({
        ...NONE,
        NODE_ENV: "production",
        PUSHER_HOST: "soketi.internal",
        PUSHER_APP_ID: "1",
        PUSHER_KEY: "k",
      }),
    ).rejects.toThrow(/Invalid environment variables/);
    expect(JSON.stringify(errors.mock.calls)).toMatch(/PUSHER_SECRET is required/);
  });

  it("reaches Pusher Channels by cluster, over TLS", async () => {
    const { serverConnection } = await loadEnv({
      ...NONE,
      NODE_ENV: "production",
      PUSHER_CLUSTER: "eu",
      PUSHER_APP_ID: "1",
      PUSHER_KEY: "k",
      PUSHER_SECRET: "a-real-secret",
    });
    expect(serverConnection()).toEqual({
      appId: "1",
      key: "k",
      secret: "a-real-secret",
      cluster: "eu",
      useTLS: true,
    });
  });
});
