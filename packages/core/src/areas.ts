// Area scope: an ops manager scoped to an area sees everything in the zones beneath it.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

/** Does any of `areaIds` contain the zone's municipality (itself or an ancestor of it)? */
export async function areasCoverZone(db: TDbOrTx, areaIds: string[], zoneId: string | null): Promise<boolean> {
  if (!zoneId || areaIds.length === 0) return false;
  const [row] = rowsOf<{ covered: boolean }>(
    await db.execute(sql`
      with recursive up as (
        select a.id, a.parent_id from areas a join service_zones z on z.area_id = a.id where z.id = ${zoneId}
        union all
        select p.id, p.parent_id from areas p join up on up.parent_id = p.id
      )
      select exists (select 1 from up where id in (${sql.join(areaIds.map((id) => sql`${id}::uuid`), sql`, `)})) as covered`),
  );
  return row?.covered ?? false;
}
