// Request and response schemas shared by routers and the portals (Z… schema, T… type).
import { z } from "zod";

/** A WGS84 coordinate as the browser and the map give it. */
export const ZLngLat = z.object({
  lng: z
    .number()
    .finite()
    .min(-180, "Longitude must be at least -180")
    .max(180, "Longitude must be at most 180"),
  lat: z
    .number()
    .finite()
    .min(-90, "Latitude must be at least -90")
    .max(90, "Latitude must be at most 90"),
});
export type TLngLatInput = z.infer<typeof ZLngLat>;

export const ZMerchantsNearInput = ZLngLat.extend({
  limit: z.number().int().min(1).max(50).default(12),
});

export const ZMerchantCard = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  cuisines: z.array(z.string()),
  priceLevel: z.number().int(),
  prepTimeMin: z.number().int(),
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
  zoneName: z.string(),
  distanceM: z.number().int(),
});
export type TMerchantCard = z.infer<typeof ZMerchantCard>;

export const ZOrderStatus = z.enum([
  "PENDING",
  "ACCEPTED",
  "PREPARING",
  "READY_FOR_PICKUP",
  "PICKED_UP",
  "DELIVERED",
  "CANCELLED",
  "REFUNDED",
  "DISPUTED",
]);

export const ZKitchenOrder = z.object({
  id: z.uuid(),
  number: z.number().int(),
  status: ZOrderStatus,
  totalCents: z.number().int(),
  currency: z.string(),
  placedAt: z.date(),
  customerFirstName: z.string(),
});

export const ZTodayBoard = z.object({
  merchant: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }).nullable(),
  orders: z.array(ZKitchenOrder),
});
