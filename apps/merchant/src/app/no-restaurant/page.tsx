import type { Metadata } from "next";
import Link from "next/link";

import { AuthLayout } from "@lastmile/ui/auth-layout";
import { linkClass } from "@lastmile/ui/form";

export const metadata: Metadata = { title: "No restaurant yet" };

export default function NoRestaurantPage() {
  return (
    <AuthLayout
      portal="merchant"
      title="You are not part of a restaurant's team yet"
      subtitle="Ask the owner to invite you with this email address; the invitation lets you in."
      footer={
        <Link className={linkClass} href="/sign-out">
          Sign out
        </Link>
      }
    >
      <p className="text-slate-700">Opening a restaurant of your own? Apply from the sign-in page.</p>
    </AuthLayout>
  );
}
