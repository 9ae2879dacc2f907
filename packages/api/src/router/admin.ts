// Operations and administration: the city's figures, people and applications, order
// intervention and the audit trail. Every change is audited with before and after.
import type { TRPCRouterRecord } from "@trpc/server";
import { and, desc, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";

import { ApplicationNotFoundError, decideCourierApplication, decideMerchantApplication, revokeUserSessions } from "@lastmile/auth/server";
import { writeAudit } from "@lastmile/core/audit";
import { activateConfig, listConfigVersions, proposeConfig } from "@lastmile/core/configuration";
import { conflict, invalid, notFound } from "@lastmile/core/errors";
import { applyTransition, assignCourier } from "@lastmile/core/orders";
import { areas, auditLog, merchants, serviceZones, userRoles, users } from "@lastmile/db/schema";
import { createZone, updateZone, ZPolygonInput } from "@lastmile/geo";

import { adminProcedure, opsProcedure } from "../trpc";
import { adminDashboardRouter, areaScopeOf } from "./admin-dashboard";
import { zonesInScope } from "./admin-dashboard.handler";
import { adminLiveRouter } from "./admin-live";
import { adminOrdersRouter } from "./admin-orders";
import { adminPayoutsRouter } from "./admin-payouts";
import { adminPeopleRouter } from "./admin-people";
import { adminPricingRouter } from "./admin-pricing";
import { adminDispatchRouter } from "./admin-dispatch";
import { adminSupportRouter } from "./admin-support";
import { ZReason } from "./orders";

const ZDecision = z.enum(["approve", "reject"]);

/** An application already decided (or never made) is a conflict the admin can act on, not a crash. */
async function decideApplication(decide: () => Promise<void>) {
  try {
    await decide();
  } catch (error) {
    if (error instanceof ApplicationNotFoundError) throw conflict("This application has already been decided, or was never made.");
    throw error;
  }
}

export const adminRouter = {
  ...adminDispatchRouter,
  ...adminDashboardRouter,
  ...adminLiveRouter,
  ...adminOrdersRouter,
  ...adminPeopleRouter,
  ...adminPayoutsRouter,
  ...adminPricingRouter,
  ...adminSupportRouter,
  searchUsers: opsProcedure("user:read")
    .input(z.object({ query: z.string().trim().min(2, "Type at least 2 characters").max(100), limit: z.number().int().min(1).max(50).default(20) }))
    .query(async ({ ctx, input }) => {
      const like = `%${input.query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      return ctx.db
        .select({ id: users.id, email: users.email, name: users.name, status: users.status, roles: sql<string[]>`coalesce(array_agg(${userRoles.role}) filter (where ${userRoles.role} is not null), '{}')` })
        .from(users)
        .leftJoin(userRoles, eq(userRoles.userId, users.id))
        .where(or(ilike(users.email, like), ilike(users.name, like)))
        .groupBy(users.id)
        .orderBy(users.email)
        .limit(input.limit);
    }),

  /** Suspending signs the person out everywhere at once: their sessions go in the same transaction. */
  setUserStatus: adminProcedure
    .input(z.object({ userId: z.uuid(), status: z.enum(["active", "suspended"]), reason: ZReason }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const [before] = await tx.select({ status: users.status }).from(users).where(eq(users.id, input.userId));
        if (!before) throw notFound("That user");
        const [after] = await tx.update(users).set({ status: input.status }).where(eq(users.id, input.userId)).returning({ id: users.id, status: users.status });
        if (input.status === "suspended") await revokeUserSessions(tx, input.userId);
        await writeAudit(tx, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, { action: "user.status", entityType: "user", entityId: input.userId, before, after: { status: input.status, reason: input.reason } });
        return after;
      }),
    ),

  /** A pending courier's application: status, account, audit and the applicant's email in one transaction. */
  reviewCourier: adminProcedure
    .input(z.object({ courierId: z.uuid(), decision: ZDecision, reason: ZReason.optional() }))
    .mutation(async ({ ctx, input }) => {
      await decideApplication(() => decideCourierApplication(ctx.db, input.courierId, { approve: input.decision === "approve", reason: input.reason, actor: { id: ctx.user.id, role: ctx.role, ip: ctx.ip ?? undefined }, now: new Date() }));
      return { id: input.courierId, applicationStatus: input.decision === "approve" ? ("approved" as const) : ("rejected" as const) };
    }),

  /**
   * Verifying a pending restaurant goes through its application (owners activated and emailed);
   * suspending, or re-verifying a suspended one, is a status change with its audit entry.
   */
  reviewMerchant: adminProcedure
    .input(z.object({ merchantId: z.uuid(), decision: z.enum(["verify", "suspend"]), reason: ZReason.optional() }))
    .mutation(async ({ ctx, input }) => {
      const [before] = await ctx.db.select({ status: merchants.status }).from(merchants).where(eq(merchants.id, input.merchantId));
      if (!before) throw notFound("That restaurant");
      const status = input.decision === "verify" ? "verified" : "suspended";
      if (before.status === "pending") {
        await decideApplication(() => decideMerchantApplication(ctx.db, input.merchantId, { approve: input.decision === "verify", reason: input.reason, actor: { id: ctx.user.id, role: ctx.role, ip: ctx.ip ?? undefined }, now: new Date() }));
        return { id: input.merchantId, status };
      }
      const [after] = await ctx.db.update(merchants).set({ status }).where(eq(merchants.id, input.merchantId)).returning({ id: merchants.id, status: merchants.status });
      await writeAudit(ctx.db, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, { action: `merchant.${input.decision}`, entityType: "merchant", entityId: input.merchantId, before, after: { status, reason: input.reason ?? null } });
      return after;
    }),

  cancelOrder: opsProcedure("order:cancel:area")
    .input(z.object({ orderId: z.uuid(), reason: ZReason }))
    .mutation(({ ctx, input }) => applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action: "cancel", actor: ctx.actor, reason: input.reason })),

  refundOrder: opsProcedure("order:refund:area")
    .input(
      z.object({
        orderId: z.uuid(),
        reason: ZReason,
        refundCents: z.number().int().min(1).optional(),
        /** Who pays the refund back, in order, each up to their share (the rest is the platform's cost). */
        recoverFrom: z.array(z.enum(["merchant", "courier"])).max(2).refine((a) => new Set(a).size === a.length, "Name each payee once").optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action: "refund", actor: ctx.actor, reason: input.reason, refundCents: input.refundCents, recoverFrom: input.recoverFrom }),
    ),

  assignCourier: opsProcedure("dispatch:assign:area")
    .input(z.object({ orderId: z.uuid(), courierId: z.uuid() }))
    .mutation(({ ctx, input }) => assignCourier(ctx.db, ctx.events, { orderId: input.orderId, courierId: input.courierId, actor: ctx.actor, reason: "assigned by hand" })),

  configVersions: adminProcedure
    .input(z.object({ key: z.enum(["pricing", "dispatch"]) }))
    .query(({ ctx, input }) => listConfigVersions(ctx.db, input.key)),

  proposeConfig: adminProcedure
    .input(z.object({ key: z.enum(["pricing", "dispatch"]), value: z.record(z.string(), z.unknown()), note: z.string().trim().min(3, "Say what changes and why").max(300) }))
    .mutation(({ ctx, input }) => proposeConfig(ctx.db, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, input.key, input.value, input.note)),

  /** Activate a proposal, or roll back to an earlier version. */
  activateConfig: adminProcedure
    .input(z.object({ key: z.enum(["pricing", "dispatch"]), version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => activateConfig(ctx.db, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, input.key, input.version)),

  setUserRole: adminProcedure
    .input(z.object({ userId: z.uuid(), role: z.enum(["customer", "merchant_owner", "merchant_staff", "courier", "support", "ops_manager", "admin"]), grant: z.boolean(), areaId: z.uuid().optional() }))
    .mutation(async ({ ctx, input }) => {
      if (input.role === "ops_manager" && input.grant && !input.areaId) throw invalid("areaId", "An ops manager needs the area they run.");
      const [user] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
      if (!user) throw notFound("That user");
      const areaId = input.areaId ?? null;
      if (input.grant) await ctx.db.insert(userRoles).values({ userId: input.userId, role: input.role, areaId }).onConflictDoNothing();
      else await ctx.db.delete(userRoles).where(and(eq(userRoles.userId, input.userId), eq(userRoles.role, input.role), areaId ? eq(userRoles.areaId, areaId) : isNull(userRoles.areaId)));
      await writeAudit(ctx.db, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, { action: input.grant ? "user.role.grant" : "user.role.revoke", entityType: "user", entityId: input.userId, after: { role: input.role, areaId } });
      const roles = await ctx.db.select({ role: userRoles.role, areaId: userRoles.areaId }).from(userRoles).where(eq(userRoles.userId, input.userId));
      return { userId: input.userId, roles };
    }),

  /** An ops manager sees the zones beneath their areas only. */
  zones: opsProcedure("zone:read:area").query(async ({ ctx }) => {
    const areaIds = areaScopeOf(ctx.actor);
    const inScope = areaIds === null ? null : (await zonesInScope(ctx.db, areaIds)).map((z) => z.id);
    if (inScope?.length === 0) return [];
    return ctx.db
      .select({ id: serviceZones.id, slug: serviceZones.slug, name: serviceZones.name, active: serviceZones.active, areaId: serviceZones.areaId, pricingMultiplierBp: serviceZones.pricingMultiplierBp, boundary: serviceZones.boundary })
      .from(serviceZones)
      .where(inScope ? inArray(serviceZones.id, inScope) : undefined)
      .orderBy(serviceZones.name);
  }),

  createZone: adminProcedure
    .input(z.object({ areaId: z.uuid(), slug: z.string().regex(/^[a-z0-9-]{3,60}$/, "Use 3–60 lowercase letters, digits and dashes"), name: z.string().trim().min(2).max(80), boundary: ZPolygonInput, pricingMultiplierBp: z.number().int().min(5000).max(30000).optional() }))
    .mutation(async ({ ctx, input }) => {
      const zone = await ctx.db.transaction(async (tx) => {
        const [area] = await tx.select({ id: areas.id }).from(areas).where(eq(areas.id, input.areaId));
        if (!area) throw invalid("areaId", "Choose the area the zone belongs to; that one does not exist.");
        const [taken] = await tx.select({ name: serviceZones.name }).from(serviceZones).where(eq(serviceZones.slug, input.slug));
        if (taken) throw invalid("slug", `The short name "${input.slug}" is already used by ${taken.name}; choose another.`);
        const created = await createZone(tx, input);
        await writeAudit(tx, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, { action: "zone.create", entityType: "zone", entityId: created.id, after: { slug: created.slug, name: created.name, areaId: created.areaId, corners: input.boundary.coordinates[0]?.length ?? 0 } });
        return created;
      });
      return { id: zone.id, slug: zone.slug, name: zone.name, active: zone.active };
    }),

  /** Redraw, rename, reprice, or switch a zone off in an emergency. */
  updateZone: adminProcedure
    .input(z.object({ zoneId: z.uuid(), name: z.string().trim().min(2).max(80).optional(), boundary: ZPolygonInput.optional(), active: z.boolean().optional(), pricingMultiplierBp: z.number().int().min(5000).max(30000).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { zoneId, ...patch } = input;
      return ctx.db.transaction(async (tx) => {
        const [before] = await tx.select({ name: serviceZones.name, active: serviceZones.active, pricingMultiplierBp: serviceZones.pricingMultiplierBp }).from(serviceZones).where(eq(serviceZones.id, zoneId));
        const zone = await updateZone(tx, zoneId, patch);
        if (!zone || !before) throw notFound("That zone");
        await writeAudit(tx, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, { action: "zone.update", entityType: "zone", entityId: zoneId, before, after: { name: zone.name, active: zone.active, pricingMultiplierBp: zone.pricingMultiplierBp, boundaryChanged: Boolean(patch.boundary) } });
        return { id: zone.id, slug: zone.slug, name: zone.name, active: zone.active };
      });
    }),

  auditLog: opsProcedure("audit:read")
    .input(z.object({ entityType: z.string().max(40).optional(), entityId: z.string().max(60).optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) =>
      ctx.db
        .select()
        .from(auditLog)
        .where(and(input.entityType ? eq(auditLog.entityType, input.entityType) : undefined, input.entityId ? eq(auditLog.entityId, input.entityId) : undefined))
        .orderBy(desc(auditLog.at))
        .limit(input.limit),
    ),
} satisfies TRPCRouterRecord;
