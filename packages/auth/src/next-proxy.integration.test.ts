// The proxy against a real database: an active session's cookie rolls forward with refreshed
// claims, and a revoked one is cleared on the next claims refresh.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { cookieSettings, decodeSessionToken, encodeSessionToken } from "./cookie-token";
import { signInWithPassword } from "./flows/sign-in";
import { createAuthProxy } from "./next-proxy";
import { PORTAL_INFO } from "./portals";
import { issueClaims, revokeSession } from "./session-claims";
import { insertCast, PASSWORD } from "./test-people";

let db: TDb;
let cast: Awaited<ReturnType<typeof insertCast>>;
const T0 = new Date("2026-11-20T12:00:00Z");
const after = (s: number) => new Date(T0.getTime() + s * 1000);
const { names } = cookieSettings("merchant");

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  cast = await insertCast(db);
});

async function signedInRequest(path: string) {
  const s = await signInWithPassword(
    db,
    { email: cast.people.owner.email, password: PASSWORD },
    { portal: "merchant", ip: `10.7.0.${Math.floor(Math.random() * 250)}`, now: T0 },
  );
  const token = await encodeSessionToken(
    "merchant",
    issueClaims(s.user, { sid: s.sid, portal: "merchant", now: T0 }),
  );
  const req = new NextRequest(new URL(path, "http://localhost:3001"), {
    headers: { cookie: `${names.sessionToken}=${token}` },
  });
  return { req, sid: s.sid };
}

const proxyAt = (now: Date) =>
  createAuthProxy({ portal: "merchant", isProtected: () => true, db: () => db, now: () => now });

describe(`the proxy on ${testBackend()}`, () => {
  it("rolls an active session's cookie forward and refreshes its claims", async () => {
    const { req } = await signedInRequest("/");
    const at = after(PORTAL_INFO.merchant.policy.rollS);
    const res = await proxyAt(at)(req);
    expect(res.headers.get("location")).toBeNull();
    const rolled = res.cookies.get(names.sessionToken);
    expect(rolled?.httpOnly).toBe(true);
    expect(rolled?.sameSite).toBe("lax");
    expect(rolled?.maxAge).toBe(PORTAL_INFO.merchant.policy.idleS);
    const claims = (await decodeSessionToken("merchant", rolled?.value ?? "")) as Record<
      string,
      unknown
    >;
    const t = Math.floor(at.getTime() / 1000);
    expect(claims).toMatchObject({ lastSeenAt: t, claimsAt: t, merchantIds: [cast.verified.id] });
  });

  it("clears a revoked session at its next claims refresh", async () => {
    const { req, sid } = await signedInRequest("/menu");
    await revokeSession(db, sid);
    const res = await proxyAt(after(PORTAL_INFO.merchant.policy.claimsTtlS))(req);
    expect(res.headers.get("location")).toBe(
      "http://localhost:3001/sign-in?callbackUrl=%2Fmenu&ended=revoked",
    );
    expect(res.cookies.get(names.sessionToken)?.value).toBe("");
  });
});
