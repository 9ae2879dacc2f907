// The console's pages need signed-in staff; the scope says which role they act as and which
// areas and zones they may see, so pages show only what the caller's procedures would allow.
import "server-only";

import { redirect } from "next/navigation";

import { getQueryClient, trpc } from "~/trpc/server";

export type TStaffRole = "super_admin" | "admin" | "ops_manager" | "support";

export async function requireStaff() {
  const qc = getQueryClient();
  const user = await qc.fetchQuery(trpc.me.session.queryOptions());
  if (!user) redirect("/sign-in");
  const scope = await qc.fetchQuery(trpc.admin.scope.queryOptions()).catch(() => null);
  // Signed in but not staff (a customer who found the URL): the sign-in page says who may enter.
  if (!scope) redirect("/sign-out");
  const role = scope.role as TStaffRole;
  return {
    user,
    scope,
    role,
    /** Pricing, roles, zones and applications are the administrators' (enforced by the API too). */
    isAdmin: role === "admin" || role === "super_admin",
    /** Support resolves customers' problems; it does not steer dispatch. */
    canDispatch: role !== "support",
  };
}
