// The operations dashboard: figures from the orders for today and from the rollups for past days,
// narrowed to the caller's area (an ops manager elsewhere sees an empty city, and asking for a
// zone outside their area is "not found"), the audit trail naming who did what, and the dispatch
// board and live map naming each order's area's timezone.
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { applyTransition } from "@lastmile/core/orders";
import { placeTestOrder, testDeps } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { BAIXA_SQUARE, insertMiniCity } from "@lastmile/db/fixtures";
import { point } from "@lastmile/db/geometry";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { areas, dailyStats, orders, serviceZones } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
let orderId: string;

const caller = (roles: TRole[], areaIds: string[] = []) => {
  const session: TSession = {
    user: { id: city.users.owner.id, email: "staff@example.com", name: "Staff", roles, merchantIds: [], courierId: null, areaIds },
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  };
  return testCaller(db, session, { headers: new Headers({ "x-forwarded-for": "203.0.113.7" }) });
};

const lisbonDay = (offsetDays: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Lisbon" }).format(new Date(Date.now() + offsetDays * 86400_000));

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  const { order } = await placeTestOrder(db, testDeps(), city, { idempotencyKey: "dashboard-1" });
  orderId = order.id;
  // Yesterday as the worker would have rolled it up.
  await db.insert(dailyStats).values({ day: lisbonDay(-1), merchantId: city.merchant.id, zoneId: city.zone.id, orders: 7, delivered: 5, cancelled: 2, gmvCents: 12_345, avgDeliverySeconds: 1800 });
});

describe(`operations dashboard on ${testBackend()}`, () => {
  it("counts today's orders live and reads yesterday from the rollups", async () => {
    const d = await caller(["admin"]).admin.dashboard({ range: "7d" });
    expect(d.perDay).toHaveLength(7);
    const today = d.perDay.at(-1);
    const yesterday = d.perDay.at(-2);
    expect(today).toMatchObject({ day: lisbonDay(0), orders: 1, source: "live" });
    expect(yesterday).toMatchObject({ day: lisbonDay(-1), orders: 7, cancelled: 2, gmvCents: 12_345, avgDeliveryS: 1800, source: "rollup" });
    expect(d.perHour).toHaveLength(24);
    expect(d.perHour.reduce((s, h) => s + h.orders, 0)).toBe(1);
    expect(d.supply.find((z) => z.zoneId === city.zone.id)?.openOrders).toBe(1);
  });

  it("shows an ops manager only their area", async () => {
    const inside = await caller(["ops_manager"], [city.country.id]).admin.dashboard({ range: "today", zoneId: city.zone.id });
    expect(inside.totals.orders).toBe(1);
    const elsewhere = caller(["ops_manager"], ["00000000-0000-4000-8000-0000000000aa"]);
    const empty = await elsewhere.admin.dashboard({ range: "7d" });
    expect(empty.totals.orders).toBe(0);
    expect(empty.supply).toEqual([]);
    expect((await elsewhere.admin.scope()).zones).toEqual([]);
    expect(await elsewhere.admin.zones()).toEqual([]);
    expect((await caller(["ops_manager"], [city.country.id]).admin.zones()).map((z) => z.id)).toContain(city.zone.id);
    await expect(elsewhere.admin.dashboard({ range: "7d", zoneId: city.zone.id })).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "NOT_FOUND");
  });

  it("reads days and hours on each area's own clock, and names it", async () => {
    // A zone in an area on Tokyo time, with an order placed at 00:30 there today: on Lisbon's clock
    // that is yesterday afternoon.
    const [tokyo] = await db.insert(areas).values({ level: "country", slug: "jp-test", name: "Japan", timezone: "Asia/Tokyo", currency: "JPY", boundary: { type: "MultiPolygon", coordinates: [BAIXA_SQUARE.coordinates] } }).returning();
    const [zone] = await db.insert(serviceZones).values({ areaId: tokyo?.id as string, slug: "shibuya-test", name: "Shibuya", boundary: BAIXA_SQUARE }).returning();
    const tokyoToday = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
    const placedAt = new Date(`${tokyoToday}T00:30:00+09:00`);
    await db.insert(orders).values({ customerId: city.users.otherCustomer.id, merchantId: city.merchant.id, zoneId: zone?.id, status: "CANCELLED", currency: "EUR", subtotalCents: 1000, totalCents: 1000, dropoffLocation: point(-9.1365, 38.7095), dropoffAddress: "Somewhere", deliveryPin: "1234", idempotencyKey: "tokyo-clock", placedAt, cancellationReason: "Test" });

    const d = await caller(["admin"]).admin.dashboard({ range: "7d", zoneId: zone?.id });
    expect(d.timezones).toEqual(["Asia/Tokyo"]);
    expect(d.perDay.at(-1)).toMatchObject({ day: tokyoToday, orders: 1, source: "live" });
    expect(d.perHour.filter((h) => h.orders > 0)).toEqual([{ hour: 0, orders: 1 }]);
    expect(d.totals.orders).toBe(1);
    // Everywhere: both clocks named, each order on its own.
    const all = await caller(["admin"]).admin.dashboard({ range: "7d" });
    expect([...all.timezones].sort()).toEqual(["Asia/Tokyo", "Europe/Lisbon"]);
    expect(all.perHour.find((h) => h.hour === 0)?.orders).toBeGreaterThanOrEqual(1);
  });

  it("names who changed pricing, from where, with before and after", async () => {
    const admin = caller(["admin"]);
    const [active] = (await admin.admin.configVersions({ key: "pricing" })).filter((v) => v.active);
    const proposed = await admin.admin.proposeConfig({ key: "pricing", value: { ...active?.value, baseFeeCents: 333 }, note: "Test a higher base fee" });
    await admin.admin.activateConfig({ key: "pricing", version: proposed?.version ?? 0 });
    const trail = await admin.admin.auditTrail({ action: "config.pricing" });
    expect(trail.map((t) => t.action)).toEqual(["config.pricing.activate", "config.pricing.propose"]);
    expect(trail[0]).toMatchObject({ actorEmail: city.users.owner.email, actorRole: "admin", ip: "203.0.113.7", entityId: `pricing@${proposed?.version}` });
    expect((trail[0]?.after as { value: { baseFeeCents: number } }).value.baseFeeCents).toBe(333);
  });

  it("names the timezone of each order's area on the dispatch board and the live map, for their times to be shown in", async () => {
    // Accepted and without a courier: on the board as well as on the map.
    const kitchen = { userId: city.users.staff.id, role: "merchant_staff" as const, merchantIds: [city.merchant.id], courierId: null, areaIds: [] };
    await applyTransition(db, testDeps(), { orderId, action: "accept", actor: kitchen });
    const admin = caller(["admin"]);
    expect(await admin.admin.waitingOrders()).toEqual([expect.objectContaining({ orderId, timezone: "Europe/Lisbon" })]);
    await db.update(areas).set({ timezone: "Atlantic/Azores" }).where(eq(areas.id, city.zone.areaId));
    try {
      expect(await admin.admin.waitingOrders()).toEqual([expect.objectContaining({ orderId, timezone: "Atlantic/Azores" })]);
      expect((await admin.admin.liveMap()).orders).toEqual([expect.objectContaining({ id: orderId, timezone: "Atlantic/Azores" })]);
    } finally {
      await db.update(areas).set({ timezone: "Europe/Lisbon" }).where(eq(areas.id, city.zone.areaId));
    }
  });
});

describe(`a person's data rights, by an administrator, on ${testBackend()}`, () => {
  it("exports what we hold, then erases the person while their orders stay, audited both times", async () => {
    const admin = caller(["admin"]);
    const customer = city.users.customer.id;
    const data = await admin.admin.exportUser({ userId: customer, reason: "Data request by email" });
    expect(data.profile?.email).toBe(city.users.customer.email);
    expect(data.orders).toHaveLength(1);

    await expect(admin.admin.eraseUser({ userId: customer, reason: "Erasure request", confirm: "ERASE" })).resolves.toEqual({ erased: true });
    const person = await admin.admin.person({ userId: customer });
    expect(person).toMatchObject({ name: "Erased user", status: "erased", orders: 1 });
    await expect(admin.admin.eraseUser({ userId: customer, reason: "Erasure request", confirm: "ERASE" })).rejects.toThrow("already been erased");
    const trail = await admin.admin.auditTrail({ entityType: "user", entityId: customer });
    expect(trail.map((t) => t.action)).toEqual(["user.erase", "user.export"]);
  });
});
