// Session rules that need no database: a stale token's account re-read is covered by the
// integration suite; here the database must not even be touched.
import { describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";

import { decodeSessionToken, encodeSessionToken } from "./cookie-token";
import { PORTAL_INFO } from "./portals";
import { checkClaims, issueClaims, toSession } from "./session-claims";
import type { TSessionUser } from "./session";

const untouchable = new Proxy({} as TDb, {
  get() {
    throw new Error("the database was consulted");
  },
});

const user: TSessionUser = {
  id: "2b1f0a8e-3c1d-4e6f-8a9b-0c1d2e3f4a5b",
  email: "olivia@example.com",
  name: "Olívia",
  roles: ["merchant_owner"],
  merchantIds: ["6c0e6f2a-1b2c-4d3e-8f9a-0b1c2d3e4f5a"],
  courierId: null,
  areaIds: [],
};
const T0 = new Date("2026-11-20T12:00:00Z");
const after = (s: number) => new Date(T0.getTime() + s * 1000);
const claims = issueClaims(user, { sid: "s".repeat(32), portal: "merchant", now: T0 });
const policy = PORTAL_INFO.merchant.policy;

describe("session claims", () => {
  it("carry who the user is, their roles, memberships and when they signed in", () => {
    const s = toSession(claims);
    expect(s.user).toEqual(user);
    expect(new Date(s.expiresAt).getTime()).toBe(after(policy.idleS).getTime());
  });

  it("stay valid and unchanged between rolls, without asking the database", async () => {
    const r = await checkClaims(untouchable, claims, "merchant", after(policy.rollS - 1));
    expect(r).toEqual({ ok: true, claims, changed: false });
  });

  it("end after the idle timeout", async () => {
    const r = await checkClaims(untouchable, claims, "merchant", after(policy.idleS));
    expect(r).toEqual({ ok: false, reason: "idle" });
  });

  it("end at the absolute timeout however active the session was", async () => {
    const busy = {
      ...claims,
      lastSeenAt: claims.authTime + policy.absoluteS - 10,
      claimsAt: claims.authTime + policy.absoluteS - 10,
    };
    const r = await checkClaims(untouchable, busy, "merchant", after(policy.absoluteS));
    expect(r).toEqual({ ok: false, reason: "absolute" });
  });

  it("belong to the portal that issued them", async () => {
    expect(await checkClaims(untouchable, claims, "admin", T0)).toEqual({
      ok: false,
      reason: "portal",
    });
  });

  it("refuse anything that is not our claims", async () => {
    expect(await checkClaims(untouchable, { sub: "x" }, "merchant", T0)).toEqual({
      ok: false,
      reason: "malformed",
    });
    expect(await checkClaims(untouchable, null, "merchant", T0)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("expire at whichever timeout comes first", () => {
    const late = { ...claims, lastSeenAt: claims.authTime + policy.absoluteS - 60 };
    expect(toSession(late).expiresAt).toBe(after(policy.absoluteS).toISOString());
  });
});

describe("session cookie token", () => {
  it("round-trips through next-auth's encryption", async () => {
    const token = await encodeSessionToken("merchant", claims);
    expect(token.split(".")).toHaveLength(5); // a JWE, not a readable JWT
    expect(token).not.toContain("merchant_owner");
    expect(await decodeSessionToken("merchant", token)).toMatchObject(claims);
  });

  it("does not decrypt at another portal", async () => {
    const token = await encodeSessionToken("merchant", claims);
    expect(await decodeSessionToken("admin", token)).toBeNull();
    expect(await decodeSessionToken("merchant", `${token}x`)).toBeNull();
  });
});
