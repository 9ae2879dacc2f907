// Who each portal lets in, decided from the account alone (pure, so every case is a unit test).
// Only ever asked after the password or emailed link has been checked.
import type { TAccount } from "./account";
import { AuthError } from "./errors";
import { homePortalOf, PORTAL_INFO } from "./portals";
import type { TPortal } from "./portals";

export type TAdmission = { ok: true } | { ok: false; error: AuthError };

const refuse = (error: AuthError): TAdmission => ({ ok: false, error });

export function admit(account: TAccount, portal: TPortal): TAdmission {
  if (account.status === "erased") return refuse(new AuthError("invalid-credentials"));
  if (account.status === "suspended") return refuse(new AuthError("suspended"));

  const roles = account.roles.map((r) => r.role);
  const holdsPortalRole = PORTAL_INFO[portal].roles.some((r) => roles.includes(r));
  if (!holdsPortalRole) {
    // An applicant who is not approved yet has no other home: tell them where they stand.
    if (account.status === "pending") return refuse(new AuthError("pending"));
    return refuse(AuthError.wrongPortal(homePortalOf(roles)));
  }
  if (account.status === "pending") return refuse(new AuthError("pending"));

  if (portal === "merchant") {
    const statuses = account.memberships.map((m) => m.merchantStatus);
    if (statuses.includes("verified")) return { ok: true };
    if (statuses.includes("pending")) return refuse(new AuthError("pending"));
    if (statuses.includes("suspended")) return refuse(new AuthError("suspended"));
    return refuse(
      AuthError.wrongPortal(homePortalOf(roles.filter((r) => !r.startsWith("merchant_")))),
    );
  }

  if (portal === "courier") {
    switch (account.courier?.applicationStatus) {
      case "approved":
        return { ok: true };
      case "pending":
        return refuse(new AuthError("pending"));
      case "rejected":
        return refuse(new AuthError("rejected"));
      case "suspended":
        return refuse(new AuthError("suspended"));
      default:
        return refuse(AuthError.wrongPortal(homePortalOf(roles.filter((r) => r !== "courier"))));
    }
  }

  return { ok: true };
}
