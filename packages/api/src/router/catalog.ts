// Catalogue: what customers can order from where they are, and a restaurant's menu.
import type { TRPCRouterRecord } from "@trpc/server";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";

import { notFound } from "@lastmile/core/errors";
import { merchantsDeliveringToPoint } from "@lastmile/db/queries/overview";
import { menuCategories, menuItemModifierGroups, menuItems, merchants, modifierGroups, modifiers } from "@lastmile/db/schema";

import { ZMerchantCard, ZMerchantsNearInput } from "../schemas";
import { publicProcedure } from "../trpc";

const ZMenu = z.object({
  merchant: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), description: z.string(), cuisines: z.array(z.string()), availability: z.string(), prepTimeMin: z.number().int() }),
  categories: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      items: z.array(
        z.object({
          id: z.uuid(),
          name: z.string(),
          description: z.string(),
          priceCents: z.number().int(),
          currency: z.string(),
          photoUrl: z.string().nullable(),
          tags: z.array(z.string()),
          allergens: z.array(z.string()),
          available: z.boolean(),
          modifierGroups: z.array(
            z.object({
              id: z.uuid(),
              name: z.string(),
              minChoices: z.number().int(),
              maxChoices: z.number().int(),
              modifiers: z.array(z.object({ id: z.uuid(), name: z.string(), priceDeltaCents: z.number().int(), available: z.boolean() })),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const catalogRouter = {
  merchantsNear: publicProcedure
    .input(ZMerchantsNearInput)
    .output(z.array(ZMerchantCard))
    .query(async ({ ctx, input }) => {
      const rows = await merchantsDeliveringToPoint(ctx.db, [input.lng, input.lat], input.limit);
      return rows.map(({ ratingSum, ratingCount, ...m }) => ({
        ...m,
        rating: ratingCount > 0 ? Math.round((ratingSum / ratingCount) * 10) / 10 : null,
        ratingCount,
      }));
    }),

  menu: publicProcedure
    .input(z.object({ slug: z.string().min(1).max(120) }))
    .output(ZMenu)
    .query(async ({ ctx, input }) => {
      const [m] = await ctx.db.select().from(merchants).where(eq(merchants.slug, input.slug));
      if (!m || m.status !== "verified") throw notFound("That restaurant");
      const categories = await ctx.db.select().from(menuCategories).where(eq(menuCategories.merchantId, m.id)).orderBy(asc(menuCategories.position));
      const items = await ctx.db.select().from(menuItems).where(eq(menuItems.merchantId, m.id)).orderBy(asc(menuItems.position));
      const links = items.length
        ? await ctx.db.select().from(menuItemModifierGroups).where(inArray(menuItemModifierGroups.itemId, items.map((i) => i.id))).orderBy(asc(menuItemModifierGroups.position))
        : [];
      const groups = links.length ? await ctx.db.select().from(modifierGroups).where(inArray(modifierGroups.id, [...new Set(links.map((l) => l.groupId))])) : [];
      const mods = groups.length ? await ctx.db.select().from(modifiers).where(inArray(modifiers.groupId, groups.map((g) => g.id))).orderBy(asc(modifiers.position)) : [];
      return {
        merchant: { id: m.id, slug: m.slug, name: m.name, description: m.description, cuisines: m.cuisines, availability: m.availability, prepTimeMin: m.defaultPrepTimeMin },
        categories: categories.map((c) => ({
          id: c.id,
          name: c.name,
          items: items
            .filter((i) => i.categoryId === c.id)
            .map((i) => ({
              id: i.id,
              name: i.name,
              description: i.description,
              priceCents: i.priceCents,
              currency: i.currency,
              photoUrl: i.photoUrl,
              tags: i.tags,
              allergens: i.allergens,
              available: i.available && i.stockCount !== 0,
              modifierGroups: links
                .filter((l) => l.itemId === i.id)
                .flatMap((l) => groups.filter((g) => g.id === l.groupId))
                .map((g) => ({
                  id: g.id,
                  name: g.name,
                  minChoices: g.minChoices,
                  maxChoices: g.maxChoices,
                  modifiers: mods.filter((x) => x.groupId === g.id).map((x) => ({ id: x.id, name: x.name, priceDeltaCents: x.priceDeltaCents, available: x.available })),
                })),
            })),
        })),
      };
    }),
} satisfies TRPCRouterRecord;
