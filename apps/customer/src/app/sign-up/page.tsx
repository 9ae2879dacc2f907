import type { Metadata } from "next";
import Link from "next/link";

import { AuthLayout } from "@lastmile/ui/auth-layout";
import { linkClass } from "@lastmile/ui/form";

import { SignUp } from "~/auth/forms";

export const metadata: Metadata = { title: "Create an account" };

export default function SignUpPage() {
  return (
    <AuthLayout
      portal="customer"
      title="Create your account"
      subtitle="Order from local restaurants and follow your delivery live."
      footer={
        <p>
          Already have an account?{" "}
          <Link className={linkClass} href="/sign-in">
            Sign in
          </Link>
        </p>
      }
    >
      <SignUp />
    </AuthLayout>
  );
}
