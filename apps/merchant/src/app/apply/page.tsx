import type { Metadata } from "next";
import Link from "next/link";

import { AuthLayout } from "@lastmile/ui/auth-layout";
import { linkClass } from "@lastmile/ui/form";

import { Apply } from "~/auth/forms";

export const metadata: Metadata = { title: "Apply to sell on Lastmile" };

export default function ApplyPage() {
  return (
    <AuthLayout
      portal="merchant"
      wide
      title="Sell on Lastmile"
      subtitle="Tell us about your restaurant. Our team checks every application, usually within two working days."
      footer={
        <p>
          Already on Lastmile?{" "}
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
