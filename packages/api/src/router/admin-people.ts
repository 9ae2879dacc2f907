// People for the console: the applications waiting for a decision (couriers and restaurants),
// decided with admin.reviewCourier / admin.reviewMerchant, and one person's roles and status
// for the people page. Spread into the admin router.
import type { TRPCRouterRecord } from "@trpc/server";
import { sql } from "drizzle-orm";
import { z } from "zod";

import { writeAudit } from "@lastmile/core/audit";
import { conflict, notFound } from "@lastmile/core/errors";
import { rowsOf } from "@lastmile/db/client";

import { adminProcedure, opsProcedure } from "../trpc";
import { ZReason } from "./orders";
import { eraseUser, exportUserData } from "./user-data.handler";

export const adminPeopleRouter = {
  /** Pending courier and restaurant applications, oldest first: the queue an admin works through. */
  applications: adminProcedure
    .output(
      z.object({
        couriers: z.array(z.object({ id: z.uuid(), name: z.string(), email: z.string(), vehicle: z.string(), appliedAt: z.date() })),
        merchants: z.array(z.object({ id: z.uuid(), name: z.string(), address: z.string(), ownerEmail: z.string().nullable(), appliedAt: z.date() })),
      }),
    )
    .query(async ({ ctx }) => {
      const [couriers, merchants] = await Promise.all([
        ctx.db.execute(sql`
          select c.id, u.name, u.email, c.vehicle, c.created_at from couriers c join users u on u.id = c.user_id
          where c.application_status = 'pending' order by c.created_at limit 100`),
        ctx.db.execute(sql`
          select m.id, m.name, m.address, m.created_at,
                 (select u.email from merchant_members mm join users u on u.id = mm.user_id where mm.merchant_id = m.id and mm.role = 'owner' limit 1) as owner_email
          from merchants m where m.status = 'pending' order by m.created_at limit 100`),
      ]);
      return {
        couriers: rowsOf<{ id: string; name: string; email: string; vehicle: string; created_at: string | Date }>(couriers).map((c) => ({ id: c.id, name: c.name, email: c.email, vehicle: c.vehicle, appliedAt: new Date(c.created_at) })),
        merchants: rowsOf<{ id: string; name: string; address: string; owner_email: string | null; created_at: string | Date }>(merchants).map((m) => ({ id: m.id, name: m.name, address: m.address, ownerEmail: m.owner_email, appliedAt: new Date(m.created_at) })),
      };
    }),

  /** One person as staff see them: status, roles (with the area of an ops manager), orders placed. */
  person: opsProcedure("user:read")
    .input(z.object({ userId: z.uuid({ error: "userId must be the person's id (a UUID)" }) }))
    .output(
      z.object({
        id: z.uuid(),
        email: z.string(),
        name: z.string(),
        status: z.string(),
        createdAt: z.date(),
        roles: z.array(z.object({ role: z.string(), areaId: z.uuid().nullable(), areaName: z.string().nullable() })),
        orders: z.number().int(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const [u] = rowsOf<{ id: string; email: string; name: string; status: string; created_at: string | Date; orders: number }>(
        await ctx.db.execute(sql`select u.id, u.email, u.name, u.status, u.created_at, (select count(*) from orders o where o.customer_id = u.id)::int as orders from users u where u.id = ${input.userId}`),
      );
      if (!u) throw notFound("That person");
      const roles = rowsOf<{ role: string; area_id: string | null; area_name: string | null }>(
        await ctx.db.execute(sql`select r.role, r.area_id, a.name as area_name from user_roles r left join areas a on a.id = r.area_id where r.user_id = ${input.userId} order by r.role`),
      );
      return { id: u.id, email: u.email, name: u.name, status: u.status, createdAt: new Date(u.created_at), orders: Number(u.orders), roles: roles.map((r) => ({ role: r.role, areaId: r.area_id, areaName: r.area_name })) };
    }),

  /** Everything we hold about a person, for their data request; the export itself is audited. */
  exportUser: adminProcedure
    .input(z.object({ userId: z.uuid({ error: "userId must be the person's id (a UUID)" }), reason: ZReason }))
    .mutation(async ({ ctx, input }) => {
      const data = await exportUserData(ctx.db, input.userId);
      if (!data.profile) throw notFound("That person");
      await writeAudit(ctx.db, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, { action: "user.export", entityType: "user", entityId: input.userId, after: { reason: input.reason } });
      return data;
    }),

  /** Erasure on the person's request: anonymised and signed out, their orders kept for the books. */
  eraseUser: adminProcedure
    .input(z.object({ userId: z.uuid({ error: "userId must be the person's id (a UUID)" }), reason: ZReason, confirm: z.literal("ERASE", { error: "Type ERASE to confirm" }) }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const [before] = rowsOf<{ email: string; status: string }>(await tx.execute(sql`select email, status from users where id = ${input.userId}`));
        if (!before) throw notFound("That person");
        if (before.status === "erased") throw conflict("This person's data has already been erased.");
        if (input.userId === ctx.user.id) throw conflict("Erase your own account from your profile, not from the console.");
        await eraseUser(tx, input.userId);
        // The audit keeps that an erasure happened and why, not what was erased.
        await writeAudit(tx, { userId: ctx.user.id, role: ctx.role, ip: ctx.ip }, { action: "user.erase", entityType: "user", entityId: input.userId, before: { status: before.status }, after: { status: "erased", reason: input.reason } });
        return { erased: true };
      }),
    ),

  /** The email outbox, newest first: what was sent (or is waiting, or failed) to whom, with the text. */
  outbox: opsProcedure("user:read")
    .input(z.object({ to: z.string().trim().max(200).optional(), limit: z.number().int().min(1).max(100).default(30) }))
    .output(
      z.array(
        z.object({ id: z.uuid(), to: z.string(), template: z.string(), subject: z.string(), text: z.string(), status: z.string(), attempts: z.number().int(), lastError: z.string().nullable(), createdAt: z.date(), sentAt: z.date().nullable() }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const like = input.to ? `%${input.to.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
      const rows = rowsOf<{ id: string; to_address: string; template: string; subject: string; text: string; status: string; attempts: number; last_error: string | null; created_at: string | Date; sent_at: string | Date | null }>(
        await ctx.db.execute(sql`
          select id, to_address, template, subject, text, status, attempts, last_error, created_at, sent_at from email_outbox
          ${like ? sql`where to_address ilike ${like}` : sql``}
          order by created_at desc limit ${input.limit}`),
      );
      return rows.map((r) => ({ id: r.id, to: r.to_address, template: r.template, subject: r.subject, text: r.text, status: r.status, attempts: Number(r.attempts), lastError: r.last_error, createdAt: new Date(r.created_at), sentAt: r.sent_at ? new Date(r.sent_at) : null }));
    }),
} satisfies TRPCRouterRecord;
