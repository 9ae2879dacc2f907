// After delivery: reviews of the restaurant and the courier; and in-app notifications.
import type { TRPCRouterRecord } from "@trpc/server";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";

import { conflict, notFound } from "@lastmile/core/errors";
import { couriers, merchants, notifications, orders, reviews } from "@lastmile/db/schema";

import { customerProcedure, protectedProcedure } from "../trpc";

export const reviewsRouter = {
  create: customerProcedure
    .input(z.object({ orderId: z.uuid(), target: z.enum(["merchant", "courier"]), rating: z.number().int().min(1, "Rate from 1 to 5 stars").max(5, "Rate from 1 to 5 stars"), comment: z.string().trim().max(1000).optional() }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const [o] = await tx.select().from(orders).where(and(eq(orders.id, input.orderId), eq(orders.customerId, ctx.user.id)));
        if (!o) throw notFound("That order");
        if (o.status !== "DELIVERED") throw conflict("You can rate an order once it has been delivered.");
        if (input.target === "courier" && !o.courierId) throw conflict("This order had no courier to rate.");
        const [r] = await tx
          .insert(reviews)
          .values({ orderId: o.id, authorId: ctx.user.id, target: input.target, merchantId: input.target === "merchant" ? o.merchantId : null, courierId: input.target === "courier" ? o.courierId : null, rating: input.rating, comment: input.comment || null })
          .onConflictDoNothing()
          .returning();
        if (!r) throw conflict(`You already rated this order's ${input.target}.`);
        if (input.target === "merchant") await tx.update(merchants).set({ ratingSum: sql`${merchants.ratingSum} + ${input.rating}`, ratingCount: sql`${merchants.ratingCount} + 1` }).where(eq(merchants.id, o.merchantId));
        else if (o.courierId) await tx.update(couriers).set({ ratingSum: sql`${couriers.ratingSum} + ${input.rating}`, ratingCount: sql`${couriers.ratingCount} + 1` }).where(eq(couriers.id, o.courierId));
        return r;
      }),
    ),
} satisfies TRPCRouterRecord;

export const notificationsRouter = {
  list: protectedProcedure
    .input(z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(100).default(30) }))
    .query(({ ctx, input }) =>
      ctx.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, ctx.user.id), input.unreadOnly ? isNull(notifications.readAt) : undefined))
        .orderBy(desc(notifications.createdAt))
        .limit(input.limit),
    ),
  /** The bell's badge: how many are unread. */
  unreadCount: protectedProcedure.query(async ({ ctx }) => {
    const [row] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)));
    return { unread: Number(row?.n ?? 0) };
  }),
  markRead: protectedProcedure.input(z.object({ ids: z.array(z.uuid()).min(1).max(100) })).mutation(async ({ ctx, input }) => {
    const updated = await ctx.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt), sql`${notifications.id} in (${sql.join(input.ids.map((id) => sql`${id}::uuid`), sql`, `)})`))
      .returning({ id: notifications.id });
    return { read: updated.length };
  }),
  /** "Mark all as read": every unread one, not only those the panel shows. */
  markAllRead: protectedProcedure.mutation(async ({ ctx }) => {
    const updated = await ctx.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, ctx.user.id), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return { read: updated.length };
  }),
} satisfies TRPCRouterRecord;
