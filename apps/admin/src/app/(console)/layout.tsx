// Every console page sits in the staff frame; the sections follow the caller's role.
import type { ReactNode } from "react";

import { requireStaff } from "~/auth/staff";

import { ConsoleShell } from "./_components/console-shell";

const ROLE_LABEL = { super_admin: "Super admin", admin: "Admin", ops_manager: "Ops manager", support: "Support" } as const;

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const s = await requireStaff();
  const where = s.scope.limited ? s.scope.areas.filter((a) => s.user.areaIds.includes(a.id)).map((a) => a.name).join(", ") || "No area" : "All areas";
  return (
    <ConsoleShell who={`${s.user.name ?? s.user.email} (${ROLE_LABEL[s.role]})`} where={where} isAdmin={s.isAdmin} canDispatch={s.canDispatch} canSeePeople={s.role !== "ops_manager"}>
      {children}
    </ConsoleShell>
  );
}
