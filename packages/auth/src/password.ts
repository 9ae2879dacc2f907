// Password hashing with argon2id at OWASP's recommended parameters (the rules are in schemas.ts).
import type { Algorithm } from "@node-rs/argon2";
import { hash, parseOptions, verify } from "@node-rs/argon2";
import { PASSWORD_MAX } from "./schemas";

/**
 * OWASP Password Storage Cheat Sheet: argon2id with 19 MiB of memory, 2 iterations, 1 lane
 * (m=19456 KiB, t=2, p=1) — the same as the seeded demo hashes.
 */
export const ARGON2_PARAMS = {
  algorithm: 2 as Algorithm, // Argon2id (a const enum the isolated-modules build cannot name)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  try {
    return await verify(passwordHash, password.normalize("NFKC"));
  } catch {
    return false; // not a hash we can read: treat as a wrong password, never as an error page
  }
}

/** Whether a stored hash is weaker than today's parameters, so sign-in should rehash it. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const o = parseOptions(passwordHash);
    return (
      o.algorithm !== ARGON2_PARAMS.algorithm ||
      o.memoryCost < ARGON2_PARAMS.memoryCost ||
      o.timeCost < ARGON2_PARAMS.timeCost
    );
  } catch {
    return true;
  }
}

/**
 * A real hash of a random password, verified against when an email has no account (or no
 * password), so a wrong email takes as long to refuse as a wrong password.
 */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hash(crypto.randomUUID(), ARGON2_PARAMS);
  return dummy;
}
