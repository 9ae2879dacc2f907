"use client";
// The portals' auth screens as client components: @lastmile/ui's forms wired to next-auth (sign
// in), to the API's auth procedures (passed in by the portal, which owns the tRPC client), to
// the shared form schemas for instant feedback, and to messages.ts for every refusal.
import type { ReactNode } from "react";
import { useState } from "react";
import type { z } from "zod";

import {
  CourierApplicationForm,
  EmailRequestForm,
  MerchantApplicationForm,
  NewPasswordForm,
  SignInForm,
  SignUpForm,
  VerifyLinkPanel,
} from "@lastmile/ui/auth-forms";
import type { TFieldErrors, TFormResult } from "@lastmile/ui/auth-forms";
import { Button, FormAlert, linkClass } from "@lastmile/ui/form";

import { signInWithEmailLink, signInWithPassword, signOutOfPortal } from "./client";
import { parseAuthError } from "./errors";
import { describeAuthError, homePortalFrom } from "./messages";
import { PORTAL_INFO } from "./portals";
import type { TPortal } from "./portals";
import {
  VEHICLES,
  ZCourierApplication,
  ZCustomerSignUp,
  ZEmail,
  ZMerchantApplication,
  ZPassword,
} from "./schemas";

/** A call to one of the API's auth procedures; throws the tRPC client error on refusal. */
export type TAuthCall<I> = (input: I) => Promise<unknown>;
export type TPortalUrls = Record<TPortal, string>;

const SOMETHING_WRONG = "Something went wrong on our side. Please try again in a moment.";

function validate<S extends z.ZodType>(schema: S, values: unknown) {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true as const, data: r.data as z.infer<S> };
  const fieldErrors: TFieldErrors = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] ??= [issue.message];
  }
  return {
    ok: false as const,
    result: {
      ok: false,
      message: "Please check the highlighted fields.",
      fieldErrors,
    } satisfies TFormResult,
  };
}

/** The API's refusal (a TRPCClientError) as a form result: its words, and errors per field. */
export function apiFailure(e: unknown): TFormResult {
  const err = e as {
    message?: string;
    data?: { fieldErrors?: TFieldErrors | null; code?: string };
  };
  const fieldErrors = err?.data?.fieldErrors ?? undefined;
  if (fieldErrors && Object.keys(fieldErrors).length) {
    const only = Object.values(fieldErrors)[0]?.[0];
    return {
      ok: false,
      message:
        Object.keys(fieldErrors).length === 1 && only
          ? only
          : "Please check the highlighted fields.",
      fieldErrors,
    };
  }
  if (err?.data?.code === "INTERNAL_SERVER_ERROR" || !err?.message)
    return { ok: false, message: SOMETHING_WRONG };
  return { ok: false, message: err.message };
}

/** Follows a sign-in with a full page load, so the server renders with the new session. */
const go = (path: string) => {
  window.location.assign(path);
};

function refusal(raw: string, portal: TPortal, urls: TPortalUrls): TFormResult {
  const home = homePortalFrom(raw);
  const message = describeAuthError(raw, portal);
  return {
    ok: false,
    message: home ? (
      <>
        {message}{" "}
        <a className={linkClass} href={`${urls[home]}/sign-in`}>
          Go to {PORTAL_INFO[home].name}
        </a>
      </>
    ) : (
      message
    ),
  };
}

export function PortalSignIn({
  portal,
  callbackUrl,
  defaultEmail,
  notice,
  urls,
  requestMagicLink,
}: {
  portal: TPortal;
  callbackUrl: string;
  defaultEmail?: string;
  notice?: ReactNode;
  urls: TPortalUrls;
  requestMagicLink: TAuthCall<{ email: string; portal: TPortal }>;
}) {
  return (
    <SignInForm
      defaultEmail={defaultEmail}
      notice={notice}
      forgotPasswordHref="/reset-password"
      onPassword={async ({ email, password }) => {
        const fieldErrors: TFieldErrors = {};
        if (!email.trim()) fieldErrors.email = ["Enter your email address."];
        if (!password) fieldErrors.password = ["Enter your password."];
        if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
        const r = await signInWithPassword(email.trim(), password);
        if (r.ok) {
          go(callbackUrl);
          return { ok: true };
        }
        return refusal(r.error, portal, urls);
      }}
      onMagicLink={async ({ email }) => {
        const v = validate(ZEmail, email);
        if (!v.ok) return { ok: false, fieldErrors: { email: v.result.fieldErrors.form } };
        try {
          await requestMagicLink({ email: v.data, portal });
        } catch (e) {
          return apiFailure(e);
        }
        return {
          ok: true,
          message: (
            <>
              <strong>Check your inbox.</strong> If <span className="break-all">{v.data}</span> can
              sign in here, a sign-in link is on its way. It works once, for 15 minutes.
            </>
          ),
        };
      }}
    />
  );
}

/** The page an emailed link opens: a magic link, or the link that confirms a new account. */
export function PortalVerify({
  portal,
  email,
  token,
  kind,
  urls,
}: {
  portal: TPortal;
  email: string;
  token: string;
  kind: "magic-link" | "confirm-email";
  urls: TPortalUrls;
}) {
  return (
    <VerifyLinkPanel
      email={email}
      actionLabel={
        kind === "confirm-email"
          ? "Confirm my email address"
          : `Sign in to ${PORTAL_INFO[portal].name}`
      }
      onConfirm={async () => {
        const r = await signInWithEmailLink(email, token, kind);
        if (r.ok) {
          go("/");
          return { ok: true };
        }
        const { code } = parseAuthError(r.error);
        if (kind === "confirm-email" && code === "pending") {
          return {
            ok: false,
            message:
              "Thank you — your email address is confirmed. Your application is now waiting for our team's approval; we'll email you as soon as it's done.",
          };
        }
        return refusal(r.error, portal, urls);
      }}
      failureFooter={
        <a className={linkClass} href="/sign-in">
          Back to sign in
        </a>
      }
    />
  );
}

export function PortalResetRequest({
  portal,
  defaultEmail,
  requestPasswordReset,
}: {
  portal: TPortal;
  defaultEmail?: string;
  requestPasswordReset: TAuthCall<{ email: string; portal: TPortal }>;
}) {
  return (
    <EmailRequestForm
      defaultEmail={defaultEmail}
      submitLabel="Email me a reset link"
      hint="The address you sign in with."
      sentMessage="If an account uses this address, the email has a link to choose a new password. It works once, for 30 minutes."
      onSubmit={async ({ email }) => {
        const v = validate(ZEmail, email);
        if (!v.ok) return { ok: false, fieldErrors: { email: v.result.fieldErrors.form } };
        try {
          await requestPasswordReset({ email: v.data, portal });
          return { ok: true };
        } catch (e) {
          return apiFailure(e);
        }
      }}
    />
  );
}

export function PortalResetPassword({
  portal,
  email,
  token,
  resetPassword,
}: {
  portal: TPortal;
  email: string;
  token: string;
  resetPassword: TAuthCall<{ email: string; token: string; password: string; portal: TPortal }>;
}) {
  return (
    <NewPasswordForm
      email={email}
      done={
        <FormAlert tone="success" title="Password changed">
          <p>
            Your new password is set, and every device that was signed in has been signed out.{" "}
            <a className={linkClass} href="/sign-in">
              Sign in
            </a>
          </p>
        </FormAlert>
      }
      onSubmit={async ({ password }) => {
        const v = validate(ZPassword, password);
        if (!v.ok) return { ok: false, fieldErrors: { password: v.result.fieldErrors.form } };
        try {
          await resetPassword({ email, token, password, portal });
          return { ok: true };
        } catch (e) {
          const r = apiFailure(e);
          // A used or expired link is about the page, not the password field.
          if (!r.ok && r.fieldErrors?.token) return { ok: false, message: r.fieldErrors.token[0] };
          return r;
        }
      }}
    />
  );
}

export function PortalSignUp({ signUp }: { signUp: TAuthCall<z.infer<typeof ZCustomerSignUp>> }) {
  return (
    <SignUpForm
      onSubmit={async (values) => {
        const v = validate(ZCustomerSignUp, values);
        if (!v.ok) return v.result;
        try {
          await signUp(v.data);
          return { ok: true };
        } catch (e) {
          return apiFailure(e);
        }
      }}
    />
  );
}

const VEHICLE_LABELS: Record<(typeof VEHICLES)[number], string> = {
  foot: "On foot",
  bicycle: "Bicycle",
  ebike: "E-bike",
  scooter: "Scooter (up to 50 cc)",
  motorbike: "Motorbike",
  car: "Car",
};

export function PortalCourierApplication({
  apply,
}: {
  apply: TAuthCall<z.infer<typeof ZCourierApplication>>;
}) {
  return (
    <CourierApplicationForm
      vehicles={VEHICLES.map((v) => ({ value: v, label: VEHICLE_LABELS[v] }))}
      onSubmit={async (values) => {
        const v = validate(ZCourierApplication, values);
        if (!v.ok) return v.result;
        try {
          await apply(v.data);
          return { ok: true };
        } catch (e) {
          return apiFailure(e);
        }
      }}
    />
  );
}

/** "38.7139, -9.1393" → numbers; anything else → NaN, which the schema words for the person. */
function parseLocation(s: string) {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,;\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(s);
  return m ? { lat: Number(m[1]), lng: Number(m[2]) } : { lat: Number.NaN, lng: Number.NaN };
}

export function PortalMerchantApplication({
  apply,
}: {
  apply: TAuthCall<z.infer<typeof ZMerchantApplication>>;
}) {
  return (
    <MerchantApplicationForm
      onSubmit={async ({ location, ...values }) => {
        const where = location.trim()
          ? parseLocation(location)
          : { lat: undefined, lng: undefined };
        const v = validate(ZMerchantApplication, { ...values, ...where });
        if (!v.ok) {
          const fe = v.result.fieldErrors;
          const locationError = fe.lat?.[0] ?? fe.lng?.[0];
          if (locationError) {
            fe.location = [
              location.trim() && Number.isNaN(where.lat)
                ? "Write the location as two numbers, like 38.7139, -9.1393."
                : locationError,
            ];
          }
          return v.result;
        }
        try {
          await apply(v.data);
          return { ok: true };
        } catch (e) {
          const r = apiFailure(e);
          if (!r.ok && r.fieldErrors && (r.fieldErrors.lat || r.fieldErrors.lng)) {
            r.fieldErrors.location = r.fieldErrors.lat ?? r.fieldErrors.lng;
          }
          return r;
        }
      }}
    />
  );
}

/** Signs out of this portal (next-auth's CSRF-checked POST) and lands on its sign-in page. */
export function SignOutButton({ children = "Sign out" }: { children?: ReactNode }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      variant="secondary"
      pending={pending}
      pendingLabel="Signing out…"
      onClick={() => {
        setPending(true);
        void signOutOfPortal();
      }}
    >
      {children}
    </Button>
  );
}
