// The tRPC foundation every router builds on.
// 1. CONTEXT — what a procedure knows about the request: database, session, where it came from.
// 2. INITIALISATION — transformer, error shape (bad input names field and reason), domain errors.
// 3. PROCEDURES — the builders routers use; each one states who may call it.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";

import { authEnv, clientIp } from "@lastmile/auth/server";
import type { TSession, TSessionUser } from "@lastmile/auth/session";
import { getDb } from "@lastmile/db/client";
import type { TDb } from "@lastmile/db/client";
import type { TRole } from "@lastmile/db/schema";
import type { TEventPublisher } from "@lastmile/core/events";
import type { TActor } from "@lastmile/core/orders";
import type { TPaymentProvider } from "@lastmile/payments";
import { createPaymentProvider } from "@lastmile/payments";
import { realtimePublisher } from "@lastmile/realtime/publisher";

import { toTRPCError } from "./errors";
import { hasPermission, permissionsOf } from "./permissions";

/* ---------------------------------- 1. CONTEXT ---------------------------------- */

export type { TSession };

/**
 * `rsc` marks calls made in-process by a server component; `http` marks calls over /api/trpc;
 * `internal` marks the worker and webhooks.
 */
export type TCallSource = "rsc" | "http" | "internal";

export type TContextOptions = {
  headers: Headers;
  session: TSession;
  source: TCallSource;
  db?: TDb;
  payments?: TPaymentProvider;
  events?: TEventPublisher;
};

// Local or Stripe, chosen once from env (STRIPE_SECRET_KEY).
const defaultPayments = createPaymentProvider();

export const createTRPCContext = (opts: TContextOptions) => ({
  db: opts.db ?? getDb(),
  session: opts.session,
  source: opts.source,
  headers: opts.headers,
  payments: opts.payments ?? defaultPayments,
  // Published after the database commits; a realtime outage is logged, never thrown (publisher.ts).
  events: opts.events ?? realtimePublisher,
  // Read from the right: entries further left are whatever the client claimed.
  ip: clientIp(opts.headers, authEnv.AUTH_TRUSTED_PROXY_HOPS),
});

export type TContext = ReturnType<typeof createTRPCContext>;

/* ------------------------------- 2. INITIALISATION ------------------------------- */

const t = initTRPC.context<TContext>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => {
    const domain = (error.cause as { field?: string; details?: Record<string, unknown> } | undefined) ?? undefined;
    return {
      ...shape,
      data: {
        ...shape.data,
        // For bad input: which field, and why — e.g. { "lat": ["Latitude must be at most 90"] }.
        fieldErrors:
          error.cause instanceof ZodError
            ? z.flattenError(error.cause).fieldErrors
            : domain?.field
              ? { [domain.field]: [error.message] }
              : null,
        details: error.cause instanceof ZodError ? null : (domain?.details ?? null),
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/** Domain errors become the matching tRPC error, whatever procedure threw them. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  // tRPC wraps whatever a resolver throws; a deliberate TRPCError (bad input, unauthorised)
  // passes through, a domain error inside it gets its proper code.
  const { error } = result;
  throw error.code === "INTERNAL_SERVER_ERROR" ? toTRPCError(error.cause ?? error) : error;
});

/* --------------------------------- 3. PROCEDURES --------------------------------- */

/** Anyone may call it: public catalogue data only. */
export const publicProcedure = t.procedure.use(domainErrors);

/** Any signed-in user. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({ ctx: { ...ctx, user: ctx.session.user } });
});

const actorOf = (user: TSessionUser, role: TRole, ip: string | null): TActor => ({
  userId: user.id,
  role,
  merchantIds: user.merchantIds,
  courierId: user.courierId,
  areaIds: user.areaIds,
  ip,
});

/** Signed in and holding one of `roles`; the first one held becomes the actor's role. */
export const roleProcedure = (roles: TRole[], what: string) =>
  protectedProcedure.use(({ ctx, next }) => {
    const role = roles.find((r) => ctx.user.roles.includes(r));
    if (!role) throw new TRPCError({ code: "FORBIDDEN", message: `Only ${what} can do this.` });
    return next({ ctx: { ...ctx, role, actor: actorOf(ctx.user, role, ctx.ip) } });
  });

export const customerProcedure = roleProcedure(["customer"], "customers");
export const courierProcedure = roleProcedure(["courier"], "couriers").use(({ ctx, next }) => {
  if (!ctx.user.courierId) throw new TRPCError({ code: "FORBIDDEN", message: "Your courier profile is not set up yet." });
  return next({ ctx: { ...ctx, courierId: ctx.user.courierId } });
});

export const ZMerchantScope = z.object({ merchantId: z.uuid() });

/**
 * Merchant owners and staff, for the merchant named in the input, holding `permission`
 * (`menu:update:merchant`, `team:*:merchant`, …) through their role.
 */
export const merchantProcedure = (permission: string) =>
  roleProcedure(["merchant_owner", "merchant_staff"], "the restaurant's team")
    .input(ZMerchantScope)
    .use(async ({ ctx, input, next }) => {
      // Someone else's restaurant is, as far as this caller can tell, not there.
      if (!ctx.user.merchantIds.includes(input.merchantId)) throw new TRPCError({ code: "NOT_FOUND", message: "That restaurant was not found." });
      const owner = ctx.user.roles.includes("merchant_owner");
      const perms = await permissionsOf(ctx.db, owner ? ["merchant_owner", "merchant_staff"] : ["merchant_staff"]);
      if (!hasPermission(perms, permission)) throw new TRPCError({ code: "FORBIDDEN", message: "Only the restaurant's owner can do this." });
      return next({ ctx: { ...ctx, merchantId: input.merchantId } });
    });

const STAFF_ROLES: TRole[] = ["super_admin", "admin", "ops_manager", "support"];

/** Operations staff holding `permission`; an ops manager's reach is limited to their areas by the domain. */
export const opsProcedure = (permission: string) =>
  roleProcedure(STAFF_ROLES, "operations staff").use(async ({ ctx, next }) => {
    const held = STAFF_ROLES.filter((r) => ctx.user.roles.includes(r));
    if (!hasPermission(await permissionsOf(ctx.db, held), permission)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow this." });
    }
    return next();
  });

export const adminProcedure = roleProcedure(["super_admin", "admin"], "administrators");

/** The worker and webhooks, in-process only. */
export const internalProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.source !== "internal") throw new TRPCError({ code: "FORBIDDEN", message: "This procedure is internal." });
  return next();
});
