// Versioned configuration changes: a proposal is a new inactive version, validated; activating
// one (or rolling back to an earlier one) swaps the active flag in one transaction. Every step
// is audited with the before and after.
import { and, desc, eq, max } from "drizzle-orm";
import type { z } from "zod";

import type { TDb } from "@lastmile/db/client";
import { configVersions } from "@lastmile/db/schema";

import type { TActorContext } from "./audit";
import { writeAudit } from "./audit";
import { ZDispatchConfig, ZPricingConfig } from "./config";
import { invalid, notFound } from "./errors";

export const CONFIG_SCHEMAS = { pricing: ZPricingConfig, dispatch: ZDispatchConfig } as const;
export type TConfigKey = keyof typeof CONFIG_SCHEMAS;

export async function listConfigVersions(db: TDb, key: TConfigKey) {
  return db.select().from(configVersions).where(eq(configVersions.key, key)).orderBy(desc(configVersions.version));
}

export async function proposeConfig(db: TDb, actor: TActorContext, key: TConfigKey, value: unknown, note: string) {
  const parsed = CONFIG_SCHEMAS[key].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(issue?.path.join(".") || "value", issue?.message ?? "That configuration is not valid.");
  }
  const v = parsed.data as z.infer<(typeof CONFIG_SCHEMAS)[TConfigKey]>;
  if (key === "pricing" && "minDeliveryFeeCents" in v && v.minDeliveryFeeCents > v.maxDeliveryFeeCents) {
    throw invalid("minDeliveryFeeCents", "The minimum delivery fee cannot be above the maximum.");
  }
  return db.transaction(async (tx) => {
    const [{ latest } = { latest: 0 }] = await tx.select({ latest: max(configVersions.version) }).from(configVersions).where(eq(configVersions.key, key));
    const [row] = await tx
      .insert(configVersions)
      .values({ key, version: (latest ?? 0) + 1, value: v as Record<string, unknown>, active: false, note, createdBy: actor.userId })
      .returning();
    await writeAudit(tx, actor, { action: `config.${key}.propose`, entityType: "config", entityId: `${key}@${row?.version}`, after: v as Record<string, unknown> });
    return row;
  });
}

/** Makes `version` the active one — a newer proposal, or an earlier version to roll back to. */
export async function activateConfig(db: TDb, actor: TActorContext, key: TConfigKey, version: number) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(configVersions).where(and(eq(configVersions.key, key), eq(configVersions.version, version)));
    if (!target) throw notFound(`Version ${version} of the ${key} configuration`);
    const [current] = await tx.select().from(configVersions).where(and(eq(configVersions.key, key), eq(configVersions.active, true)));
    if (current?.id === target.id) return target;
    await tx.update(configVersions).set({ active: false }).where(and(eq(configVersions.key, key), eq(configVersions.active, true)));
    const [activated] = await tx.update(configVersions).set({ active: true, activatedAt: new Date() }).where(eq(configVersions.id, target.id)).returning();
    await writeAudit(tx, actor, {
      action: `config.${key}.activate`,
      entityType: "config",
      entityId: `${key}@${version}`,
      before: current ? { version: current.version, value: current.value } : null,
      after: { version, value: target.value },
    });
    return activated;
  });
}
