// What the customer's tracking map needs beyond the order itself: where the restaurant is, where
// the food goes, and — only while their order is with a courier — where that courier is.
import type { TRPCRouterRecord } from "@trpc/server";
import { sql } from "drizzle-orm";
import { z } from "zod";

import { notFound } from "@lastmile/core/errors";
import { rowsOf } from "@lastmile/db/client";

import { customerProcedure } from "../trpc";

/** The courier is the customer's to see from assignment until the hand-over. */
const WITH_COURIER = ["ACCEPTED", "PREPARING", "READY_FOR_PICKUP", "PICKED_UP"];

const ZPoint = z.object({ lng: z.number(), lat: z.number() });

export const ZOrderMap = z.object({
  merchant: z.object({ name: z.string(), slug: z.string(), address: z.string(), location: ZPoint }),
  dropoff: z.object({ address: z.string(), location: ZPoint }),
  courier: z
    .object({ firstName: z.string(), vehicle: z.string(), location: ZPoint.nullable(), headingDeg: z.number().nullable(), lastSeenAt: z.date().nullable() })
    .nullable(),
});

export const trackingRouter = {
  order: customerProcedure
    .input(z.object({ orderId: z.uuid() }))
    .output(ZOrderMap)
    .query(async ({ ctx, input }) => {
      const [row] = rowsOf<{
        status: string;
        merchant_name: string;
        merchant_slug: string;
        merchant_address: string;
        m_lng: number;
        m_lat: number;
        dropoff_address: string;
        d_lng: number;
        d_lat: number;
        courier_name: string | null;
        vehicle: string | null;
        c_lng: number | null;
        c_lat: number | null;
        heading_deg: number | null;
        last_seen_at: string | Date | null;
      }>(
        await ctx.db.execute(sql`
          select o.status, m.name as merchant_name, m.slug as merchant_slug, m.address as merchant_address,
                 ST_X(m.location::geometry) as m_lng, ST_Y(m.location::geometry) as m_lat,
                 o.dropoff_address, ST_X(o.dropoff_location::geometry) as d_lng, ST_Y(o.dropoff_location::geometry) as d_lat,
                 split_part(u.name, ' ', 1) as courier_name, c.vehicle,
                 ST_X(c.current_location::geometry) as c_lng, ST_Y(c.current_location::geometry) as c_lat,
                 c.heading_deg, c.last_seen_at
          from orders o
          join merchants m on m.id = o.merchant_id
          left join couriers c on c.id = o.courier_id
          left join users u on u.id = c.user_id
          where o.id = ${input.orderId} and o.customer_id = ${ctx.user.id}`),
      );
      if (!row) throw notFound("That order");
      const withCourier = WITH_COURIER.includes(row.status) && row.courier_name !== null;
      return {
        merchant: { name: row.merchant_name, slug: row.merchant_slug, address: row.merchant_address, location: { lng: Number(row.m_lng), lat: Number(row.m_lat) } },
        dropoff: { address: row.dropoff_address, location: { lng: Number(row.d_lng), lat: Number(row.d_lat) } },
        courier: withCourier
          ? {
              firstName: row.courier_name ?? "Your courier",
              vehicle: row.vehicle ?? "bicycle",
              location: row.c_lng === null || row.c_lat === null ? null : { lng: Number(row.c_lng), lat: Number(row.c_lat) },
              headingDeg: row.heading_deg === null ? null : Number(row.heading_deg),
              lastSeenAt: row.last_seen_at === null ? null : new Date(row.last_seen_at),
            }
          : null,
      };
    }),
} satisfies TRPCRouterRecord;
