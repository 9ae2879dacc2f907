import { parseOptions } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";

import { DEMO_PASSWORD } from "@lastmile/db/seed";

import { ARGON2_PARAMS, hashPassword, needsRehash, verifyPassword } from "./password";
import { ZPassword } from "./schemas";

// The seeded demo logins' hash (packages/db/src/seed/people.ts), made by another tool.
const DEMO_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$v/OtgTPGr9nYu3PQK7e70w$fzevSwHDtnat+vdpFnLJ2uQGQvOzPR5G5BTqEc9NiEg";

describe("password hashing", () => {
  it("uses argon2id with at least OWASP's parameters (19 MiB, t=2, p=1)", async () => {
    const hash = await hashPassword("a perfectly fine passphrase");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const o = parseOptions(hash);
    expect(o.memoryCost).toBeGreaterThanOrEqual(19 * 1024);
    expect(o.timeCost).toBeGreaterThanOrEqual(2);
    expect(o.saltLen).toBeGreaterThanOrEqual(16);
    expect(o.outputLen).toBe(ARGON2_PARAMS.outputLen);
  });

  it("salts every hash and verifies only the right password", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same password!"),
      hashPassword("same password!"),
    ]);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a as string, "same password!")).toBe(true);
    expect(await verifyPassword(a as string, "same password?")).toBe(false);
  });

  it("verifies the seeded demo hash", async () => {
    expect(await verifyPassword(DEMO_HASH, DEMO_PASSWORD)).toBe(true);
    expect(needsRehash(DEMO_HASH)).toBe(false);
  });

  it("treats unreadable hashes and absurdly long passwords as wrong, not as errors", async () => {
    expect(await verifyPassword("not a hash", "whatever")).toBe(false);
    expect(await verifyPassword(DEMO_HASH, "x".repeat(10_000))).toBe(false);
  });

  it("asks for a rehash of weaker parameters", () => {
    expect(
      needsRehash(
        "$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo",
      ),
    ).toBe(true);
    expect(needsRehash("$2b$10$abcdefghijklmnopqrstuv")).toBe(true);
  });

  it("normalises Unicode so the same password typed two ways matches", async () => {
    const composed = "café au lait ☕ ok";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });
});

describe("password rules", () => {
  it("wants 12 to 128 characters that are not a well-known choice", () => {
    expect(ZPassword.safeParse("short").success).toBe(false);
    expect(ZPassword.safeParse("x".repeat(129)).success).toBe(false);
    expect(ZPassword.safeParse("Password1234").success).toBe(false);
    expect(ZPassword.safeParse("aaaaaaaaaaaaaa").success).toBe(false);
    expect(ZPassword.safeParse("lastmile-demo").success).toBe(true);
    expect(ZPassword.safeParse("correct horse battery staple").success).toBe(true);
  });
});
