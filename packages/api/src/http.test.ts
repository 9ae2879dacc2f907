import { describe, expect, it } from "vitest";

import { csrfRefusal } from "./http";

const post = (headers: Record<string, string>) => new Request("http://localhost:3000/api/trpc/cart.add", { method: "POST", headers, body: "{}" });

describe("mutation requests", () => {
  it("pass as JSON from the portal's own origin", () => {
    expect(csrfRefusal(post({ "content-type": "application/json", origin: "http://localhost:3000" }))).toBeNull();
    expect(csrfRefusal(new Request("http://localhost:3000/api/trpc/catalog.menu"))).toBeNull();
  });

  it("are refused as form posts, from other origins, without an origin, or cross-site", async () => {
    const form = csrfRefusal(post({ "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000" }));
    expect(form?.status).toBe(415);
    expect(csrfRefusal(post({ "content-type": "text/plain", origin: "http://localhost:3000" }))?.status).toBe(415);
    const other = csrfRefusal(post({ "content-type": "application/json", origin: "http://evil.example" }));
    expect(other?.status).toBe(403);
    expect(await other?.json()).toEqual({ error: { message: "Requests that change data must come from this portal.", code: "FORBIDDEN" } });
    expect(csrfRefusal(post({ "content-type": "application/json" }))?.status).toBe(403);
    // Another portal on the same host is another origin.
    expect(csrfRefusal(post({ "content-type": "application/json", origin: "http://localhost:3001" }))?.status).toBe(403);
    expect(csrfRefusal(post({ "content-type": "application/json", origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }))?.status).toBe(403);
  });

  it("trusts the proxy's forwarded host", () => {
    const req = new Request("http://10.0.0.5:3000/api/trpc/cart.add", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://eat.lastmile.example", "x-forwarded-host": "eat.lastmile.example", "x-forwarded-proto": "https" },
      body: "{}",
    });
    expect(csrfRefusal(req)).toBeNull();
  });
});
