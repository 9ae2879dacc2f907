// The four portals: who each admits, how long its sessions last, and the cookie names that keep
// four portals on one host (cookies ignore ports) from overwriting each other's sessions.
import type { TRole } from "@lastmile/db/schema";

export const PORTALS = ["customer", "merchant", "courier", "admin"] as const;
export type TPortal = (typeof PORTALS)[number];

export type TSessionPolicy = {
  /** Signed out after this long without a request. */
  idleS: number;
  /** Signed out this long after signing in, however active. */
  absoluteS: number;
  /** Roles, memberships and account status are re-read from the database this often. */
  claimsTtlS: number;
  /** The cookie's expiry is pushed forward at most this often (saves re-encrypting per request). */
  rollS: number;
};

export type TPortalInfo = {
  portal: TPortal;
  /** What the portal is called in its header. */
  name: string;
  /** Who the portal is for, completing "… is for …". */
  audience: string;
  roles: readonly TRole[];
  policy: TSessionPolicy;
};

const MIN = 60;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const PORTAL_INFO: Record<TPortal, TPortalInfo> = {
  customer: {
    portal: "customer",
    name: "Lastmile Food",
    audience: "customers ordering food",
    roles: ["customer"],
    // A phone in someone's pocket: stay signed in, re-check the account every few minutes.
    policy: { idleS: 14 * DAY, absoluteS: 90 * DAY, claimsTtlS: 5 * MIN, rollS: 5 * MIN },
  },
  merchant: {
    portal: "merchant",
    name: "Lastmile Kitchen",
    audience: "restaurant owners and their staff",
    roles: ["merchant_owner", "merchant_staff"],
    // A tablet on the pass for a whole service.
    policy: { idleS: 12 * HOUR, absoluteS: 7 * DAY, claimsTtlS: 5 * MIN, rollS: 5 * MIN },
  },
  courier: {
    portal: "courier",
    name: "Lastmile Courier",
    audience: "couriers delivering with Lastmile",
    roles: ["courier"],
    policy: { idleS: 12 * HOUR, absoluteS: 7 * DAY, claimsTtlS: 5 * MIN, rollS: 5 * MIN },
  },
  admin: {
    portal: "admin",
    name: "Lastmile Operations",
    audience: "Lastmile's support, operations and admin staff",
    roles: ["support", "ops_manager", "admin", "super_admin"],
    // The console can change anything: short sessions, revocation within a minute.
    policy: { idleS: 30 * MIN, absoluteS: 12 * HOUR, claimsTtlS: 1 * MIN, rollS: 1 * MIN },
  },
};

/** The portal a person with these roles belongs in, for "sign in over there instead". */
export function homePortalOf(roles: readonly TRole[]): TPortal | null {
  for (const portal of ["admin", "merchant", "courier", "customer"] as const) {
    if (PORTAL_INFO[portal].roles.some((r) => roles.includes(r))) return portal;
  }
  return null;
}

export type TCookieNames = {
  sessionToken: string;
  csrfToken: string;
  callbackUrl: string;
  pkceCodeVerifier: string;
  state: string;
  nonce: string;
};

/**
 * Per-portal cookie names. With `secure`, every cookie is `__Host-` (Secure, Path=/, no Domain:
 * a sibling subdomain cannot plant or overwrite it).
 */
export function cookieNames(portal: TPortal, secure: boolean): TCookieNames {
  const p = `${secure ? "__Host-" : ""}lastmile-${portal}`;
  return {
    sessionToken: `${p}.session`,
    csrfToken: `${p}.csrf`,
    callbackUrl: `${p}.callback-url`,
    pkceCodeVerifier: `${p}.pkce`,
    state: `${p}.state`,
    nonce: `${p}.nonce`,
  };
}
