// What the platform knows about a signed-in caller. The API's procedure builders decide from
// this alone (plus the database) who may call what.
import type { TRole } from "@lastmile/db/schema";

export type TSessionUser = {
  id: string;
  email: string;
  name: string;
  roles: TRole[];
  /** Merchants the user works at (owner or staff). */
  merchantIds: string[];
  /** The user's courier profile, when they are a courier. */
  courierId: string | null;
  /** Areas an ops manager's role is scoped to. */
  areaIds: string[];
};

export type TSession = { user: TSessionUser; expiresAt: string } | null;
