// The proxy's decisions on real NextRequests, with an injected clock and a database that must not
// be consulted (fresh claims never need it).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";

import { cookieSettings, decodeSessionToken, encodeSessionToken } from "./cookie-token";
import { createAuthProxy, safeCallbackPath } from "./next-proxy";
import { PORTAL_INFO } from "./portals";
import type { TPortal } from "./portals";
import { issueClaims } from "./session-claims";

const untouchable = () =>
  new Proxy({} as TDb, {
    get() {
      throw new Error("the database was consulted");
    },
  });

const T0 = new Date("2026-11-20T12:00:00Z");
const after = (s: number) => new Date(T0.getTime() + s * 1000);

const user = {
  id: "2b1f0a8e-3c1d-4e6f-8a9b-0c1d2e3f4a5b",
  email: "carlos@example.com",
  name: "Carlos",
  roles: ["courier" as const],
  merchantIds: [],
  courierId: "6c0e6f2a-1b2c-4d3e-8f9a-0b1c2d3e4f5a",
  areaIds: [],
};

async function request(portal: TPortal, path: string, signedIn: boolean) {
  const headers = new Headers();
  if (signedIn) {
    const token = await encodeSessionToken(
      portal,
      issueClaims(user, { sid: "s".repeat(32), portal, now: T0 }),
    );
    headers.set("cookie", `${cookieSettings(portal).names.sessionToken}=${token}`);
  }
  return new NextRequest(new URL(path, "http://localhost:3002"), { headers });
}

const proxyAt = (portal: TPortal, now: Date, isProtected: (p: string) => boolean = () => true) =>
  createAuthProxy({ portal, isProtected, db: untouchable, now: () => now });

describe("the portal proxy", () => {
  it("sends a visitor without a session to sign in, remembering where they were going", async () => {
    const res = await proxyAt("courier", T0)(await request("courier", "/offers?tab=new", false));
    expect(res.status).toBe(307);
    expect(res.headers.get("location")).toBe(
      "http://localhost:3002/sign-in?callbackUrl=%2Foffers%3Ftab%3Dnew",
    );
    const home = await proxyAt("courier", T0)(await request("courier", "/", false));
    expect(home.headers.get("location")).toBe("http://localhost:3002/sign-in");
  });

  it("leaves the sign-in pages and the API to answer for themselves", async () => {
    for (const path of [
      "/sign-in",
      "/reset-password?email=a",
      "/verify",
      "/apply",
      "/api/trpc/me.session",
      "/api/auth/csrf",
    ]) {
      const res = await proxyAt("courier", T0)(await request("courier", path, false));
      expect([path, res.headers.get("location")]).toEqual([path, null]);
    }
  });

  it("lets the customer portal's public pages through", async () => {
    const isProtected = (p: string) => p.startsWith("/orders");
    expect(
      (
        await proxyAt("customer", T0, isProtected)(await request("customer", "/", false))
      ).headers.get("location"),
    ).toBeNull();
    expect(
      (await proxyAt("customer", T0, isProtected)(await request("customer", "/orders/1", false)))
        .status,
    ).toBe(307);
  });

  it("lets a live session through without rewriting its cookie between rolls", async () => {
    const res = await proxyAt("courier", after(10))(await request("courier", "/", true));
    expect(res.headers.get("location")).toBeNull();
    expect(res.cookies.getAll()).toEqual([]);
  });

  it("clears an idle session's cookie and says why on the sign-in page", async () => {
    const res = await proxyAt(
      "courier",
      after(PORTAL_INFO.courier.policy.idleS),
    )(await request("courier", "/earnings", true));
    expect(res.headers.get("location")).toBe(
      "http://localhost:3002/sign-in?callbackUrl=%2Fearnings&ended=idle",
    );
    const cleared = res.cookies.get(cookieSettings("courier").names.sessionToken);
    expect(cleared?.value).toBe("");
    expect(cleared?.maxAge).toBe(0);
  });

  it("sends a signed-in visitor away from the sign-in page, never to another site", async () => {
    const res = await proxyAt(
      "courier",
      after(1),
    )(await request("courier", "/sign-in?callbackUrl=%2F%2Fevil.example", true));
    expect(res.headers.get("location")).toBe("http://localhost:3002/");
    const back = await proxyAt(
      "courier",
      after(1),
    )(await request("courier", "/sign-in?callbackUrl=%2Foffers", true));
    expect(back.headers.get("location")).toBe("http://localhost:3002/offers");
  });

  it("ignores a session cookie from another portal", async () => {
    const req = await request("courier", "/", false);
    const token = await encodeSessionToken(
      "admin",
      issueClaims(user, { sid: "s".repeat(32), portal: "admin", now: T0 }),
    );
    req.cookies.set(cookieSettings("courier").names.sessionToken, token);
    const res = await proxyAt("courier", T0)(req);
    expect(res.headers.get("location")).toBe("http://localhost:3002/sign-in");
    expect(await decodeSessionToken("courier", token)).toBeNull();
  });
});

describe("callback paths", () => {
  it("only ever follow a path on this site", () => {
    expect(safeCallbackPath("/orders/1?x=2")).toBe("/orders/1?x=2");
    for (const bad of [
      null,
      "",
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      expect(safeCallbackPath(bad)).toBe("/");
    }
  });
});
