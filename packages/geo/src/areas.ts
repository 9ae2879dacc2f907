// The area hierarchy a point belongs to: country → region → district → municipality, found by
// the deepest area covering the point and its chain of parents.
import { sql } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import type { areaLevelEnum } from "@lastmile/db/schema";

import type { TGeoPoint } from "./coordinates";
import type { TOutside } from "./outside";
import { outsideDeliveryArea } from "./outside";
import { pointGeometry } from "./sql";

export type TAreaLevel = (typeof areaLevelEnum.enumValues)[number];

export type TAreaHit = {
  id: string;
  level: TAreaLevel;
  slug: string;
  name: string;
  timezone: string;
  currency: string;
};

/** The path from the country down to the deepest area covering the point. */
export type TAreaPath = { found: true; path: TAreaHit[] } | TOutside;

/**
 * Follows parents rather than collecting every covering area, so the path is one consistent
 * chain even where sibling boundaries overlap along a shared border.
 */
export async function areaPathAt(db: TDbOrTx, point: TGeoPoint): Promise<TAreaPath> {
  const rows = rowsOf<TAreaHit & { depth: number }>(
    await db.execute(sql`
      with recursive leaf as (
        select a.id from areas a
        where ST_Covers(a.boundary, ${pointGeometry(point)})
        order by a.level desc, ST_Area(a.boundary), a.id
        limit 1
      ),
      path as (
        select a.id, a.parent_id, a.level, a.slug, a.name, a.timezone, a.currency, 0 as depth
        from areas a join leaf on leaf.id = a.id
        union all
        select a.id, a.parent_id, a.level, a.slug, a.name, a.timezone, a.currency, path.depth + 1
        from areas a join path on a.id = path.parent_id
        where path.depth < 8
      )
      select id, level, slug, name, timezone, currency, depth from path order by depth desc`),
  );
  if (rows.length === 0) return outsideDeliveryArea();
  return {
    found: true,
    path: rows.map(({ id, level, slug, name, timezone, currency }) => ({ id, level, slug, name, timezone, currency })),
  };
}
