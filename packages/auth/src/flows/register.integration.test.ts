// Sign-up and applications against a real database: the same answer whether or not the address
// is taken, confirmation through the outbox, applicants waiting for an admin, and the per-IP limit.
import { eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { auditLog, couriers, emailOutbox, merchants, rateLimits, users } from "@lastmile/db/schema";
import { countRows, getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { AuthError } from "../errors";
import { insertCast, IP, lastEmailTo, linkIn, PASSWORD } from "../test-people";
import { decideCourierApplication, decideMerchantApplication } from "./applications";
import { ZCustomerSignUp } from "../schemas";
import {
  applyAsCourier,
  applyAsMerchant,
  registerCustomer,
  RegistrationInputError,
} from "./register";
import { signInWithEmailLink, signInWithPassword } from "./sign-in";

let db: TDb;
let cast: Awaited<ReturnType<typeof insertCast>>;
const T0 = new Date("2026-11-20T12:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);
let ipSeq = 0;
const freshIp = () => `198.18.0.${++ipSeq}`;

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  cast = await insertCast(db);
});

beforeEach(async () => {
  await db.delete(rateLimits);
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

describe(`customer sign-up on ${testBackend()}`, () => {
  it("creates the account, and the emailed link confirms it and signs in", async () => {
    const answer = await registerCustomer(
      db,
      { name: "Beatriz", email: "Beatriz@Example.com", password: PASSWORD },
      { ip: freshIp(), now: T0 },
    );
    expect(answer).toEqual({ status: "check-email", email: "Beatriz@Example.com" });
    const [user] = await db.select().from(users).where(eq(users.email, "Beatriz@Example.com"));
    expect(user).toMatchObject({ status: "active", emailVerified: null });
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);

    // Not before the address is confirmed…
    expect(
      await refusal(
        signInWithPassword(
          db,
          { email: "beatriz@example.com", password: PASSWORD },
          { portal: "customer", ip: freshIp(), now: at(1) },
        ),
      ),
    ).toBe("invalid-credentials");

    const mail = await lastEmailTo(db, "Beatriz@Example.com");
    expect(mail?.template).toBe("auth.confirm-email");
    expect(mail?.payload).toMatchObject({ sensitive: true });
    const link = linkIn(mail?.text ?? "");
    expect(link.url.pathname).toBe("/verify");
    expect(link.url.origin).toBe("http://localhost:3000");
    const signed = await signInWithEmailLink(
      db,
      { email: link.email, token: link.token, kind: "confirm-email" },
      { portal: "customer", ip: freshIp(), now: at(60) },
    );
    expect(signed.user.roles).toEqual(["customer"]);
    const [confirmed] = await db.select().from(users).where(eq(users.id, signed.user.id));
    expect(confirmed?.emailVerified?.getTime()).toBe(at(60).getTime());
    // …and the password works afterwards.
    expect(
      await refusal(
        signInWithPassword(
          db,
          { email: "beatriz@example.com", password: PASSWORD },
          { portal: "customer", ip: freshIp(), now: at(61) },
        ),
      ),
    ).toBe("ok");
  });

  it("answers an existing address exactly like a new one, changes nothing and tells the owner", async () => {
    const before = await countRows(db, "users");
    const existing = cast.people.courier.email.toUpperCase();
    const answer = await registerCustomer(
      db,
      { name: "Mallory", email: existing, password: "mallory's own password" },
      { ip: freshIp(), now: T0 },
    );
    expect(answer).toEqual({ status: "check-email", email: existing });
    expect(await countRows(db, "users")).toBe(before);
    const [courier] = await db.select().from(users).where(eq(users.id, cast.people.courier.id));
    expect(courier?.name).toBe("carlos");
    const mail = await lastEmailTo(db, cast.people.courier.email);
    expect(mail?.template).toBe("auth.account-exists");
    expect(mail?.text).not.toContain("mallory");
  });

  it("answers two racing sign-ups of one address the same, and creates one account", async () => {
    const input = { name: "Twin", email: "twin@example.com", password: PASSWORD };
    const answers = await Promise.all([
      registerCustomer(db, input, { ip: freshIp(), now: T0 }),
      registerCustomer(db, input, { ip: freshIp(), now: T0 }),
    ]);
    expect(answers[0]).toEqual(answers[1]);
    expect(
      await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = 'twin@example.com'`),
    ).toHaveLength(1);
  });

  it("allows 3 registrations a minute from one IP", async () => {
    const ip = freshIp();
    const results: string[] = [];
    for (let i = 0; i < 5; i++) {
      results.push(
        await refusal(
          registerCustomer(
            db,
            { name: "R", email: `r${i}@example.com`, password: PASSWORD },
            { ip, now: at(i) },
          ),
        ),
      );
    }
    expect(results).toEqual(["ok", "ok", "ok", "rate-limited:57", "rate-limited:56"]);
    expect(
      await refusal(
        registerCustomer(
          db,
          { name: "R", email: "r9@example.com", password: PASSWORD },
          { ip, now: at(60) },
        ),
      ),
    ).toBe("ok");
  });

  it("validates input with messages a person can act on", () => {
    const r = ZCustomerSignUp.safeParse({ name: " ", email: "not-an-email", password: "short" });
    expect(r.success).toBe(false);
    const fields = r.success ? {} : r.error.flatten().fieldErrors;
    expect(fields.name?.[0]).toBe("Enter your name.");
    expect(fields.email?.[0]).toMatch(/email address like/);
    expect(fields.password?.[0]).toMatch(/at least 12/);
  });
});

describe(`applications on ${testBackend()}`, () => {
  it("keeps a courier applicant pending until an admin approves, then lets them in", async () => {
    await applyAsCourier(
      db,
      {
        name: "Dina",
        email: "dina@example.com",
        password: PASSWORD,
        phone: "+351 912 345 678",
        vehicle: "ebike",
      },
      { ip: freshIp(), now: T0 },
    );
    const [user] = await db.select().from(users).where(eq(users.email, "dina@example.com"));
    expect(user?.status).toBe("pending");
    const [courier] = await db
      .select()
      .from(couriers)
      .where(eq(couriers.userId, user?.id ?? ""));
    expect(courier).toMatchObject({ applicationStatus: "pending", vehicle: "ebike" });

    // Confirming the address does not approve the application.
    const link = linkIn((await lastEmailTo(db, "dina@example.com"))?.text ?? "");
    expect(link.url.origin).toBe("http://localhost:3002");
    expect(
      await refusal(
        signInWithEmailLink(
          db,
          { ...link, kind: "confirm-email" },
          { portal: "courier", ip: freshIp(), now: at(5) },
        ),
      ),
    ).toBe("pending");
    const sign = () =>
      refusal(
        signInWithPassword(
          db,
          { email: "dina@example.com", password: PASSWORD },
          { portal: "courier", ip: freshIp(), now: at(10) },
        ),
      );
    expect(await sign()).toBe("pending");

    await decideCourierApplication(db, courier?.id ?? "", {
      approve: true,
      actor: { id: cast.people.admin.id, role: "admin" },
      now: at(20),
    });
    expect(await sign()).toBe("ok");
    expect((await lastEmailTo(db, "dina@example.com"))?.template).toBe("auth.application-approved");
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, courier?.id ?? ""));
    expect(audit).toMatchObject({ action: "courier.approve", actorId: cast.people.admin.id });
  });

  it("tells a turned-down courier so", async () => {
    await applyAsCourier(
      db,
      {
        name: "Eva",
        email: "eva@example.com",
        password: PASSWORD,
        phone: "912345678",
        vehicle: "car",
      },
      { ip: freshIp(), now: T0 },
    );
    await db.update(users).set({ emailVerified: T0 }).where(eq(users.email, "eva@example.com"));
    const [c] = await db
      .select({ id: couriers.id })
      .from(couriers)
      .innerJoin(users, eq(users.id, couriers.userId))
      .where(eq(users.email, "eva@example.com"));
    await decideCourierApplication(db, c?.id ?? "", {
      approve: false,
      reason: "We need a valid licence.",
      actor: { id: cast.people.admin.id, role: "admin" },
      now: at(1),
    });
    expect(
      await refusal(
        signInWithPassword(
          db,
          { email: "eva@example.com", password: PASSWORD },
          { portal: "courier", ip: freshIp(), now: at(2) },
        ),
      ),
    ).toBe("rejected");
    expect((await lastEmailTo(db, "eva@example.com"))?.text).toContain("We need a valid licence.");
  });

  it("creates a pending restaurant at the applicant's location, verified only by an admin", async () => {
    await applyAsMerchant(
      db,
      {
        name: "Fátima",
        email: "fatima@example.com",
        password: PASSWORD,
        phone: "+351 213 000 000",
        restaurantName: "Cantinho da Fátima",
        address: "Rua da Prata 80, Lisboa",
        lat: 38.711,
        lng: -9.137,
      },
      { ip: freshIp(), now: T0 },
    );
    const [m] = await db.select().from(merchants).where(eq(merchants.name, "Cantinho da Fátima"));
    expect(m).toMatchObject({
      status: "pending",
      areaId: cast.country.id,
      currency: "EUR",
      timezone: "Europe/Lisbon",
    });
    expect(m?.slug).toMatch(/^cantinho-da-fatima-[0-9a-f]{6}$/);
    await db.update(users).set({ emailVerified: T0 }).where(eq(users.email, "fatima@example.com"));
    const sign = () =>
      refusal(
        signInWithPassword(
          db,
          { email: "fatima@example.com", password: PASSWORD },
          { portal: "merchant", ip: freshIp(), now: at(3) },
        ),
      );
    expect(await sign()).toBe("pending");
    await decideMerchantApplication(db, m?.id ?? "", {
      approve: true,
      actor: { id: cast.people.admin.id, role: "admin" },
      now: at(4),
    });
    expect(await sign()).toBe("ok");
  });

  it("refuses a restaurant outside every area before looking at the address", async () => {
    const before = await countRows(db, "email_outbox");
    await expect(
      applyAsMerchant(
        db,
        {
          name: "Zed",
          email: cast.people.owner.email,
          password: PASSWORD,
          phone: "+44 20 7946 0000",
          restaurantName: "Far Away",
          address: "1 Far Street, London",
          lat: 51.5,
          lng: -0.12,
        },
        { ip: freshIp(), now: T0 },
      ),
    ).rejects.toBeInstanceOf(RegistrationInputError);
    expect(await countRows(db, "email_outbox")).toBe(before);
  });

  it("does not decide an application twice", async () => {
    const [c] = await db
      .select({ id: couriers.id })
      .from(couriers)
      .innerJoin(users, eq(users.id, couriers.userId))
      .where(eq(users.email, "dina@example.com"));
    await expect(
      decideCourierApplication(db, c?.id ?? "", {
        approve: false,
        actor: { id: cast.people.admin.id, role: "admin" },
        now: at(30),
      }),
    ).rejects.toThrow(/No pending courier application/);
  });

  it("sends at most 3 emails to one address in 15 minutes, whatever is asked", async () => {
    await db.delete(emailOutbox).where(eq(emailOutbox.toAddress, cast.people.staff.email));
    for (let i = 0; i < 5; i++) {
      await registerCustomer(
        db,
        { name: "Spam", email: cast.people.staff.email, password: PASSWORD },
        { ip: freshIp(), now: at(i) },
      );
    }
    expect(
      await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, cast.people.staff.email)),
    ).toHaveLength(3);
    expect(IP).toBeTruthy();
  });
});
