// Sign-up, applications, magic links and password resets — the auth requests that are not
// next-auth's own sign-in. Thin: validate, call @lastmile/auth, map its refusals. Every answer
// is the same whether or not an account exists; only the emails that follow differ.
import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";

import { invalid } from "@lastmile/core/errors";
import { describeAuthError } from "@lastmile/auth/messages";
import type { TPortal } from "@lastmile/auth/portals";
import {
  applyAsCourier,
  applyAsMerchant,
  AuthError,
  authEnv,
  clientIp,
  registerCustomer,
  RegistrationInputError,
  requestMagicLink,
  requestPasswordReset,
  resetPassword,
  ZCheckEmail,
  ZCourierApplication,
  ZCustomerSignUp,
  ZEmailRequest,
  ZMerchantApplication,
  ZPasswordReset,
} from "@lastmile/auth/server";
import { z } from "zod";

import type { TContext } from "../trpc";
import { publicProcedure } from "../trpc";

const requestOf = (ctx: TContext) => ({
  ip: clientIp(ctx.headers, authEnv.AUTH_TRUSTED_PROXY_HOPS),
  now: new Date(),
});

/** Auth refusals as tRPC errors, worded for the person at the form. */
async function answer<T>(portal: TPortal, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof RegistrationInputError) throw invalid(e.field, e.message);
    if (e instanceof AuthError) {
      const message = describeAuthError(e.message, portal);
      if (e.code === "rate-limited") throw new TRPCError({ code: "TOO_MANY_REQUESTS", message });
      if (e.code === "link-invalid") throw invalid("token", message);
      throw new TRPCError({ code: "FORBIDDEN", message });
    }
    throw e;
  }
}

export const authRouter = {
  /** A customer creates their own account; the emailed link confirms it and signs them in. */
  signUp: publicProcedure
    .input(ZCustomerSignUp)
    .output(ZCheckEmail)
    .mutation(({ ctx, input }) =>
      answer("customer", () => registerCustomer(ctx.db, input, requestOf(ctx))),
    ),

  /** A courier applies; the account waits for an admin's approval. */
  applyAsCourier: publicProcedure
    .input(ZCourierApplication)
    .output(ZCheckEmail)
    .mutation(({ ctx, input }) =>
      answer("courier", () => applyAsCourier(ctx.db, input, requestOf(ctx))),
    ),

  /** A restaurant applies with its owner's account; both wait for an admin. */
  applyAsMerchant: publicProcedure
    .input(ZMerchantApplication)
    .output(ZCheckEmail)
    .mutation(({ ctx, input }) =>
      answer("merchant", () => applyAsMerchant(ctx.db, input, requestOf(ctx))),
    ),

  /** Emails a one-time sign-in link for the portal, if the address may sign in there. */
  requestMagicLink: publicProcedure
    .input(ZEmailRequest)
    .output(ZCheckEmail)
    .mutation(({ ctx, input }) =>
      answer(input.portal, () =>
        requestMagicLink(ctx.db, input, { ...requestOf(ctx), portal: input.portal }),
      ),
    ),

  requestPasswordReset: publicProcedure
    .input(ZEmailRequest)
    .output(ZCheckEmail)
    .mutation(({ ctx, input }) =>
      answer(input.portal, () =>
        requestPasswordReset(ctx.db, input, { ...requestOf(ctx), portal: input.portal }),
      ),
    ),

  /** Sets a new password with an emailed link; every session of the account ends. */
  resetPassword: publicProcedure
    .input(ZPasswordReset)
    .output(z.object({ status: z.literal("password-changed") }))
    .mutation(({ ctx, input }) =>
      answer(input.portal, () =>
        resetPassword(ctx.db, input, { ...requestOf(ctx), portal: input.portal }),
      ),
    ),
} satisfies TRPCRouterRecord;
