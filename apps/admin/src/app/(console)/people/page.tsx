import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { PageTitle } from "@lastmile/ui/shell";

import { requireStaff } from "~/auth/staff";

import { People } from "./_components/people";

export const metadata: Metadata = { title: "People" };
export const dynamic = "force-dynamic";

export default async function PeoplePage() {
  const s = await requireStaff();
  // Ops managers steer their area's dispatch; people's accounts are support's and administrators'.
  if (s.role === "ops_manager") redirect("/");
  return (
    <>
      <PageTitle title="People" subtitle="Customers, couriers, restaurant teams and staff: find them, change what they may do, decide applications." />
      <People isAdmin={s.isAdmin} areas={s.scope.areas.map((a) => ({ id: a.id, name: a.name, level: a.level }))} />
    </>
  );
}
