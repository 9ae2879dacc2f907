// The auth procedures through a real caller and database: identical answers whatever the
// account, refusals mapped to the right tRPC codes, and the client IP read the trusted way.
import { TRPCError } from "@trpc/server";
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertCountry } from "@lastmile/db/fixtures";
import { users } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testContext } from "../testing";
import { createCallerFactory, createTRPCRouter } from "../trpc";
import { authRouter } from "./auth";

let db: TDb;
// Mounted on its own here, so the test does not depend on the root router's wiring.
const createCaller = createCallerFactory(createTRPCRouter({ auth: authRouter }));
const caller = (ip = "203.0.113.50") =>
  createCaller(
    testContext(db, null, { headers: new Headers({ "x-forwarded-for": `6.6.6.6, ${ip}` }) }),
  );

const PASSWORD = "correct horse battery staple";

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  await insertCountry(db);
  await db.insert(users).values({ email: "taken@example.com", name: "Taken" });
});

beforeEach(async () => {
  await db.execute(sql`delete from rate_limits`);
});

describe(`auth router on ${testBackend()}`, () => {
  it("answers sign-ups the same for a new and a taken address", async () => {
    const fresh = await caller().auth.signUp({
      name: "New",
      email: "new@example.com",
      password: PASSWORD,
    });
    const taken = await caller().auth.signUp({
      name: "Mallory",
      email: "taken@example.com",
      password: PASSWORD,
    });
    expect(fresh).toEqual({ status: "check-email", email: "new@example.com" });
    expect(taken).toEqual({ status: "check-email", email: "taken@example.com" });
  });

  it("answers link requests the same for a known and an unknown address", async () => {
    for (const email of ["taken@example.com", "ghost@example.com"]) {
      expect(await caller().auth.requestPasswordReset({ email, portal: "customer" })).toEqual({
        status: "check-email",
        email,
      });
      expect(await caller().auth.requestMagicLink({ email, portal: "admin" })).toEqual({
        status: "check-email",
        email,
      });
    }
  });

  it("limits registrations per client IP — the one the proxy recorded, not the one claimed", async () => {
    for (let i = 0; i < 3; i++)
      await caller().auth.signUp({ name: "R", email: `r${i}@example.com`, password: PASSWORD });
    const refused = await failure(
      caller().auth.signUp({ name: "R", email: "r9@example.com", password: PASSWORD }),
    );
    expect(refused.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.message).toMatch(
      /Too many attempts from your network\. Please wait \d+ seconds/,
    );
    const keys = rowsOf<{ key: string }>(
      await db.execute(sql`select key from rate_limits where key like 'register:%'`),
    );
    expect(keys.map((k) => k.key)).toEqual(["register:ip:203.0.113.50"]);
    // Another client is unaffected.
    expect(
      (
        await caller("198.51.100.1").auth.signUp({
          name: "R",
          email: "r10@example.com",
          password: PASSWORD,
        })
      ).status,
    ).toBe("check-email");
  });

  it("refuses a used or unknown reset link as bad input on the token", async () => {
    const refused = await failure(
      caller().auth.resetPassword({
        email: "taken@example.com",
        token: "x".repeat(43),
        password: PASSWORD,
        portal: "customer",
      }),
    );
    expect(refused).toEqual({
      code: "BAD_REQUEST",
      message: expect.stringContaining("expired or has already been used"),
    });
  });

  it("says when a restaurant is outside every area we serve", async () => {
    const refused = await failure(
      caller().auth.applyAsMerchant({
        name: "Zed",
        email: "zed@example.com",
        password: PASSWORD,
        phone: "+44 20 7946 0000",
        restaurantName: "Far Away",
        address: "1 Far Street, London",
        lat: 51.5,
        lng: -0.12,
      }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain("doesn't operate at that location");
  });

  it("rejects weak passwords before touching the database", async () => {
    const refused = await failure(
      caller().auth.signUp({ name: "W", email: "weak@example.com", password: "short" }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(
      rowsOf(await db.execute(sql`select 1 from users where email = 'weak@example.com'`)),
    ).toHaveLength(0);
  });
});
