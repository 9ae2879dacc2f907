import { adminRouter } from "./router/admin";
import { catalogRouter } from "./router/catalog";
import { courierRouter } from "./router/courier";
import { merchantRouter } from "./router/merchant";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
  merchant: merchantRouter,
  courier: courierRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
