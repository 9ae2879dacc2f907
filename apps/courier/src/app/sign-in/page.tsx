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
      portal="courier"
      title="Sign in to deliver"
      subtitle="For couriers delivering with Lastmile."
      footer={
        <>
          <p>
            Want to deliver with Lastmile?{" "}
            <Link className={linkClass} href="/apply">
              Apply to ride with us
            </Link>
          </p>
          <p>
            Hungry?{" "}
            <a className={linkClass} href={urls.customer}>
              Order food on Lastmile
            </a>
          </p>
        </>
      }
    >
      <SignIn
        callbackUrl={safeCallbackPath(searchParam(params, "callbackUrl"))}
        defaultEmail={searchParam(params, "email")}
        notice={signInNotice(params, "courier")}
        urls={urls}
      />
    </AuthLayout>
  );
}
