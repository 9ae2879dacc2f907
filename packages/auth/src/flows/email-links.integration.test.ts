// Magic links and password resets through the outbox: single use, hashed at rest, expiring, and
// the same answer for addresses with and without an account.
import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import {
  auditLog,
  authFailures,
  emailOutbox,
  rateLimits,
  sessions,
  users,
  verificationTokens,
} from "@lastmile/db/schema";
import { countRows, getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { AuthError } from "../errors";
import { hashToken } from "../tokens";
import { insertCast, lastEmailTo, linkIn, PASSWORD } from "../test-people";
import { requestMagicLink, requestPasswordReset, resetPassword } from "./email-links";
import { signInWithEmailLink, signInWithPassword } from "./sign-in";

let db: TDb;
let cast: Awaited<ReturnType<typeof insertCast>>;
const T0 = new Date("2026-11-20T12:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
let ipSeq = 0;
const freshIp = () => `198.19.0.${++ipSeq}`;

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  cast = await insertCast(db);
});

beforeEach(async () => {
  await db.delete(rateLimits);
  await db.delete(authFailures);
});

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AuthError) return e.message;
    throw e;
  }
};

describe(`magic links on ${testBackend()}`, () => {
  it("arrive through the outbox, sign in once, and are stored only as a hash", async () => {
    const email = cast.people.owner.email;
    expect(
      await requestMagicLink(db, { email }, { portal: "merchant", ip: freshIp(), now: T0 }),
    ).toEqual({
      status: "check-email",
      email,
    });
    const mail = await lastEmailTo(db, email);
    expect(mail).toMatchObject({ template: "auth.magic-link", status: "pending" });
    const link = linkIn(mail?.text ?? "");
    expect(link.url.origin).toBe("http://localhost:3001");
    expect(mail?.html).toContain(link.url.pathname);

    const stored = await db
      .select()
      .from(verificationTokens)
      .where(sql`${verificationTokens.identifier} like 'magic-link:merchant:%'`);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token).toBe(hashToken(link.token));
    expect(stored[0]?.token).not.toContain(link.token);

    const use = (now: Date) =>
      refusal(
        signInWithEmailLink(
          db,
          { email: link.email, token: link.token, kind: "magic-link" },
          { portal: "merchant", ip: freshIp(), now },
        ),
      );
    expect(await use(at(60))).toBe("ok");
    expect(await use(at(61))).toBe("link-invalid");
  });

  it("expire after 15 minutes", async () => {
    const email = cast.people.support.email;
    await requestMagicLink(db, { email }, { portal: "admin", ip: freshIp(), now: T0 });
    const link = linkIn((await lastEmailTo(db, email))?.text ?? "");
    expect(
      await refusal(
        signInWithEmailLink(
          db,
          { ...link, kind: "magic-link" },
          { portal: "admin", ip: freshIp(), now: at(15 * 60) },
        ),
      ),
    ).toBe("link-invalid");
  });

  it("work only at the portal they were sent for, and only for the newest one", async () => {
    const email = cast.people.customer.email;
    await requestMagicLink(db, { email }, { portal: "customer", ip: freshIp(), now: T0 });
    const first = linkIn((await lastEmailTo(db, email))?.text ?? "");
    await requestMagicLink(db, { email }, { portal: "customer", ip: freshIp(), now: at(1) });
    const second = linkIn((await lastEmailTo(db, email))?.text ?? "");
    expect(
      await refusal(
        signInWithEmailLink(
          db,
          { ...first, kind: "magic-link" },
          { portal: "customer", ip: freshIp(), now: at(2) },
        ),
      ),
    ).toBe("link-invalid");
    expect(
      await refusal(
        signInWithEmailLink(
          db,
          { ...second, kind: "magic-link" },
          { portal: "admin", ip: freshIp(), now: at(2) },
        ),
      ),
    ).toBe("link-invalid");
    expect(
      await refusal(
        signInWithEmailLink(
          db,
          { ...second, kind: "magic-link" },
          { portal: "customer", ip: freshIp(), now: at(2) },
        ),
      ),
    ).toBe("ok");
  });

  it("answer an unknown address the same and send nothing", async () => {
    const before = await countRows(db, "email_outbox");
    expect(
      await requestMagicLink(
        db,
        { email: "ghost@example.com" },
        { portal: "customer", ip: freshIp(), now: T0 },
      ),
    ).toEqual({
      status: "check-email",
      email: "ghost@example.com",
    });
    expect(await countRows(db, "email_outbox")).toBe(before);
  });

  it("tell the owner, not the asker, why an account cannot sign in at that portal", async () => {
    const email = cast.people.courier.email;
    await requestMagicLink(db, { email }, { portal: "admin", ip: freshIp(), now: T0 });
    const mail = await lastEmailTo(db, email);
    expect(mail?.template).toBe("auth.no-access");
    expect(mail?.text).toContain("Lastmile Operations is for");
    expect(mail?.text).not.toMatch(/token=/);
  });

  it("are limited per IP, with the same answer as ever until the limit", async () => {
    const ip = freshIp();
    const out: string[] = [];
    for (let i = 0; i < 6; i++)
      out.push(
        await refusal(
          requestMagicLink(
            db,
            { email: `n${i}@example.com` },
            { portal: "customer", ip, now: at(i) },
          ),
        ),
      );
    expect(out).toEqual(["ok", "ok", "ok", "ok", "ok", "rate-limited:55"]);
  });
});

describe(`password reset on ${testBackend()}`, () => {
  it("changes the password once, confirms the address, and signs every device out", async () => {
    const who = cast.people.unverified;
    // A session that should not survive the reset.
    await db.update(users).set({ emailVerified: T0 }).where(eq(users.id, who.id));
    const before = await signInWithPassword(
      db,
      { email: who.email, password: PASSWORD },
      { portal: "customer", ip: freshIp(), now: T0 },
    );
    await db.update(users).set({ emailVerified: null }).where(eq(users.id, who.id));
    await db.insert(authFailures).values({ emailLower: who.email, failures: 9, lastFailureAt: T0 });

    expect(
      await requestPasswordReset(
        db,
        { email: who.email.toUpperCase() },
        { portal: "customer", ip: freshIp(), now: T0 },
      ),
    ).toEqual({
      status: "check-email",
      email: who.email.toUpperCase(),
    });
    const mail = await lastEmailTo(db, who.email);
    expect(mail).toMatchObject({
      template: "auth.password-reset",
      payload: { portal: "customer", sensitive: true },
    });
    const link = linkIn(mail?.text ?? "");
    expect(link.url.pathname).toBe("/reset-password");

    const reset = (token: string, now: Date) =>
      refusal(
        resetPassword(
          db,
          { email: link.email, token, password: "a brand new passphrase" },
          { portal: "customer", ip: freshIp(), now },
        ),
      );
    expect(await reset("guessed-token", at(10))).toBe("link-invalid");
    expect(await reset(link.token, at(11))).toBe("ok");
    expect(await reset(link.token, at(12))).toBe("link-invalid");

    const [user] = await db.select().from(users).where(eq(users.id, who.id));
    expect(user?.emailVerified?.getTime()).toBe(at(11).getTime());
    expect(
      await db.select().from(sessions).where(eq(sessions.sessionToken, before.sid)),
    ).toHaveLength(0);
    expect(
      await db.select().from(authFailures).where(eq(authFailures.emailLower, who.email)),
    ).toHaveLength(0);
    expect((await lastEmailTo(db, who.email))?.template).toBe("auth.password-changed");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.password_reset"));
    expect(audit?.entityId).toBe(who.id);

    const sign = (password: string) =>
      refusal(
        signInWithPassword(
          db,
          { email: who.email, password },
          { portal: "customer", ip: freshIp(), now: at(20) },
        ),
      );
    expect(await sign(PASSWORD)).toBe("invalid-credentials");
    expect(await sign("a brand new passphrase")).toBe("ok");
  });

  it("expires after 30 minutes", async () => {
    const email = cast.people.ops.email;
    await requestPasswordReset(db, { email }, { portal: "admin", ip: freshIp(), now: T0 });
    const link = linkIn((await lastEmailTo(db, email))?.text ?? "");
    expect(
      await refusal(
        resetPassword(
          db,
          { email, token: link.token, password: "another fine passphrase" },
          { portal: "admin", ip: freshIp(), now: at(30 * 60) },
        ),
      ),
    ).toBe("link-invalid");
  });

  it("answers an unknown address the same and sends nothing", async () => {
    const before = await countRows(db, "email_outbox");
    await requestPasswordReset(
      db,
      { email: "ghost@example.com" },
      { portal: "courier", ip: freshIp(), now: T0 },
    );
    expect(await countRows(db, "email_outbox")).toBe(before);
    const [n] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from verification_tokens where identifier like '%ghost%'`,
      ),
    );
    expect(n?.n).toBe(0);
  });

  it("leaves the outbox to the worker: pending rows, text and html", async () => {
    const rows = await db
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.template, "auth.password-reset"));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.status).toBe("pending");
      expect(r.html).toMatch(/^<!doctype html>/);
      expect(r.text.length).toBeGreaterThan(50);
    }
  });
});
