// Batched inserts for seeding: big enough to be quick, small enough for PGlite's socket.
import type { PgTable } from "drizzle-orm/pg-core";

import type { TDbOrTx } from "../client";

export async function insertBatched<T extends PgTable>(
  db: TDbOrTx,
  table: T,
  rows: T["$inferInsert"][],
  batchSize = 500,
) {
  for (let i = 0; i < rows.length; i += batchSize) {
    await db.insert(table).values(rows.slice(i, i + batchSize) as never);
  }
  return rows.length;
}
