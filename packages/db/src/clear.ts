// Empties the platform's tables (not PostGIS's or the migrations'), for reseeding and tests.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "./client";
import { rowsOf } from "./client";

/** Removes every row of the platform's tables (not PostGIS's or the migrations'). */
export async function clearData(db: TDbOrTx) {
  const tables = rowsOf<{ name: string }>(
    await db.execute(sql`
      select quote_ident(tablename) as name from pg_tables
      where schemaname = 'public' and tablename <> 'spatial_ref_sys'`),
  ).map((r) => r.name);
  if (tables.length)
    await db.execute(sql.raw(`truncate ${tables.join(", ")} restart identity cascade`));
  await db.execute(sql`alter sequence order_number_seq restart`);
}
