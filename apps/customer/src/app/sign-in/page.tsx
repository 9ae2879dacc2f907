import type { Metadata } from "next";
import Link from "next/link";

import { portalUrls, safeCallbackPath, searchParam, signInNotice } from "@lastmile/auth/next";
import { AuthLayout } from "@lastmile/ui/auth-layout";
import { linkClass } from "@lastmile/ui/form";

import { SignIn } from "~/auth/forms";

export const metadata: Metadata = { title: "Sign in" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: TProps) {
  const params = await searchParams;
  const urls = portalUrls();
  return (
    <AuthLayout
      portal="customer"
      title="Sign in"
      subtitle="Order from the best local restaurants, delivered."
      footer={
        <>
          <p>
            New to Lastmile?{" "}
            <Link className={linkClass} href="/sign-up">
              Create an account
            </Link>
          </p>
          <p>
            Run a restaurant?{" "}
            <a className={linkClass} href={`${urls.merchant}/apply`}>
              Sell on Lastmile
            </a>{" "}
            · Want to deliver?{" "}
            <a className={linkClass} href={`${urls.courier}/apply`}>
              Ride with us
            </a>
          </p>
        </>
      }
    >
      <SignIn
        callbackUrl={safeCallbackPath(searchParam(params, "callbackUrl"))}
        defaultEmail={searchParam(params, "email")}
        notice={signInNotice(params, "customer")}
        urls={urls}
      />
    </AuthLayout>
  );
}
