import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { PageTitle } from "@lastmile/ui/shell";

import { requireStaff } from "~/auth/staff";
import { getQueryClient, trpc } from "~/trpc/server";

import { PricingEditor } from "./_components/pricing-editor";

export const metadata: Metadata = { title: "Pricing" };
export const dynamic = "force-dynamic";

export default async function PricingPage() {
  const s = await requireStaff();
  // Support and ops managers cannot change pricing (the API refuses them too).
  if (!s.isAdmin) redirect("/");
  const versions = await getQueryClient().fetchQuery(trpc.admin.configVersions.queryOptions({ key: "pricing" }));
  return (
    <>
      <PageTitle title="Pricing" subtitle="The versioned fee configuration every quote is priced with. Each step is recorded in the audit log." />
      <PricingEditor
        versions={versions.map((v) => ({ version: v.version, active: v.active, note: v.note, createdAt: v.createdAt, activatedAt: v.activatedAt, value: v.value }))}
      />
    </>
  );
}
