import type { Metadata } from "next";
import Link from "next/link";

import { PageTitle } from "@lastmile/ui/shell";

import { env } from "~/env";
import { currentDropoff } from "~/lib/dropoff-server";
import { getQueryClient, HydrateClient, trpc } from "~/trpc/server";

import { SiteShell } from "../_components/site-shell";
import { Addresses } from "./_components/addresses";
import { DataRights } from "./_components/data-rights";
import { EmailPreferences } from "./_components/email-preferences";
import { ProfileForm } from "./_components/profile-form";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const qc = getQueryClient();
  const [profile, { dropoff, chosen }] = await Promise.all([
    qc.fetchQuery(trpc.me.profile.queryOptions()),
    currentDropoff(),
    qc.prefetchQuery(trpc.me.addresses.queryOptions()),
    qc.prefetchQuery(trpc.me.emailPreferences.queryOptions()),
  ]);
  return (
    <SiteShell>
      <PageTitle
        title="Your account"
        subtitle={
          <>
            {profile.email} ·{" "}
            <Link href="/sign-out" className="font-medium text-brand-800 underline">
              Sign out
            </Link>
          </>
        }
      />
      <HydrateClient>
        <div className="grid gap-6 lg:grid-cols-2">
          <ProfileForm name={profile.name} phone={profile.phone} />
          <Addresses current={chosen ? dropoff : null} mapboxToken={env.NEXT_PUBLIC_MAPBOX_TOKEN} />
          <EmailPreferences />
          <DataRights />
        </div>
      </HydrateClient>
    </SiteShell>
  );
}
