// Orders for operations staff: find one (by number, id, restaurant or customer; by status) and
// read everything that happened to it. Support reads every order; an ops manager only those in
// their areas (others are "not found"); admins everything. Spread into the admin router.
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { opsProcedure } from "../trpc";
import { areaScopeOf } from "./admin-dashboard";
import {
  orderDetail,
  searchOrders,
  ZOrderDetail,
  ZOrderDetailInput,
  ZOrderListRow,
  ZOrderSearchInput,
} from "./admin-orders.handler";

export const adminOrdersRouter = {
  orders: opsProcedure("order:read:area")
    .input(ZOrderSearchInput)
    .output(z.array(ZOrderListRow))
    .query(({ ctx, input }) => searchOrders(ctx.db, areaScopeOf(ctx.actor), input)),

  order: opsProcedure("order:read:area")
    .input(ZOrderDetailInput)
    .output(ZOrderDetail)
    .query(({ ctx, input }) => orderDetail(ctx.db, areaScopeOf(ctx.actor), input.orderId)),
} satisfies TRPCRouterRecord;
