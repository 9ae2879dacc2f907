// Permissions are `resource:action[:scope]` strings held by roles (the role_permissions table).
// `menu:*:merchant` grants `menu:update:merchant`; `platform:*` grants everything.
import { inArray } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { rolePermissions } from "@lastmile/db/schema";
import type { TRole } from "@lastmile/db/schema";

export async function permissionsOf(db: TDbOrTx, roles: TRole[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await db.select({ p: rolePermissions.permission }).from(rolePermissions).where(inArray(rolePermissions.role, roles));
  return rows.map((r) => r.p);
}

export function hasPermission(held: string[], wanted: string): boolean {
  const [resource, action, scope] = wanted.split(":");
  return held.some((h) => {
    const [hr, ha, hs] = h.split(":");
    if (hr === "platform" && ha === "*") return true;
    if (hr !== resource) return false;
    if (ha !== "*" && ha !== action) return false;
    // An unscoped grant covers every scope; a scoped one only its own.
    return hs === undefined || hs === scope;
  });
}
