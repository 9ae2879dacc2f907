// The embedded server under the load `pnpm dev` puts on it: several apps, each with a pool,
// firing queries at once through one PGlite session.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDb, rowsOf } from "../client";
import type { TDbHandle } from "../client";
import { startEmbeddedServer } from "./server";
import type { TEmbeddedServer } from "./server";

const PORT = 54391;
let server: TEmbeddedServer;
let clients: TDbHandle[];

beforeAll(async () => {
  server = await startEmbeddedServer({ dataDir: "memory://", port: PORT });
  clients = Array.from({ length: 4 }, () =>
    createDb({
      url: `postgres://postgres:postgres@127.0.0.1:${PORT}/postgres`,
      max: 3,
      embedded: true,
    }),
  );
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.$close()));
  await server.stop();
});

describe("embedded PGlite server", () => {
  it("answers many concurrent parameterised queries from several pools, each with its own answer", async () => {
    // Different parameter types in flight at once: a statement prepared for one must never
    // receive another's parameters (named statements would collide on the shared session).
    const jobs = Array.from({ length: 120 }, async (_, i) => {
      const db = clients[i % clients.length] as TDbHandle;
      if (i % 2 === 0) {
        const [row] = rowsOf<{ n: number }>(await db.execute(sql`select ${i}::int + 1 as n`));
        return row?.n === i + 1;
      }
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
      const [row] = rowsOf<{ id: string }>(await db.execute(sql`select ${id}::uuid as id`));
      return row?.id === id;
    });
    expect((await Promise.all(jobs)).every(Boolean)).toBe(true);
  });

  it("keeps a transaction's session to itself while other clients query", async () => {
    const [a, b] = clients as [TDbHandle, TDbHandle];
    await a.execute(sql`create table if not exists counter (n int)`);
    await a.execute(sql`truncate counter`);
    const tx = a.transaction(async (t) => {
      await t.execute(sql`insert into counter values (1)`);
      await t.execute(sql`insert into counter values (2)`);
      throw new Error("roll back");
    });
    const reader = b.execute(sql`select count(*)::int as n from counter`);
    await expect(tx).rejects.toThrow("roll back");
    expect(rowsOf<{ n: number }>(await reader)[0]?.n).toBe(0);
    expect(
      rowsOf<{ n: number }>(await b.execute(sql`select count(*)::int as n from counter`))[0]?.n,
    ).toBe(0);
  });
});
