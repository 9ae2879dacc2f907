// The customer's server-side cart.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { addToCart, clearCart, getCart, updateCartLine } from "@lastmile/core/cart";

import { customerProcedure } from "../trpc";

const ZAddToCart = z.object({
  itemId: z.uuid(),
  modifierIds: z.array(z.uuid()).max(30).default([]),
  quantity: z.number().int().min(1, "Quantity must be at least 1").max(50, "Quantity must be at most 50"),
  notes: z.string().trim().max(300, "Notes must be at most 300 characters").optional(),
  replaceCart: z.boolean().optional(),
});
const ZUpdateLine = z.object({
  lineId: z.uuid(),
  quantity: z.number().int().min(0).max(50, "Quantity must be at most 50"),
  notes: z.string().trim().max(300).nullable().optional(),
});

export const cartRouter = {
  get: customerProcedure.query(({ ctx }) => getCart(ctx.db, ctx.user.id)),
  add: customerProcedure.input(ZAddToCart).mutation(({ ctx, input }) => addToCart(ctx.db, ctx.user.id, input)),
  updateLine: customerProcedure.input(ZUpdateLine).mutation(({ ctx, input }) => updateCartLine(ctx.db, ctx.user.id, input)),
  clear: customerProcedure.mutation(async ({ ctx }) => {
    await clearCart(ctx.db, ctx.user.id);
    return getCart(ctx.db, ctx.user.id);
  }),
} satisfies TRPCRouterRecord;

export { ZAddToCart };
