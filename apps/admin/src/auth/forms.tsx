"use client";
// The auth screens bound to this portal's tRPC client.
import type { ComponentProps } from "react";
import { useMutation } from "@tanstack/react-query";

import { useTRPC } from "@lastmile/api/react";
import { PortalResetPassword, PortalResetRequest, PortalSignIn } from "@lastmile/auth/react";

type TOwn<T> = Omit<
  T,
  "portal" | "requestMagicLink" | "requestPasswordReset" | "resetPassword" | "apply"
>;

export function SignIn(props: TOwn<ComponentProps<typeof PortalSignIn>>) {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestMagicLink.mutationOptions());
  return <PortalSignIn portal="admin" requestMagicLink={request.mutateAsync} {...props} />;
}

export function ResetRequest(props: TOwn<ComponentProps<typeof PortalResetRequest>>) {
  const trpc = useTRPC();
  const request = useMutation(trpc.auth.requestPasswordReset.mutationOptions());
  return (
    <PortalResetRequest portal="admin" requestPasswordReset={request.mutateAsync} {...props} />
  );
}

export function ResetPassword(props: TOwn<ComponentProps<typeof PortalResetPassword>>) {
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  return <PortalResetPassword portal="admin" resetPassword={reset.mutateAsync} {...props} />;
}
