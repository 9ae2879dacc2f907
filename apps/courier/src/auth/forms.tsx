"use client";
// The auth screens bound to this portal's tRPC client.
import type { ComponentProps } from "react";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import {
  PortalCourierApplication,
  PortalResetPassword,
  PortalResetRequest,
  PortalSignIn,
} from "@lastmile/auth/react";

type TOwn<T> = Omit<
  T,
  "portal" | "requestMagicLink" | "requestPasswordReset" | "resetPassword" | "apply"
>;

export function SignIn(props: TOwn<ComponentProps<typeof PortalSignIn>>) {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestMagicLink.mutationOptions());
  return <PortalSignIn portal="courier" requestMagicLink={request.mutateAsync} {...props} />;
}

export function ResetRequest(props: TOwn<ComponentProps<typeof PortalResetRequest>>) {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  return (
    <PortalResetRequest portal="courier" requestPasswordReset={request.mutateAsync} {...props} />
  );
}

export function ResetPassword(props: TOwn<ComponentProps<typeof PortalResetPassword>>) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  return <PortalResetPassword portal="courier" resetPassword={reset.mutateAsync} {...props} />;
}

export function Apply() {
  const trpc = useTRPC();
  const apply = useMutation(trpc.auth.applyAsCourier.mutationOptions());
  return <PortalCourierApplication apply={apply.mutateAsync} />;
}
