// People for the console: the applications waiting for a decision (couriers and restaurants),
// decided with admin.reviewCourier / admin.reviewMerchant, and one person's roles and status
// for the people page. Spread into the admin router.
import type { TRPCRouterRecord } from "@trpc/server";
import { sql } from "drizzle-orm";
import { z } from "zod";

import { notFound } from "@lastmile/core/errors";
import { rowsOf } from "@lastmile/db/client";

import { adminProcedure, opsProcedure } from "../trpc";

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
} satisfies TRPCRouterRecord;
