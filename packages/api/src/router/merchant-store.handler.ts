// The restaurant's delivery area: a polygon drawn on the map, checked by PostGIS (closed, not
// crossing itself, a sensible size) and required to include the restaurant itself; or none, so
// the delivery radius applies again.
import { sql } from "drizzle-orm";

import type { TActorContext } from "@lastmile/core/audit";
import { writeAudit } from "@lastmile/core/audit";
import { invalid, notFound } from "@lastmile/core/errors";
import type { TDbOrTx } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { toEwkt } from "@lastmile/db/geometry";
import type { TPolygonInput } from "@lastmile/geo";
import { assertValidPolygon, DELIVERY_AREA_LIMITS } from "@lastmile/geo";

export async function setDeliveryArea(db: TDbOrTx, merchantId: string, actor: TActorContext, boundary: TPolygonInput | null) {
  const [m] = rowsOf<{ radius: number | null }>(
    await db.execute(sql`select delivery_radius_m as radius from merchants where id = ${merchantId}`),
  );
  if (!m) throw notFound("That restaurant");
  if (!boundary) {
    if (m.radius === null) throw invalid("boundary", "Set a delivery radius before removing the drawn area: the restaurant must deliver somewhere.");
    await db.execute(sql`update merchants set delivery_area = null, updated_at = now() where id = ${merchantId}`);
  } else {
    const polygon = await assertValidPolygon(db, boundary, DELIVERY_AREA_LIMITS, "delivery area");
    const [row] = rowsOf<{ covers: boolean }>(
      await db.execute(sql`select ST_Covers(${toEwkt(polygon)}::geometry, location::geometry) as covers from merchants where id = ${merchantId}`),
    );
    if (!row?.covers) throw invalid("boundary", "The delivery area must include the restaurant itself: draw it around the R marker.");
    await db.execute(sql`update merchants set delivery_area = ${toEwkt(polygon)}::geometry, updated_at = now() where id = ${merchantId}`);
  }
  await writeAudit(db, actor, { action: "merchant.delivery_area", entityType: "merchant", entityId: merchantId, after: { boundary: boundary ? "polygon" : null } });
  return { deliveryArea: boundary ? "polygon" : null };
}
