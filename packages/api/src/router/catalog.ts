// Catalogue: what customers can order from where they are, and a restaurant's menu.
import type { TRPCRouterRecord } from "@trpc/server";
import { asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";

import { notFound } from "@lastmile/core/errors";
import { merchantsDeliveringToPoint } from "@lastmile/db/queries/overview";
import { menuCategories, menuItemModifierGroups, menuItems, merchants, modifierGroups, modifiers } from "@lastmile/db/schema";
import { zoneAt } from "@lastmile/geo";

import { ZLngLat, ZMerchantCard, ZMerchantsNearInput } from "../schemas";
import { publicProcedure } from "../trpc";
import { cityMap, discoverMerchants, searchPlaces } from "./catalog.handler";

export const ZDeliveringToInput = ZLngLat.extend({
  search: z.string().trim().max(100, "Keep the search under 100 characters").optional(),
  cuisine: z.string().trim().max(60).optional(),
  /** 1 (€) to 4 (€€€€): only merchants at or below this price level. */
  maxPriceLevel: z.number().int().min(1).max(4).optional(),
  minRating: z.number().min(1).max(5).optional(),
  /** Only merchants that offer free delivery (over a basket subtotal they set). */
  freeDelivery: z.boolean().optional(),
  includeClosed: z.boolean().default(true),
  limit: z.number().int().min(1).max(100).default(60),
  cursor: z.string().max(500).nullish(),
});

const ZDeliveringCard = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  photoUrl: z.string().nullable(),
  cuisines: z.array(z.string()),
  priceLevel: z.number().int(),
  rating: z.number().nullable(),
  ratingCount: z.number().int(),
  availability: z.enum(["open", "busy", "paused"]),
  openNow: z.boolean(),
  nextOpensAt: z.date().nullable(),
  distanceM: z.number().int(),
  etaMin: z.number().int(),
  deliveryFeeCents: z.number().int(),
  /** The merchant pays delivery from this basket subtotal on; null: no offer. */
  freeDeliveryOverCents: z.number().int().nullable(),
  currency: z.string(),
  /** The merchant's IANA zone (its area's), the one `nextOpensAt` was worked out in: show it on that clock. */
  timezone: z.string(),
  location: z.object({ lng: z.number(), lat: z.number() }),
});
export type TDeliveringCard = z.infer<typeof ZDeliveringCard>;

const ZMenu = z.object({
  merchant: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), description: z.string(), cuisines: z.array(z.string()), availability: z.string(), prepTimeMin: z.number().int(), address: z.string(), priceLevel: z.number().int(), rating: z.number().nullable(), ratingCount: z.number().int(), timezone: z.string() }),
  /** For the drop-off in the input: whether and when this merchant delivers there; null if it does not. */
  delivery: ZDeliveringCard.pick({ openNow: true, nextOpensAt: true, etaMin: true, deliveryFeeCents: true, freeDeliveryOverCents: true, distanceM: true, availability: true }).nullable(),
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
          /** How many are left when the kitchen counts stock; null when it does not. */
          stockCount: z.number().int().nullable(),
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

  /** Who delivers to a drop-off: open merchants by ETA, then closed ones with their next opening. */
  merchantsDeliveringTo: publicProcedure
    .input(ZDeliveringToInput)
    .output(z.object({ items: z.array(ZDeliveringCard), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => discoverMerchants(ctx.db, input)),

  /** The active service zone at a point, or why we cannot deliver there. */
  deliveryZone: publicProcedure
    .input(ZLngLat)
    .output(z.discriminatedUnion("found", [z.object({ found: z.literal(true), zoneName: z.string() }), z.object({ found: z.literal(false), message: z.string() })]))
    .query(async ({ ctx, input }) => {
      const at = await zoneAt(ctx.db, input);
      return at.found ? { found: true as const, zoneName: at.zone.name } : { found: false as const, message: at.message };
    }),

  /** Offline address search over the demo city's streets and landmarks (pg_trgm). */
  searchPlaces: publicProcedure
    .input(z.object({ query: z.string().trim().min(2, "Type at least 2 letters").max(120), limit: z.number().int().min(1).max(20).default(8) }))
    .output(z.array(z.object({ kind: z.enum(["street", "landmark"]), label: z.string(), detail: z.string(), lng: z.number(), lat: z.number() })))
    .query(({ ctx, input }) => searchPlaces(ctx.db, input.query, input.limit)),

  /** The delivery map: active zones and the city's streets, for the offline map style. */
  cityMap: publicProcedure.query(({ ctx }) => cityMap(ctx.db)),

  menu: publicProcedure
    .input(z.object({ slug: z.string().min(1).max(120), dropoff: ZLngLat.optional() }))
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
      // The merchant's card for the drop-off, from the same query as the list (search by its name
      // finds it without scanning every merchant in reach).
      const delivery = input.dropoff
        ? ((await discoverMerchants(ctx.db, { ...input.dropoff, search: m.name, includeClosed: true, limit: 100 })).items.find((x) => x.id === m.id) ?? null)
        : null;
      return {
        merchant: {
          id: m.id,
          slug: m.slug,
          name: m.name,
          description: m.description,
          cuisines: m.cuisines,
          availability: m.availability,
          prepTimeMin: m.defaultPrepTimeMin,
          address: m.address,
          priceLevel: m.priceLevel,
          rating: m.ratingCount > 0 ? Math.round((m.ratingSum / m.ratingCount) * 10) / 10 : null,
          ratingCount: m.ratingCount,
          timezone: m.timezone,
        },
        delivery: delivery && { openNow: delivery.openNow, nextOpensAt: delivery.nextOpensAt, etaMin: delivery.etaMin, deliveryFeeCents: delivery.deliveryFeeCents, freeDeliveryOverCents: delivery.freeDeliveryOverCents, distanceM: delivery.distanceM, availability: delivery.availability },
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
              stockCount: i.stockCount,
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
