import type { Metadata } from "next";

import { portalUrls, safeCallbackPath, searchParam, signInNotice } from "@lastmile/auth/next";
import { AuthLayout } from "@lastmile/ui/auth-layout";

import { SignIn } from "~/auth/forms";

export const metadata: Metadata = { title: "Sign in" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: TProps) {
  const params = await searchParams;
  const urls = portalUrls();
  return (
    <AuthLayout
      portal="admin"
      title="Sign in to Operations"
      subtitle="For Lastmile's support, operations and admin staff."
      footer={<p>Accounts for the console are created by a Lastmile administrator.</p>}
    >
      <SignIn
        callbackUrl={safeCallbackPath(searchParam(params, "callbackUrl"))}
        defaultEmail={searchParam(params, "email")}
        notice={signInNotice(params, "admin")}
        urls={urls}
      />
    </AuthLayout>
  );
}
