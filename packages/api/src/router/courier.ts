// Courier side: who is on duty.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { couriersOnDuty } from "@lastmile/db/queries/overview";

import { ZCourierOnDuty } from "../schemas";
import { serverOnlyProcedure } from "../trpc";

export const courierRouter = {
  onDuty: serverOnlyProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }))
    .output(z.array(ZCourierOnDuty))
    .query(async ({ ctx, input }) => {
      const rows = await couriersOnDuty(ctx.db, input.limit);
      return rows.map((r) => ({
        ...r,
        status: r.status === "busy" ? ("busy" as const) : ("online" as const),
      }));
    }),
} satisfies TRPCRouterRecord;
