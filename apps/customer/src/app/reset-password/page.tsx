import type { Metadata } from "next";
import Link from "next/link";

import { searchParam } from "@lastmile/auth/next";
import { AuthLayout } from "@lastmile/ui/auth-layout";
import { linkClass } from "@lastmile/ui/form";

import { ResetPassword, ResetRequest } from "~/auth/forms";

export const metadata: Metadata = { title: "Reset your password", referrer: "no-referrer" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResetPasswordPage({ searchParams }: TProps) {
  const params = await searchParams;
  const email = searchParam(params, "email");
  const token = searchParam(params, "token");
  const back = (
    <p>
      Remembered it?{" "}
      <Link className={linkClass} href="/sign-in">
        Back to sign in
      </Link>
    </p>
  );
  if (email && token) {
    return (
      <AuthLayout portal="customer" title="Choose a new password" subtitle={email} footer={back}>
        <ResetPassword email={email} token={token} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout
      portal="customer"
      title="Reset your password"
      subtitle="We'll email you a link to choose a new one."
      footer={back}
    >
      <ResetRequest defaultEmail={email} />
    </AuthLayout>
  );
}
