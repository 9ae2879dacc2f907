// Catalogue: what customers can order from where they are.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { merchantsDeliveringToPoint } from "@lastmile/db/queries/overview";

import { ZMerchantCard, ZMerchantsNearInput } from "../schemas";
import { publicProcedure } from "../trpc";

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
} satisfies TRPCRouterRecord;
