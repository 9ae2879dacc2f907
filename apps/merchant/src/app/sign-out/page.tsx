import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { SignOutButton } from "@lastmile/auth/react";
import { AuthLayout } from "@lastmile/ui/auth-layout";
import { linkClass } from "@lastmile/ui/form";

import { getSession } from "~/auth/server";

export const metadata: Metadata = { title: "Sign out" };

export default async function SignOutPage() {
  const session = await getSession();
  if (!session) redirect("/sign-in");
  return (
    <AuthLayout
      portal="merchant"
      title="Sign out?"
      subtitle={`You're signed in as ${session.user.email}.`}
      footer={
        <Link className={linkClass} href="/">
          Back to the kitchen
        </Link>
      }
    >
      <SignOutButton />
    </AuthLayout>
  );
}
