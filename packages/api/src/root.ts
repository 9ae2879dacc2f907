import { adminRouter } from "./router/admin";
import { authRouter } from "./router/auth";
import { cartRouter } from "./router/cart";
import { catalogRouter } from "./router/catalog";
import { checkoutRouter } from "./router/checkout";
import { courierRouter } from "./router/courier";
import { notificationsRouter, reviewsRouter } from "./router/engagement";
import { meRouter } from "./router/me";
import { merchantRouter } from "./router/merchant";
import { merchantMenuRouter } from "./router/merchant-menu";
import { merchantInsightRouter } from "./router/merchant-insight";
import { merchantTeamRouter } from "./router/merchant-team";
import { ordersRouter } from "./router/orders";
import { trackingRouter } from "./router/tracking";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  catalog: catalogRouter,
  cart: cartRouter,
  checkout: checkoutRouter,
  orders: ordersRouter,
  tracking: trackingRouter,
  merchant: merchantRouter,
  menu: merchantMenuRouter,
  insight: merchantInsightRouter,
  team: merchantTeamRouter,
  courier: courierRouter,
  admin: adminRouter,
  reviews: reviewsRouter,
  notifications: notificationsRouter,
  me: meRouter,
});

export type AppRouter = typeof appRouter;
