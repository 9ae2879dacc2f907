// Pricing for the console: a sample quote under the active configuration beside the same quote
// under a draft, so an administrator sees what a change does to a customer's bill before
// proposing it. Uses core's pure priceQuote, the function checkout prices with. Spread into the
// admin router; proposing and activating versions are admin.proposeConfig / admin.activateConfig.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { activeConfig, ZPricingConfig } from "@lastmile/core/config";
import { invalid } from "@lastmile/core/errors";
import { priceQuote } from "@lastmile/core/pricing";

import { adminProcedure } from "../trpc";

const ZLine = z.object({ code: z.string(), label: z.string(), amountCents: z.number().int() });
const ZSample = z.object({ lines: z.array(ZLine), totalCents: z.number().int(), courierFeeCents: z.number().int() });

export const adminPricingRouter = {
  previewQuote: adminProcedure
    .input(
      z.object({
        draft: z.record(z.string(), z.unknown()),
        subtotalCents: z.number().int().min(0).max(1_000_000).default(1800),
        distanceM: z.number().int().min(0).max(30_000).default(2500),
      }),
    )
    .output(z.object({ activeVersion: z.number().int(), active: ZSample, draft: ZSample }))
    .query(async ({ ctx, input }) => {
      const parsed = ZPricingConfig.safeParse(input.draft);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw invalid(issue?.path.join(".") || "draft", issue?.message ?? "That configuration is not valid.");
      }
      const current = await activeConfig(ctx.db, "pricing", ZPricingConfig);
      // No surge, a plain zone and no tip: the fees themselves, side by side.
      const sample = { subtotalCents: input.subtotalCents, distanceM: input.distanceM, zoneMultiplierBp: 10000, surgeBp: 10000, tipCents: 0, discountCents: 0 };
      const shape = (q: ReturnType<typeof priceQuote>) => ({ lines: q.lines, totalCents: q.totalCents, courierFeeCents: q.courierFeeCents });
      return { activeVersion: current.version, active: shape(priceQuote(current.value, sample)), draft: shape(priceQuote(parsed.data, sample)) };
    }),
} satisfies TRPCRouterRecord;
