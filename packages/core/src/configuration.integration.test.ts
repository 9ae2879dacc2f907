import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import { auditLog, configVersions } from "@lastmile/db/schema";
import { DEFAULT_PRICING } from "@lastmile/db/seed/config-defaults";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { activeConfig, ZPricingConfig } from "./config";
import { activateConfig, proposeConfig } from "./configuration";
import { DomainError } from "./errors";

let db: TDb;
let adminId: string;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  adminId = (await insertMiniCity(db)).users.owner.id;
});

describe(`versioned configuration on ${testBackend()}`, () => {
  it("proposes, activates and rolls back pricing, auditing each step", async () => {
    const actor = { userId: adminId, role: "admin", ip: "203.0.113.9" };
    const v2 = await proposeConfig(db, actor, "pricing", { ...DEFAULT_PRICING, baseFeeCents: 149 }, "Rain surcharge");
    expect(v2).toMatchObject({ version: 2, active: false });
    expect((await activeConfig(db, "pricing", ZPricingConfig)).version).toBe(1);

    await activateConfig(db, actor, "pricing", 2);
    expect((await activeConfig(db, "pricing", ZPricingConfig)).value.baseFeeCents).toBe(149);
    await activateConfig(db, actor, "pricing", 1);
    expect((await activeConfig(db, "pricing", ZPricingConfig)).version).toBe(1);

    const active = await db.select().from(configVersions).where(eq(configVersions.active, true));
    expect(active.filter((c) => c.key === "pricing")).toHaveLength(1);
    const audit = await db.select().from(auditLog).orderBy(auditLog.at);
    expect(audit.map((a) => a.action)).toEqual(["config.pricing.propose", "config.pricing.activate", "config.pricing.activate"]);
    expect(audit[1]).toMatchObject({ before: { version: 1 }, after: { version: 2 }, ip: "203.0.113.9" });
  });

  it("refuses an invalid configuration with the field and reason, writing nothing", async () => {
    const actor = { userId: adminId, role: "admin" };
    const tooHigh = await proposeConfig(db, actor, "pricing", { ...DEFAULT_PRICING, surgeCapBp: 45000 }, "x").catch((e: unknown) => e);
    expect(tooHigh).toBeInstanceOf(DomainError);
    expect(tooHigh).toMatchObject({ kind: "Validation", field: "surgeCapBp" });
    const inverted = await proposeConfig(db, actor, "pricing", { ...DEFAULT_PRICING, minDeliveryFeeCents: 900 }, "x").catch((e: unknown) => e);
    expect(inverted).toMatchObject({ field: "minDeliveryFeeCents" });
    expect(await db.select().from(configVersions).where(eq(configVersions.key, "pricing"))).toHaveLength(1);
    expect(await db.select().from(auditLog)).toHaveLength(0);
  });
});
