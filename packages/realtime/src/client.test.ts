// What a browser connects to, from the NEXT_PUBLIC_PUSHER_* settings its build inlined.
import { afterEach, describe, expect, it } from "vitest";

import { publicClientConfig } from "./client";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

function withPublic(vars: Record<string, string | undefined>) {
  for (const k of ["KEY", "HOST", "PORT", "TLS", "CLUSTER"])
    delete process.env[`NEXT_PUBLIC_PUSHER_${k}`];
  for (const [k, v] of Object.entries(vars))
    if (v !== undefined) process.env[`NEXT_PUBLIC_PUSHER_${k}`] = v;
}

describe("publicClientConfig", () => {
  it("connects to the embedded server with the development key when nothing is set", () => {
    withPublic({});
    expect(publicClientConfig()).toEqual({
      key: "lastmile-dev-key",
      host: "127.0.0.1",
      port: 6001,
      tls: undefined,
      cluster: undefined,
    });
  });

  it("connects to a Pusher-protocol host (Soketi) on its port, over TLS when told", () => {
    withPublic({ KEY: "app-key", HOST: "ws.example.org", PORT: "443", TLS: "true" });
    expect(publicClientConfig()).toEqual({
      key: "app-key",
      host: "ws.example.org",
      port: 443,
      tls: true,
      cluster: undefined,
    });
  });

  it("leaves host and port to pusher-js for Pusher Channels, and treats empty settings as unset", () => {
    withPublic({ KEY: "app-key", CLUSTER: "eu", HOST: "", PORT: " " });
    expect(publicClientConfig()).toEqual({
      key: "app-key",
      host: undefined,
      port: undefined,
      tls: undefined,
      cluster: "eu",
    });
  });
});
