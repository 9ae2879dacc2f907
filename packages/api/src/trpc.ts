// The tRPC foundation every router builds on.
// 1. CONTEXT — what a procedure knows about the request: database, session, where it came from.
// 2. INITIALISATION — transformer and error shape (validation errors name field and reason).
// 3. PROCEDURES — the builders routers use; each one states who may call it.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { z, ZodError } from "zod";

import { getDb } from "@lastmile/db/client";
import type { TDb } from "@lastmile/db/client";
import type { TRole } from "@lastmile/db/schema";

/* ---------------------------------- 1. CONTEXT ---------------------------------- */

/** Who is calling. Sign-in arrives with @lastmile/auth; until then every caller is anonymous. */
export type TSession = { user: { id: string; roles: TRole[]; merchantIds: string[] } } | null;

/**
 * `rsc` marks calls made in-process by a server component; `http` marks calls over /api/trpc.
 * Server-only procedures refuse anything but `rsc`.
 */
export type TCallSource = "rsc" | "http";

export type TContextOptions = {
  headers: Headers;
  session: TSession;
  source: TCallSource;
  db?: TDb;
};

export const createTRPCContext = (opts: TContextOptions) => ({
  db: opts.db ?? getDb(),
  session: opts.session,
  source: opts.source,
  headers: opts.headers,
});

export type TContext = ReturnType<typeof createTRPCContext>;

/* ------------------------------- 2. INITIALISATION ------------------------------- */

const t = initTRPC.context<TContext>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: {
      ...shape.data,
      // For bad input: which field, and why — e.g. { "lat": ["Too big: expected number to be <=90"] }.
      fieldErrors: error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : null,
    },
  }),
});

export const createCallerFactory = t.createCallerFactory;
export const createTRPCRouter = t.router;

/* --------------------------------- 3. PROCEDURES --------------------------------- */

/** Anyone may call it: public catalogue data only. */
export const publicProcedure = t.procedure;

/**
 * Only server components may call it, in-process; over HTTP it is refused. The portals' demo
 * home pages read through these until sign-in gives them a session to check.
 */
export const serverOnlyProcedure = t.procedure.use(({ ctx, next }) => {
  if (ctx.source !== "rsc") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This procedure is only available to server-rendered pages.",
    });
  }
  return next();
});
