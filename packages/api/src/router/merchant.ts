// The kitchen: today's orders, moving them along, and switching the store and its dishes.
import type { TRPCRouterRecord } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";

import { writeAudit } from "@lastmile/core/audit";
import { notFound } from "@lastmile/core/errors";
import { applyTransition } from "@lastmile/core/orders";
import { ZPolygonInput } from "@lastmile/geo";
import type { TOrderAction } from "@lastmile/core/orders";
import { merchantOrdersToday } from "@lastmile/db/queries/overview";
import { menuItems, merchants, modifierGroups, modifiers } from "@lastmile/db/schema";

import { ZTodayBoard } from "../schemas";
import { merchantProcedure } from "../trpc";
import { kitchenBoard, ZKitchenBoard } from "./merchant-board.handler";
import { setDeliveryArea } from "./merchant-store.handler";
import { ZReason } from "./orders";

const ZOrderId = z.object({ orderId: z.uuid() });

const move = (action: TOrderAction) =>
  merchantProcedure("order:update:merchant")
    .input(ZOrderId.extend({ reason: ZReason.optional(), prepTimeMin: z.number().int().min(1).max(180).optional() }))
    .mutation(({ ctx, input }) =>
      applyTransition(ctx.db, { payments: ctx.payments, events: ctx.events }, { orderId: input.orderId, action, actor: { ...ctx.actor, merchantIds: [ctx.merchantId] }, reason: input.reason, prepTimeMin: input.prepTimeMin }),
    );

export const merchantRouter = {
  todayBoard: merchantProcedure("order:read:merchant")
    .output(ZTodayBoard)
    .query(async ({ ctx }) => {
      const [m] = await ctx.db.select({ id: merchants.id, name: merchants.name, slug: merchants.slug }).from(merchants).where(eq(merchants.id, ctx.merchantId));
      if (!m) throw notFound("That restaurant");
      return { merchant: m, orders: await merchantOrdersToday(ctx.db, m.id) };
    }),

  /** The live board: open orders of any day and today's finished ones, with tickets and couriers. */
  board: merchantProcedure("order:read:merchant")
    .output(ZKitchenBoard)
    .query(({ ctx }) => kitchenBoard(ctx.db, ctx.merchantId)),

  accept: move("accept"),
  reject: move("reject"),
  startPreparing: move("startPreparing"),
  markReady: move("markReady"),

  /** Open, busy (adds prep time) or paused for a while (resumes by itself). */
  setAvailability: merchantProcedure("store:update:merchant")
    .input(z.discriminatedUnion("availability", [
      z.object({ availability: z.literal("open") }),
      z.object({ availability: z.literal("busy") }),
      z.object({ availability: z.literal("paused"), minutes: z.number().int().min(5, "Pause for at least 5 minutes").max(24 * 60, "Pause for at most a day") }),
    ]))
    .mutation(async ({ ctx, input }) => {
      const pausedUntil = input.availability === "paused" ? new Date(Date.now() + input.minutes * 60_000) : null;
      const [before] = await ctx.db.select({ availability: merchants.availability }).from(merchants).where(eq(merchants.id, ctx.merchantId));
      const [m] = await ctx.db.update(merchants).set({ availability: input.availability, pausedUntil }).where(eq(merchants.id, ctx.merchantId)).returning({ availability: merchants.availability, pausedUntil: merchants.pausedUntil });
      await writeAudit(ctx.db, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, { action: "merchant.availability", entityType: "merchant", entityId: ctx.merchantId, before: before ?? null, after: { availability: input.availability, pausedUntil: pausedUntil?.toISOString() ?? null } });
      return m;
    }),

  /** A delivery area drawn on the map (validated by PostGIS), or null to deliver by radius again. */
  setDeliveryArea: merchantProcedure("store:update:merchant")
    .input(z.object({ boundary: ZPolygonInput.nullable() }))
    .mutation(({ ctx, input }) => setDeliveryArea(ctx.db, ctx.merchantId, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, input.boundary)),

  /** Sold out / back on: takes effect for customers at once. */
  setItemAvailable: merchantProcedure("menu:update:merchant")
    .input(z.object({ itemId: z.uuid(), available: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const [item] = await ctx.db.update(menuItems).set({ available: input.available }).where(and(eq(menuItems.id, input.itemId), eq(menuItems.merchantId, ctx.merchantId))).returning({ id: menuItems.id, available: menuItems.available });
      if (!item) throw notFound("That dish");
      return item;
    }),

  setModifierAvailable: merchantProcedure("menu:update:merchant")
    .input(z.object({ modifierId: z.uuid(), available: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const [own] = await ctx.db.select({ id: modifiers.id }).from(modifiers).innerJoin(modifierGroups, eq(modifierGroups.id, modifiers.groupId)).where(and(eq(modifiers.id, input.modifierId), eq(modifierGroups.merchantId, ctx.merchantId)));
      if (!own) throw notFound("That option");
      const [m] = await ctx.db.update(modifiers).set({ available: input.available }).where(eq(modifiers.id, own.id)).returning({ id: modifiers.id, available: modifiers.available });
      return m;
    }),
} satisfies TRPCRouterRecord;
