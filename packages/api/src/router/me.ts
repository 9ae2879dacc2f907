// The signed-in person's own account: profile, saved addresses, a copy of their data, and
// erasure (anonymised; their orders stay for the books).
import type { TRPCRouterRecord } from "@trpc/server";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";

import { writeAudit } from "@lastmile/core/audit";
import { notFound } from "@lastmile/core/errors";
import { CUSTOMER_NOTIFICATION_KINDS } from "@lastmile/core/notify";
import { customerAddresses, users } from "@lastmile/db/schema";

import { ZLngLat } from "../schemas";
import { protectedProcedure, publicProcedure } from "../trpc";
import { eraseUser, exportUserData } from "./user-data.handler";

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

  /** Which order notifications also come by email (in-app ones always come). */
  emailPreferences: protectedProcedure.query(async ({ ctx }) => {
    const [u] = await ctx.db.select({ muted: users.emailMutedKinds }).from(users).where(eq(users.id, ctx.user.id));
    if (!u) throw notFound("Your account");
    return CUSTOMER_NOTIFICATION_KINDS.map((k) => ({ ...k, email: !u.muted.includes(k.kind) }));
  }),

  setEmailPreference: protectedProcedure
    .input(z.object({ kind: z.enum(CUSTOMER_NOTIFICATION_KINDS.map((k) => k.kind), { error: "That is not a kind of notification we send" }), email: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      // One statement, so two quick toggles cannot overwrite each other's kind.
      const [u] = await ctx.db
        .update(users)
        .set({
          emailMutedKinds: input.email
            ? sql`array_remove(${users.emailMutedKinds}, ${input.kind})`
            : sql`case when ${input.kind} = any(${users.emailMutedKinds}) then ${users.emailMutedKinds} else array_append(${users.emailMutedKinds}, ${input.kind}) end`,
        })
        .where(eq(users.id, ctx.user.id))
        .returning({ muted: users.emailMutedKinds });
      if (!u) throw notFound("Your account");
      return { kind: input.kind, email: !u.muted.includes(input.kind) };
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
  exportData: protectedProcedure.query(({ ctx }) => exportUserData(ctx.db, ctx.user.id)),

  /** Erases the account: personal data anonymised, sign-in removed, orders kept for the books. */
  deleteAccount: protectedProcedure.input(z.object({ confirm: z.literal("DELETE", { error: "Type DELETE to confirm" }) })).mutation(({ ctx }) =>
    ctx.db.transaction(async (tx) => {
      const id = ctx.user.id;
      await eraseUser(tx, id);
      await writeAudit(tx, { userId: id, role: ctx.user.roles[0] ?? "customer", ip: ctx.ip }, { action: "user.erase", entityType: "user", entityId: id });
      return { erased: true };
    }),
  ),
} satisfies TRPCRouterRecord;
