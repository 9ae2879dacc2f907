import type { Metadata } from "next";
import Link from "next/link";

import { portalUrls, searchParam } from "@lastmile/auth/next";
import { PortalVerify } from "@lastmile/auth/react";
import { AuthLayout } from "@lastmile/ui/auth-layout";
import { FormAlert, linkClass } from "@lastmile/ui/form";

export const metadata: Metadata = { title: "Continue", referrer: "no-referrer" };

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function VerifyPage({ searchParams }: TProps) {
  const params = await searchParams;
  const email = searchParam(params, "email");
  const token = searchParam(params, "token");
  const kind = searchParam(params, "kind") === "confirm-email" ? "confirm-email" : "magic-link";
  return (
    <AuthLayout
      portal="customer"
      title={kind === "confirm-email" ? "Confirm your email address" : "Sign in with your link"}
    >
      {email && token ? (
        <PortalVerify
          portal="customer"
          email={email}
          token={token}
          kind={kind}
          urls={portalUrls()}
        />
      ) : (
        <FormAlert tone="error" title="This link is incomplete">
          Open the link from your email again, or{" "}
          <Link className={linkClass} href="/sign-in">
            ask for a new one
          </Link>
          .
        </FormAlert>
      )}
    </AuthLayout>
  );
}
