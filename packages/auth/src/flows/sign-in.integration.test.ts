// Signing in against a real database: portal admission, refusals that reveal nothing, the
// per-IP limit and the growing per-account delay (on an injected clock — nothing sleeps), and
// sessions that end when revoked.
import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { authFailures, rateLimits, sessions, userRoles, users } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { AuthError } from "../errors";
import type { TPortal } from "../portals";
import { PORTAL_INFO } from "../portals";
import { checkClaims, issueClaims, revokeUserSessions } from "../session-claims";
import { insertCast, IP, lastEmailTo, PASSWORD } from "../test-people";
import { signInWithPassword } from "./sign-in";

let db: TDb;
let cast: Awaited<ReturnType<typeof insertCast>>;
const T0 = new Date("2026-11-20T12:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  cast = await insertCast(db);
});

beforeEach(async () => {
  await db.delete(rateLimits);
  await db.delete(authFailures);
});

/** The refusal code of a sign-in, or "ok". */
async function attempt(
  email: string,
  portal: TPortal,
  opts: { password?: string; now?: Date; ip?: string } = {},
) {
  try {
    await signInWithPassword(
      db,
      { email, password: opts.password ?? PASSWORD },
      { portal, ip: opts.ip ?? IP, now: opts.now ?? T0 },
    );
    return "ok";
  } catch (e) {
    if (e instanceof AuthError) return e.message;
    throw e;
  }
}

describe(`password sign-in on ${testBackend()}`, () => {
  it("admits each portal's own roles and no one else's", async () => {
    const p = cast.people;
    const table: [string, Record<TPortal, string>][] = [
      [
        p.customer.email,
        {
          customer: "ok",
          merchant: "wrong-portal:customer",
          courier: "wrong-portal:customer",
          admin: "wrong-portal:customer",
        },
      ],
      [
        p.owner.email,
        {
          customer: "wrong-portal:merchant",
          merchant: "ok",
          courier: "wrong-portal:merchant",
          admin: "wrong-portal:merchant",
        },
      ],
      [
        p.staff.email,
        {
          customer: "wrong-portal:merchant",
          merchant: "ok",
          courier: "wrong-portal:merchant",
          admin: "wrong-portal:merchant",
        },
      ],
      [
        p.courier.email,
        {
          customer: "wrong-portal:courier",
          merchant: "wrong-portal:courier",
          courier: "ok",
          admin: "wrong-portal:courier",
        },
      ],
      [
        p.support.email,
        {
          customer: "wrong-portal:admin",
          merchant: "wrong-portal:admin",
          courier: "wrong-portal:admin",
          admin: "ok",
        },
      ],
      [
        p.ops.email,
        {
          customer: "wrong-portal:admin",
          merchant: "wrong-portal:admin",
          courier: "wrong-portal:admin",
          admin: "ok",
        },
      ],
      [
        p.admin.email,
        {
          customer: "wrong-portal:admin",
          merchant: "wrong-portal:admin",
          courier: "wrong-portal:admin",
          admin: "ok",
        },
      ],
    ];
    let i = 0;
    for (const [email, byPortal] of table) {
      for (const portal of ["customer", "merchant", "courier", "admin"] as const) {
        // A fresh IP per attempt keeps the per-IP limit out of this test.
        expect([email, portal, await attempt(email, portal, { ip: `198.51.100.${++i}` })]).toEqual([
          email,
          portal,
          byPortal[portal],
        ]);
      }
    }
  });

  it("is case-insensitive about the email and ignores surrounding spaces", async () => {
    expect(await attempt("  CLARA@Example.COM ", "customer")).toBe("ok");
  });

  it("gives one answer for a wrong password, an unknown email and an unconfirmed address", async () => {
    expect(
      await attempt(cast.people.customer.email, "customer", { password: "wrong password!" }),
    ).toBe("invalid-credentials");
    expect(await attempt("nobody@example.com", "customer", { ip: "192.0.2.2" })).toBe(
      "invalid-credentials",
    );
    expect(await attempt(cast.people.unverified.email, "customer", { ip: "192.0.2.3" })).toBe(
      "invalid-credentials",
    );
    // The real owner of the unconfirmed address gets the link again; nobody else learns anything.
    const mail = await lastEmailTo(db, cast.people.unverified.email);
    expect(mail?.template).toBe("auth.confirm-email");
  });

  it("tells applicants and suspended people where they stand, but only after the right password", async () => {
    expect(await attempt(cast.people.pendingCourier.email, "courier")).toBe("pending");
    expect(await attempt(cast.people.rejectedCourier.email, "courier", { ip: "192.0.2.4" })).toBe(
      "rejected",
    );
    expect(await attempt(cast.people.pendingOwner.email, "merchant", { ip: "192.0.2.5" })).toBe(
      "pending",
    );
    expect(await attempt(cast.people.suspended.email, "customer", { ip: "192.0.2.6" })).toBe(
      "suspended",
    );
    expect(
      await attempt(cast.people.suspended.email, "customer", {
        password: "wrong password!",
        ip: "192.0.2.7",
      }),
    ).toBe("invalid-credentials");
  });

  it("carries roles, memberships, courier and areas into the session and registers it", async () => {
    const signed = await signInWithPassword(
      db,
      { email: cast.people.ops.email, password: PASSWORD },
      { portal: "admin", ip: IP, now: T0 },
    );
    expect(signed.user).toMatchObject({
      roles: ["ops_manager"],
      areaIds: [cast.country.id],
      merchantIds: [],
      courierId: null,
    });
    const owner = await signInWithPassword(
      db,
      { email: cast.people.owner.email, password: PASSWORD },
      { portal: "merchant", ip: "192.0.2.8", now: T0 },
    );
    expect(owner.user.merchantIds).toEqual([cast.verified.id]);
    const courier = await signInWithPassword(
      db,
      { email: cast.people.courier.email, password: PASSWORD },
      { portal: "courier", ip: "192.0.2.9", now: T0 },
    );
    expect(courier.user.courierId).toBe(cast.people.courier.courierId);
    const [row] = await db.select().from(sessions).where(eq(sessions.sessionToken, signed.sid));
    expect(row?.userId).toBe(cast.people.ops.id);
    expect(row?.expires.getTime()).toBe(at(PORTAL_INFO.admin.policy.absoluteS).getTime());
  });

  it("issues a new session id at every sign-in", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const s = await signInWithPassword(
        db,
        { email: cast.people.customer.email, password: PASSWORD },
        { portal: "customer", ip: `192.0.2.${20 + i}`, now: T0 },
      );
      ids.add(s.sid);
    }
    expect(ids.size).toBe(3);
  });
});

describe(`limits on ${testBackend()}`, () => {
  it("allows 5 attempts a minute from one IP, whatever the accounts, then refuses until the window ends", async () => {
    const emails = [
      "a@example.com",
      "b@example.com",
      "c@example.com",
      "d@example.com",
      cast.people.customer.email,
    ];
    for (const [i, email] of emails.entries()) {
      expect(
        await attempt(email, "customer", {
          now: at(i),
          password: i === 4 ? PASSWORD : "nope nope nope",
        }),
      ).not.toMatch(/^rate-limited/);
    }
    expect(await attempt(cast.people.customer.email, "customer", { now: at(10) })).toBe(
      "rate-limited:50",
    );
    expect(await attempt(cast.people.customer.email, "customer", { now: at(59) })).toBe(
      "rate-limited:1",
    );
    expect(await attempt(cast.people.customer.email, "customer", { now: at(60) })).toBe("ok");
    // Another IP was never limited.
    expect(
      await attempt(cast.people.customer.email, "customer", { now: at(10), ip: "192.0.2.99" }),
    ).toBe("ok");
  });

  it("counts concurrent attempts exactly", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        attempt(`x${i}@example.com`, "customer", { password: "nope nope nope" }),
      ),
    );
    expect(results.filter((r) => r.startsWith("rate-limited"))).toHaveLength(7);
  });

  it("makes an account wait longer after each failure, and forgets on success", async () => {
    const email = cast.people.courier.email;
    // Each attempt from its own IP: this is the per-account delay, not the IP limit.
    let ip = 0;
    const wrong = (now: Date) =>
      attempt(email, "courier", { password: "wrong password!", now, ip: `10.1.0.${++ip}` });
    const right = (now: Date) => attempt(email, "courier", { now, ip: `10.1.0.${++ip}` });
    expect(await wrong(at(0))).toBe("invalid-credentials");
    expect(await wrong(at(1))).toBe("invalid-credentials");
    expect(await wrong(at(2))).toBe("invalid-credentials"); // third failure: wait 2 s
    expect(await right(at(3))).toBe("throttled:1");
    expect(await wrong(at(4))).toBe("invalid-credentials"); // fourth: wait 4 s
    expect(await right(at(5))).toBe("throttled:3");
    expect(await right(at(7))).toBe("throttled:1");
    // A refused attempt is not checked and does not extend the wait.
    const [row] = await db.select().from(authFailures).where(eq(authFailures.emailLower, email));
    expect(row?.failures).toBe(4);
    expect(await right(at(8))).toBe("ok");
    expect(
      await db.select().from(authFailures).where(eq(authFailures.emailLower, email)),
    ).toHaveLength(0);
  });

  it("delays an address without an account exactly as one with an account", async () => {
    let ip = 0;
    const run = async (email: string) => {
      const out: string[] = [];
      for (const s of [0, 1, 2, 3, 6, 7])
        out.push(
          await attempt(email, "customer", {
            password: "wrong password!",
            now: at(s),
            ip: `10.2.${email.length}.${++ip}`,
          }),
        );
      return out;
    };
    expect(await run("ghost@example.com")).toEqual(await run(cast.people.customer.email));
  });

  it("starts counting again a day after the last failure", async () => {
    const email = cast.people.support.email;
    for (let i = 0; i < 6; i++)
      await attempt(email, "admin", {
        password: "wrong password!",
        now: at(i * 100),
        ip: `10.3.0.${i}`,
      });
    await attempt(email, "admin", {
      password: "wrong password!",
      now: at(2 * 86_400),
      ip: "10.3.1.1",
    });
    const [row] = await db.select().from(authFailures).where(eq(authFailures.emailLower, email));
    expect(row?.failures).toBe(1);
  });
});

describe(`session lifetime on ${testBackend()}`, () => {
  const claimsFor = async (email: string, portal: TPortal) => {
    const s = await signInWithPassword(
      db,
      { email, password: PASSWORD },
      { portal, ip: `10.9.${Math.floor(Math.random() * 250)}.1`, now: T0 },
    );
    return issueClaims(s.user, { sid: s.sid, portal, now: T0 });
  };

  it("re-reads the account when the claims are due and follows role changes", async () => {
    const claims = await claimsFor(cast.people.admin.email, "admin");
    const ttl = PORTAL_INFO.admin.policy.claimsTtlS;
    await db.insert(userRoles).values({ userId: cast.people.admin.id, role: "super_admin" });
    const r = await checkClaims(db, claims, "admin", at(ttl));
    expect(r.ok && r.changed && r.claims.roles).toEqual(["admin", "super_admin"]);
    expect(r.ok && r.claims.claimsAt).toBe(Math.floor(at(ttl).getTime() / 1000));
    await db
      .delete(userRoles)
      .where(
        sql`${userRoles.userId} = ${cast.people.admin.id} and ${userRoles.role} = 'super_admin'`,
      );
  });

  it("ends sessions that were revoked, or whose account was suspended", async () => {
    const ttl = PORTAL_INFO.customer.policy.claimsTtlS;
    const a = await claimsFor(cast.people.customer.email, "customer");
    await revokeUserSessions(db, cast.people.customer.id);
    expect(await checkClaims(db, a, "customer", at(ttl))).toEqual({ ok: false, reason: "revoked" });

    const b = await claimsFor(cast.people.staff.email, "merchant");
    await db.update(users).set({ status: "suspended" }).where(eq(users.id, cast.people.staff.id));
    expect(await checkClaims(db, b, "merchant", at(ttl))).toEqual({ ok: false, reason: "refused" });
    // …but not before the claims are due: revocation takes effect within claimsTtlS.
    expect((await checkClaims(db, b, "merchant", at(ttl - 1))).ok).toBe(true);
    await db.update(users).set({ status: "active" }).where(eq(users.id, cast.people.staff.id));
  });

  it("keeps the registry to one row per signed-in browser", async () => {
    const [n] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from sessions where user_id = ${cast.people.ops.id}`,
      ),
    );
    expect(n?.n).toBeGreaterThanOrEqual(1);
  });
});
