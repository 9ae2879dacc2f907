// Bad input, fuzzed: for every mutation, random values that its input schema rejects must come
// back as BAD_REQUEST naming the offending fields — and leave every table exactly as it was.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { z } from "zod";

import type { TSession } from "@lastmile/auth/session";
import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { appRouter } from "./root";
import { testCaller } from "./testing";

let db: TDb;
let sessions: Record<string, TSession>;

/** Row counts of every table: the database's state, as far as "nothing changed" goes. */
async function snapshot() {
  const tables = rowsOf<{ t: string }>(await db.execute(sql`select tablename as t from pg_tables where schemaname = 'public' and tablename <> 'spatial_ref_sys' order by 1`));
  const counts: Record<string, number> = {};
  for (const { t } of tables) counts[t] = Number(rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from "${t}"`)))[0]?.n);
  return counts;
}

const session = (id: string, roles: TRole[], extra: Partial<NonNullable<TSession>["user"]> = {}): TSession => ({
  user: { id, email: "x@example.com", name: "X", roles, merchantIds: [], courierId: null, areaIds: [], ...extra },
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});

/** Who may call each router's mutations, so the call reaches input validation. */
const callerFor = (path: string): TSession => {
  const router = path.split(".")[0] as string;
  // Signing up and asking for links is what a signed-out visitor does.
  if (router === "auth") return null;
  // The restaurant's routers all answer to its owner.
  const kitchen = ["menu", "insight", "team"].includes(router);
  return sessions[kitchen ? "merchant" : router] ?? sessions.customer ?? null;
};

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  const city = await insertMiniCity(db);
  sessions = {
    customer: session(city.users.customer.id, ["customer"]),
    merchant: session(city.users.owner.id, ["merchant_owner"], { merchantIds: [city.merchant.id] }),
    courier: session(city.users.courierUser.id, ["courier"], { courierId: city.couriers.courier.id }),
    admin: session(city.users.owner.id, ["admin"], { areaIds: [city.country.id] }),
  };
});

const mutations = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: z.ZodType[] } }>)
  .filter(([, p]) => p._def.type === "mutation" && p._def.inputs.length > 0)
  .map(([path, p]) => ({ path, inputs: p._def.inputs }));

describe(`bad input on ${testBackend()}`, () => {
  it("covers the mutations that take input", () => {
    expect(mutations.map((m) => m.path)).toEqual(expect.arrayContaining(["cart.add", "checkout.placeOrder", "merchant.accept", "courier.reportLocations", "me.addAddress", "admin.refundOrder"]));
  });

  it("is refused with the fields named, and changes nothing", async () => {
    const before = await snapshot();
    for (const { path, inputs } of mutations) {
      const rejectedByAll = (v: unknown) => inputs.some((schema) => !schema.safeParse(v).success);
      const garbage = fc.oneof(
        fc.anything(),
        fc.dictionary(fc.constantFrom("merchantId", "orderId", "itemId", "quantity", "lng", "lat", "tipCents", "reason", "positions", "pin", "quoteId"), fc.anything()),
      ).filter(rejectedByAll);
      await fc.assert(
        fc.asyncProperty(garbage, async (input) => {
          const caller = testCaller(db, callerFor(path));
          const [router, procedure] = path.split(".") as [string, string];
          const fn = (caller as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[router]?.[procedure] as (i: unknown) => Promise<unknown>;
          const error = await fn(input).then(
            () => null,
            (e: unknown) => e,
          );
          expect(error, `${path} accepted ${JSON.stringify(input)}`).toBeInstanceOf(TRPCError);
          expect((error as TRPCError).code, `${path}: ${(error as TRPCError).message}`).toBe("BAD_REQUEST");
          // The reasons travel with it, field by field (the error formatter sends them as fieldErrors).
          expect((error as TRPCError).cause).toBeInstanceOf(ZodError);
          expect(((error as TRPCError).cause as ZodError).issues.length).toBeGreaterThan(0);
        }),
        { numRuns: 40 },
      );
    }
    expect(await snapshot()).toEqual(before);
  });
});
