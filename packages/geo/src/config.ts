// The geo configuration (config_versions key "geo"): how much longer a real route is than the
// straight line, and how fast each vehicle moves. Travel-time estimates always take it as a
// parameter so that a new version applies without a deploy.
import { and, eq } from "drizzle-orm";
import { z } from "zod";

import type { TDbOrTx } from "@lastmile/db/client";
import { configVersions, vehicleEnum } from "@lastmile/db/schema";

const ZSpeed = z.number().positive().max(60);

export const ZGeoConfig = z.object({
  /** Route length ÷ straight-line distance; 1 would mean couriers fly. */
  detourFactor: z.number().min(1).max(3),
  /** Average speed in metres per second, one per vehicle. */
  speedMps: z.record(z.enum(vehicleEnum.enumValues), ZSpeed),
});
export type TGeoConfig = z.infer<typeof ZGeoConfig>;

/** The active version of the geo configuration; throws if there is none or it is malformed. */
export async function activeGeoConfig(db: TDbOrTx): Promise<TGeoConfig> {
  const [row] = await db
    .select({ value: configVersions.value, version: configVersions.version })
    .from(configVersions)
    .where(and(eq(configVersions.key, "geo"), eq(configVersions.active, true)));
  if (!row) throw new Error('No active "geo" configuration: seed the database or activate a version.');
  const parsed = ZGeoConfig.safeParse(row.value);
  if (!parsed.success) throw new Error(`The active "geo" configuration (v${row.version}) is invalid: ${parsed.error.message}`);
  return parsed.data;
}
