// `seedDemoCity`: builds the deterministic demo city of Lisbon — areas and zones, merchants with
// menus, customers, couriers, and thirty days of orders — in one transaction, with progress.
import { sql } from "drizzle-orm";

import type { TDb } from "../client";
import { clearData } from "../clear";
import { configVersions, rolePermissions } from "../schema";
import type { TRole } from "../schema";
import { seedCatalog } from "./catalog-step";
import { loadCity } from "./city";
import { DEFAULT_DISPATCH, DEFAULT_GEO, DEFAULT_PRICING } from "./config-defaults";
import { seedOrders } from "./orders-step";
import { seedPeople } from "./people-step";
import { ROLE_PERMISSIONS } from "./permissions";
import { seedPlaces } from "./places";
import { createSteps } from "./progress";
import type { TProgress } from "./progress";
import { createRandom } from "./random";

export const DEFAULT_SEED = 20261121;

export type TSeedOptions = {
  /** Same seed and same `now` give the same city, row for row. */
  seed?: number;
  /** The moment the history leads up to; defaults to the current time. */
  now?: Date;
  log?: TProgress;
};

export async function seedDemoCity(db: TDb, options: TSeedOptions = {}) {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  const rnd = createRandom(options.seed ?? DEFAULT_SEED);
  const city = loadCity();
  const steps = createSteps(6, log);

  const result = await db.transaction(async (tx) => {
    await steps.step(
      "clear and configure",
      async () => {
        await clearData(tx);
        const permissionRows = Object.entries(ROLE_PERMISSIONS).flatMap(([role, perms]) =>
          perms.map((permission) => ({ role: role as TRole, permission })),
        );
        await tx.insert(rolePermissions).values(permissionRows);
        await tx.insert(configVersions).values(
          [
            ["pricing", DEFAULT_PRICING],
            ["dispatch", DEFAULT_DISPATCH],
            ["geo", DEFAULT_GEO],
          ].map(([key, value]) => ({
            key: key as string,
            version: 1,
            value: value as Record<string, unknown>,
            active: true,
            note: "Initial configuration",
            activatedAt: now,
          })),
        );
        return permissionRows.length;
      },
      (n) => `${n} role permissions, pricing/dispatch/geo configuration v1`,
    );

    const places = await steps.step(
      "areas and service zones",
      () => seedPlaces(tx, city, rnd),
      (p) => `${p.areaIds.size} areas, ${p.zoneIds.size} zones`,
    );
    const catalog = await steps.step(
      "merchants and menus",
      () => seedCatalog(tx, places, rnd, now),
      (c) => `${c.merchants.length} merchants, ${c.itemCount} items, ${c.modifierCount} modifiers`,
    );
    const people = await steps.step(
      "customers, couriers and staff",
      () => seedPeople(tx, city, places, rnd, now),
      (p) => `${p.customers.length} customers, ${p.couriers.length} couriers`,
    );
    const history = await steps.step(
      "thirty days of orders",
      () => seedOrders(tx, rnd, now, places, people, catalog.merchants),
      (h) =>
        `${h.orders} orders, ${h.events} events, ${h.ledger} ledger entries, ${h.reviews} reviews`,
    );
    await steps.step(
      "statistics",
      async () => {
        await tx.execute(sql`analyze`);
        return 0;
      },
      () => "tables analysed",
    );
    return {
      merchants: catalog.merchants.length,
      couriers: people.couriers.length,
      customers: people.customers.length,
      ...history,
    };
  });
  log(`seed: done in ${steps.elapsedS().toFixed(1)} s`);
  return result;
}

export { DEMO_LOGINS, DEMO_PASSWORD } from "./people";
export { DEFAULT_DISPATCH, DEFAULT_GEO, DEFAULT_PRICING } from "./config-defaults";
export { loadCity, cityGeojsonPath } from "./city";
