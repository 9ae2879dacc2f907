// The active version of a configuration key (pricing, dispatch, geo), validated on the way in:
// a malformed configuration fails loudly rather than pricing orders wrongly.
import { and, eq } from "drizzle-orm";
import { z } from "zod";

import type { TDbOrTx } from "@lastmile/db/client";
import { configVersions } from "@lastmile/db/schema";

export const ZPricingConfig = z.object({
  currency: z.string().length(3),
  baseFeeCents: z.number().int().min(0),
  perKmCents: z.number().int().min(0),
  minDeliveryFeeCents: z.number().int().min(0),
  maxDeliveryFeeCents: z.number().int().min(0),
  serviceFeeBp: z.number().int().min(0).max(5000),
  serviceFeeCapCents: z.number().int().min(0),
  smallOrderThresholdCents: z.number().int().min(0),
  smallOrderFeeCents: z.number().int().min(0),
  taxOnFeesBp: z.number().int().min(0).max(10000),
  surgeCapBp: z.number().int().min(10000).max(30000),
  courierBaseFeeCents: z.number().int().min(0),
  courierPerKmCents: z.number().int().min(0),
});
export type TPricingConfig = z.infer<typeof ZPricingConfig>;

export const ZDispatchConfig = z.object({
  offerTimeoutS: z.number().int().min(5),
  initialRadiusM: z.number().int().min(100),
  maxRadiusM: z.number().int().min(100),
  radiusStepM: z.number().int().min(100),
  freshLocationS: z.number().int().min(5),
  pickupGeofenceM: z.number().int().min(10).max(2000),
  dropoffGeofenceM: z.number().int().min(10).max(2000),
  maxPinAttempts: z.number().int().min(1).max(10),
  // Added with the dispatch engine; defaults keep versions written before them valid.
  /** Rounds offered at one radius before it widens by radiusStepM. */
  roundsPerRadius: z.number().int().min(1).max(20).default(2),
  /** Couriers offered at once in a round; the first to accept wins, the others are withdrawn. */
  offersPerRound: z.number().int().min(1).max(10).default(1),
  /** A PENDING order the restaurant has not accepted within this is cancelled and voided. */
  merchantAcceptTimeoutMin: z.number().int().min(1).max(240).default(10),
  /** How long an order flagged for ops waits before dispatch tries again by itself. */
  flaggedRetryS: z.number().int().min(10).max(3600).default(120),
});
export type TDispatchConfig = z.infer<typeof ZDispatchConfig>;

export async function activeConfig<T extends z.ZodType>(db: TDbOrTx, key: string, schema: T): Promise<{ version: number; value: z.infer<T> }> {
  const [row] = await db
    .select({ version: configVersions.version, value: configVersions.value })
    .from(configVersions)
    .where(and(eq(configVersions.key, key), eq(configVersions.active, true)));
  if (!row) throw new Error(`No active '${key}' configuration: seed the database or activate a version.`);
  return { version: row.version, value: schema.parse(row.value) };
}
