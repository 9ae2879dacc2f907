// Coordinates as the outside world sends them, checked at the edge: the API parses requests with
// these schemas, and every query in this package parses its point again before it reaches SQL, so
// NaN, Infinity or a swapped lat/lng pair fails loudly instead of matching nothing.
import { z } from "zod";

import type { TLngLat } from "@lastmile/db/geometry";

// z.number() already refuses NaN and ±Infinity; the ranges catch swapped or projected values.
export const ZLatitude = z
  .number({ error: "Latitude must be a finite number" })
  .min(-90, "Latitude must be between -90 and 90")
  .max(90, "Latitude must be between -90 and 90");

export const ZLongitude = z
  .number({ error: "Longitude must be a finite number" })
  .min(-180, "Longitude must be between -180 and 180")
  .max(180, "Longitude must be between -180 and 180");

/** A point on the map, named fields so latitude and longitude cannot be swapped silently. */
export const ZGeoPoint = z.object({ lat: ZLatitude, lng: ZLongitude });
export type TGeoPoint = z.infer<typeof ZGeoPoint>;

/** A GeoJSON position: longitude first, as GeoJSON and PostGIS order them. */
export const ZLngLat = z.tuple([ZLongitude, ZLatitude]);

/** A named CRS as GeoJSON (2008) writes it; only EPSG:4326 is accepted, but PostGIS says so. */
export const ZNamedCrs = z.object({
  type: z.literal("name"),
  properties: z.object({ name: z.string().min(1) }),
});

/**
 * A GeoJSON polygon as the zone and delivery-area editors send it. Only its shape is checked
 * here; whether the rings close, cross themselves or cover a sensible area is PostGIS's
 * verdict (`validatePolygon`).
 */
export const ZPolygonInput = z.object({
  type: z.literal("Polygon"),
  coordinates: z.array(z.array(ZLngLat).min(1, "A ring needs points")).min(1, "A polygon needs an outer ring"),
  crs: ZNamedCrs.optional(),
});
export type TPolygonInput = z.infer<typeof ZPolygonInput>;

/** Parses a point, throwing a ZodError that names the bad coordinate. */
export const parsePoint = (p: TGeoPoint): TGeoPoint => ZGeoPoint.parse(p);

export const toLngLat = (p: TGeoPoint): TLngLat => [p.lng, p.lat];
export const fromLngLat = ([lng, lat]: TLngLat): TGeoPoint => ({ lat, lng });
