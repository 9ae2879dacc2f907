import type { Metadata } from "next";
import Link from "next/link";

import { AuthLayout } from "@lastmile/ui/auth-layout";
import { linkClass } from "@lastmile/ui/form";

import { Apply } from "~/auth/forms";

export const metadata: Metadata = { title: "Apply to deliver" };

export default function ApplyPage() {
  return (
    <AuthLayout
      portal="courier"
      title="Deliver with Lastmile"
      subtitle="Choose your hours and get paid for every delivery, plus all of your tips. Our team reviews every application, usually within two working days."
      footer={
        <p>
          Already delivering with us?{" "}
          <Link className={linkClass} href="/sign-in">
            Sign in
          </Link>
        </p>
      }
    >
      <Apply />
    </AuthLayout>
  );
}
