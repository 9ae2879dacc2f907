// How long the demo city takes to build, and how many rows a second that is.
import { sql } from "drizzle-orm";

import { rowsOf } from "@lastmile/db/client";
import { seedDemoCity } from "@lastmile/db/seed";

import { progress, report } from "../report";
import type { TTarget } from "../targets";

export async function seedBench({ backend, db }: TTarget) {
  const started = performance.now();
  const result = await seedDemoCity(db, { now: new Date("2026-11-20T19:45:00Z"), log: progress });
  const ms = performance.now() - started;
  const [row] = rowsOf<{ n: number }>(
    await db.execute(sql`select (select count(*) from orders) + (select count(*) from order_events) + (select count(*) from order_items)
      + (select count(*) from ledger_entries) + (select count(*) from payments) + (select count(*) from reviews) + (select count(*) from menu_items)
      + (select count(*) from modifiers) + (select count(*) from users) as n`),
  );
  const rows = Number(row?.n ?? 0);
  report({
    bench: "seed",
    backend,
    n: result.orders,
    total_ms: Math.round(ms),
    rows,
    ops_per_s: Math.round(rows / (ms / 1000)),
  });
}
