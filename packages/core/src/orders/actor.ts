// Who is acting on an order, as the domain sees them (built by the API from the session).
import type { TRole } from "@lastmile/db/schema";

export type TActor = {
  userId: string | null;
  /** The role the actor acts in for this call; `system` for the worker and timeouts. */
  role: TRole | "system";
  merchantIds: string[];
  courierId: string | null;
  areaIds: string[];
  ip?: string | null;
};

export const systemActor: TActor = { userId: null, role: "system", merchantIds: [], courierId: null, areaIds: [] };
