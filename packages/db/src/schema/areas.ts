// Places: the area hierarchy (country → region → district → municipality) and the service
// zones where delivery is offered. Boundaries are PostGIS geometries with GiST indexes.
import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { boolean, check, index, integer, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";

import { geometryMultiPolygon, geometryPolygon } from "../geometry";
import { createdAt, currency, id, updatedAt } from "./_columns";

export const areaLevelEnum = pgEnum("area_level", [
  "country",
  "region",
  "district",
  "municipality",
]);

export const areas = pgTable(
  "areas",
  {
    id: id(),
    parentId: uuid().references((): AnyPgColumn => areas.id),
    level: areaLevelEnum().notNull(),
    slug: text().notNull().unique(),
    name: text().notNull(),
    /** IANA zone, e.g. Europe/Lisbon: opening hours are read in the area's local time. */
    timezone: text().notNull(),
    currency: currency(),
    boundary: geometryMultiPolygon().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("areas_boundary_gist").using("gist", t.boundary),
    index("areas_parent_idx").on(t.parentId),
    check("areas_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("areas_country_is_root", sql`(${t.level} = 'country') = (${t.parentId} is null)`),
  ],
);

export const serviceZones = pgTable(
  "service_zones",
  {
    id: id(),
    /** The municipality the zone belongs to. */
    areaId: uuid()
      .notNull()
      .references(() => areas.id),
    slug: text().notNull().unique(),
    name: text().notNull(),
    boundary: geometryPolygon().notNull(),
    active: boolean().notNull().default(true),
    /** Zone price multiplier in basis points: 10000 = ×1.00. */
    pricingMultiplierBp: integer().notNull().default(10000),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("service_zones_boundary_gist").using("gist", t.boundary),
    check("service_zones_multiplier_range", sql`${t.pricingMultiplierBp} between 5000 and 30000`),
    check("service_zones_boundary_valid", sql`ST_IsValid(${t.boundary})`),
  ],
);
