import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TDb } from "./client";
import { rowsOf } from "./client";
import { migrationJournal, runMigrations } from "./migrate";
import { getTestDb, testBackend } from "./testing";

let db: TDb;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
afterAll(async () => {
  // The shared database stays open for the next file; nothing to close here.
});

describe(`migrations on ${testBackend()}`, () => {
  it("applies every committed migration and has nothing left to do afterwards", async () => {
    const applied = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    )[0]?.n;
    expect(applied).toBe(migrationJournal().entries.length);
    const lines: string[] = [];
    expect(await runMigrations(db, (l) => lines.push(l))).toEqual({ applied: 0 });
    expect(lines.join("\n")).toMatch(/up to date/);
  });

  it("creates the whole domain with the extensions it relies on", async () => {
    const tables = rowsOf<{ tablename: string }>(
      await db.execute(sql`select tablename from pg_tables where schemaname = 'public'`),
    ).map((r) => r.tablename);
    for (const t of [
      "users",
      "user_roles",
      "role_permissions",
      "areas",
      "service_zones",
      "merchants",
      "merchant_hours",
      "menu_items",
      "modifier_groups",
      "carts",
      "orders",
      "order_events",
      "couriers",
      "courier_locations",
      "delivery_offers",
      "payments",
      "ledger_entries",
      "payouts",
      "reviews",
      "email_outbox",
      "processed_webhook_events",
      "config_versions",
      "audit_log",
      "accounts",
      "sessions",
      "verification_tokens",
    ]) {
      expect(tables).toContain(t);
    }
    const extensions = rowsOf<{ extname: string }>(
      await db.execute(sql`select extname from pg_extension`),
    ).map((r) => r.extname);
    expect(extensions).toEqual(expect.arrayContaining(["postgis", "pg_trgm", "pgcrypto"]));
  });

  it("indexes every spatial column with GiST", async () => {
    const rows = rowsOf<{ indexname: string }>(
      await db.execute(
        sql`select indexname from pg_indexes where schemaname = 'public' and indexdef ilike '%using gist%'`,
      ),
    ).map((r) => r.indexname);
    expect(rows).toEqual(
      expect.arrayContaining([
        "areas_boundary_gist",
        "service_zones_boundary_gist",
        "merchants_location_gist",
        "merchants_delivery_area_gist",
        "couriers_location_gist",
        "couriers_on_duty_location_gist",
      ]),
    );
  });

  it("answers spatial questions through PostGIS: metres on the spheroid and point-in-polygon", async () => {
    // Praça do Comércio to Marquês de Pombal is about 2.2 km as the crow flies.
    const [row] = rowsOf<{ m: number; inside: boolean; outside: boolean }>(
      await db.execute(sql`
        select ST_Distance('SRID=4326;POINT(-9.1366 38.7076)'::geography, 'SRID=4326;POINT(-9.1500 38.7253)'::geography) as m,
               ST_Covers('SRID=4326;POLYGON((-9.2 38.7,-9.1 38.7,-9.1 38.8,-9.2 38.8,-9.2 38.7))'::geometry, 'SRID=4326;POINT(-9.15 38.75)'::geometry) as inside,
               ST_Covers('SRID=4326;POLYGON((-9.2 38.7,-9.1 38.7,-9.1 38.8,-9.2 38.8,-9.2 38.7))'::geometry, 'SRID=4326;POINT(-9.16 38.68)'::geometry) as outside`),
    );
    expect(row?.m).toBeGreaterThan(2150);
    expect(row?.m).toBeLessThan(2350);
    expect(row?.inside).toBe(true);
    expect(row?.outside).toBe(false);
  });
});
