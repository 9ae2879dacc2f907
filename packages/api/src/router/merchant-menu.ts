// The merchant's menu and store: categories, dishes, option groups, stock, hours, closures and
// store settings. Staff can edit the menu; only the owner changes the store's settings.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { addClosure, removeClosure, reorderCategories, setHours, setStock, updateStoreSettings, upsertCategory, upsertItem, upsertModifierGroup } from "@lastmile/core/menu";

import { merchantProcedure } from "../trpc";
import { merchantMenu, storeSettings } from "./merchant-menu.handler";

const ZName = z.string().trim().min(1, "Enter a name").max(120, "Keep the name under 120 characters");
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Write times as HH:MM");

export const merchantMenuRouter = {
  /** The whole menu as the kitchen edits it, sold-out dishes and options included. */
  get: merchantProcedure("menu:read:merchant").query(({ ctx }) => merchantMenu(ctx.db, ctx.merchantId)),

  /** Store settings, weekly hours and upcoming closures (owner only, like editing them). */
  store: merchantProcedure("store:read:merchant").query(({ ctx }) => storeSettings(ctx.db, ctx.merchantId)),

  upsertCategory: merchantProcedure("menu:update:merchant")
    .input(z.object({ id: z.uuid().optional(), name: ZName, position: z.number().int().min(0).max(1000).optional() }))
    .mutation(({ ctx, input }) => upsertCategory(ctx.db, ctx.merchantId, input)),

  reorderCategories: merchantProcedure("menu:update:merchant")
    .input(z.object({ ids: z.array(z.uuid()).min(1).max(100) }))
    .mutation(({ ctx, input }) => reorderCategories(ctx.db, ctx.merchantId, input.ids)),

  upsertItem: merchantProcedure("menu:update:merchant")
    .input(
      z.object({
        id: z.uuid().optional(),
        categoryId: z.uuid(),
        name: ZName,
        description: z.string().trim().max(500).optional(),
        priceCents: z.number().int("The price is in whole cents").min(0, "The price must be zero or more").max(1_000_000),
        photoUrl: z.url("Enter a full link to the photo").max(500).nullable().optional(),
        tags: z.array(z.string().trim().min(1).max(30)).max(10).optional(),
        allergens: z.array(z.string().trim().min(1).max(30)).max(14).optional(),
        available: z.boolean().optional(),
        stockCount: z.number().int().min(0, "Stock must be zero or more").max(100_000).nullable().optional(),
        modifierGroupIds: z.array(z.uuid()).max(10).optional(),
      }),
    )
    .mutation(({ ctx, input }) => upsertItem(ctx.db, ctx.merchantId, input)),

  setStock: merchantProcedure("menu:update:merchant")
    .input(z.object({ itemId: z.uuid(), stockCount: z.number().int().min(0, "Stock must be zero or more").max(100_000).nullable() }))
    .mutation(({ ctx, input }) => setStock(ctx.db, ctx.merchantId, input.itemId, input.stockCount)),

  upsertModifierGroup: merchantProcedure("menu:update:merchant")
    .input(
      z.object({
        id: z.uuid().optional(),
        name: ZName,
        minChoices: z.number().int().min(0).max(20),
        maxChoices: z.number().int().min(1).max(20),
        modifiers: z.array(z.object({ id: z.uuid().optional(), name: ZName, priceDeltaCents: z.number().int().min(-100_000).max(100_000), available: z.boolean().optional() })).min(1, "Add at least one option").max(40),
      }),
    )
    .mutation(({ ctx, input }) => upsertModifierGroup(ctx.db, ctx.merchantId, input)),

  updateStoreSettings: merchantProcedure("store:update:merchant")
    .input(
      z.object({
        defaultPrepTimeMin: z.number().int().min(1).max(180).optional(),
        busyExtraPrepMin: z.number().int().min(0).max(120).optional(),
        autoAccept: z.boolean().optional(),
        deliveryRadiusM: z.number().int().min(100).max(30_000).optional(),
        newOrderEmails: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { merchantId: _m, ...settings } = input as typeof input & { merchantId?: string };
      return updateStoreSettings(ctx.db, ctx.merchantId, settings);
    }),

  setHours: merchantProcedure("store:update:merchant")
    .input(z.object({ slots: z.array(z.object({ weekday: z.number().int().min(1).max(7), opensAt: ZTime, closesAt: ZTime })).max(28) }))
    .mutation(({ ctx, input }) => setHours(ctx.db, ctx.merchantId, input.slots)),

  addClosure: merchantProcedure("store:update:merchant")
    .input(z.object({ startsAt: z.coerce.date(), endsAt: z.coerce.date(), reason: z.string().trim().max(200).default("") }))
    .mutation(({ ctx, input }) => addClosure(ctx.db, ctx.merchantId, input)),

  removeClosure: merchantProcedure("store:update:merchant")
    .input(z.object({ closureId: z.uuid() }))
    .mutation(({ ctx, input }) => removeClosure(ctx.db, ctx.merchantId, input.closureId)),
} satisfies TRPCRouterRecord;
