// The signed-in person's own account: profile, saved addresses, a copy of their data, and
// erasure (anonymised; their orders stay for the books).
import type { TRPCRouterRecord } from "@trpc/server";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";

import { writeAudit } from "@lastmile/core/audit";
import { notFound } from "@lastmile/core/errors";
import { carts, customerAddresses, notifications, orders, reviews, sessions, accounts, users } from "@lastmile/db/schema";

import { ZLngLat } from "../schemas";
import { protectedProcedure, publicProcedure } from "../trpc";

const ZAddress = ZLngLat.extend({
  label: z.string().trim().min(1, "Give the address a name, like Home").max(40),
  line1: z.string().trim().min(3, "Enter the street and number").max(200),
  line2: z.string().trim().max(200).optional(),
  postcode: z.string().trim().max(20).optional(),
  city: z.string().trim().min(2, "Enter the city").max(100),
  instructions: z.string().trim().max(300).optional(),
  isDefault: z.boolean().default(false),
});

export const meRouter = {
  /** Who the caller is (null when signed out): pages decide what to show from this. */
  session: publicProcedure.query(({ ctx }) => ctx.session?.user ?? null),

  profile: protectedProcedure.query(async ({ ctx }) => {
    const [u] = await ctx.db.select({ id: users.id, email: users.email, name: users.name, phone: users.phone }).from(users).where(eq(users.id, ctx.user.id));
    if (!u) throw notFound("Your account");
    return { ...u, roles: ctx.user.roles };
  }),

  updateProfile: protectedProcedure
    .input(z.object({ name: z.string().trim().min(1, "Enter your name").max(100), phone: z.string().trim().regex(/^\+?[0-9 ]{6,20}$/, "Enter a phone number with digits only").nullable() }))
    .mutation(async ({ ctx, input }) => {
      const [u] = await ctx.db.update(users).set(input).where(eq(users.id, ctx.user.id)).returning({ name: users.name, phone: users.phone });
      return u;
    }),

  addresses: protectedProcedure.query(({ ctx }) => ctx.db.select().from(customerAddresses).where(eq(customerAddresses.userId, ctx.user.id)).orderBy(asc(customerAddresses.createdAt))),

  addAddress: protectedProcedure.input(ZAddress).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      if (input.isDefault) await tx.update(customerAddresses).set({ isDefault: false }).where(eq(customerAddresses.userId, ctx.user.id));
      const { lng, lat, ...rest } = input;
      const [a] = await tx.insert(customerAddresses).values({ ...rest, userId: ctx.user.id, location: { type: "Point", coordinates: [lng, lat] } }).returning();
      return a;
    }),
  ),

  removeAddress: protectedProcedure.input(z.object({ addressId: z.uuid() })).mutation(async ({ ctx, input }) => {
    const removed = await ctx.db.delete(customerAddresses).where(and(eq(customerAddresses.id, input.addressId), eq(customerAddresses.userId, ctx.user.id))).returning({ id: customerAddresses.id });
    if (!removed.length) throw notFound("That address");
    return { removed: input.addressId };
  }),

  /** Everything we hold about the caller, as JSON. */
  exportData: protectedProcedure.query(async ({ ctx }) => {
    const id = ctx.user.id;
    const [profile] = await ctx.db.select({ email: users.email, name: users.name, phone: users.phone, createdAt: users.createdAt }).from(users).where(eq(users.id, id));
    return {
      exportedAt: new Date(),
      profile,
      roles: ctx.user.roles,
      addresses: await ctx.db.select().from(customerAddresses).where(eq(customerAddresses.userId, id)),
      orders: await ctx.db.select({ number: orders.number, status: orders.status, totalCents: orders.totalCents, currency: orders.currency, placedAt: orders.placedAt, dropoffAddress: orders.dropoffAddress }).from(orders).where(eq(orders.customerId, id)),
      reviews: await ctx.db.select({ rating: reviews.rating, comment: reviews.comment, target: reviews.target, createdAt: reviews.createdAt }).from(reviews).where(eq(reviews.authorId, id)),
      notifications: await ctx.db.select({ title: notifications.title, body: notifications.body, createdAt: notifications.createdAt }).from(notifications).where(eq(notifications.userId, id)),
    };
  }),

  /** Erases the account: personal data anonymised, sign-in removed, orders kept for the books. */
  deleteAccount: protectedProcedure.input(z.object({ confirm: z.literal("DELETE", { error: "Type DELETE to confirm" }) })).mutation(({ ctx }) =>
    ctx.db.transaction(async (tx) => {
      const id = ctx.user.id;
      await tx.delete(customerAddresses).where(eq(customerAddresses.userId, id));
      await tx.delete(carts).where(eq(carts.customerId, id));
      await tx.delete(sessions).where(eq(sessions.userId, id));
      await tx.delete(accounts).where(eq(accounts.userId, id));
      await tx.update(orders).set({ dropoffAddress: "(erased)", instructions: null }).where(eq(orders.customerId, id));
      await tx.update(users).set({ email: `erased+${id}@users.invalid`, name: "Erased user", phone: null, passwordHash: null, image: null, status: "erased" }).where(eq(users.id, id));
      await writeAudit(tx, { userId: id, role: ctx.user.roles[0] ?? "customer", ip: ctx.ip }, { action: "user.erase", entityType: "user", entityId: id });
      return { erased: true };
    }),
  ),
} satisfies TRPCRouterRecord;
