// The restaurant's team, the owner's to manage: staff run the board and the menu but never see
// or change who else is on the team.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { merchantProcedure } from "../trpc";
import { inviteStaff, removeMember, teamMembers } from "./merchant-team.handler";

export const merchantTeamRouter = {
  members: merchantProcedure("team:read:merchant").query(({ ctx }) => teamMembers(ctx.db, ctx.merchantId)),

  invite: merchantProcedure("team:create:merchant")
    .input(
      z.object({
        email: z.email("Enter the email address they will sign in with").max(200),
        name: z.string().trim().min(1, "Enter their name").max(100, "Keep the name under 100 characters"),
      }),
    )
    .mutation(({ ctx, input }) =>
      inviteStaff(ctx.db, ctx.merchantId, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip, name: ctx.user.name }, input),
    ),

  remove: merchantProcedure("team:delete:merchant")
    .input(z.object({ userId: z.uuid() }))
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.merchantId, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, input.userId)),
} satisfies TRPCRouterRecord;
