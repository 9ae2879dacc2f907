// The customer's own orders through the API: the list and the tracking page name the timezone
// of the order's area (its merchant's without a zone), for its times to be shown on that clock.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { placeTestOrder, testDeps } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { areas, orders } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
let orderId: string;

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  const { order } = await placeTestOrder(db, testDeps(), city, { idempotencyKey: "orders-timezone-1" });
  orderId = order.id;
});

const customer = () =>
  testCaller(db, {
    user: { id: city.users.customer.id, email: "c@example.com", name: "Clara", roles: ["customer"], merchantIds: [], courierId: null, areaIds: [] },
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });

describe(`the customer's orders on ${testBackend()}`, () => {
  it("names the timezone of the order's area, in the list and on the tracking page, for its times to be shown in", async () => {
    expect(await customer().orders.get({ orderId })).toMatchObject({ timezone: "Europe/Lisbon" });
    await db.update(areas).set({ timezone: "Atlantic/Azores" }).where(eq(areas.id, city.zone.areaId));
    expect(await customer().orders.get({ orderId })).toMatchObject({ timezone: "Atlantic/Azores" });
    expect(await customer().orders.mine({})).toEqual([expect.objectContaining({ id: orderId, timezone: "Atlantic/Azores" })]);
    // Without a zone, the merchant's (its city's) clock.
    await db.update(orders).set({ zoneId: null }).where(eq(orders.id, orderId));
    expect(await customer().orders.get({ orderId })).toMatchObject({ timezone: city.merchant.timezone });
    expect(await customer().orders.mine({})).toEqual([expect.objectContaining({ id: orderId, timezone: city.merchant.timezone })]);
  });
});
