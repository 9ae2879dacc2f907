// Words for every refusal, shared by the sign-in pages and the emails. Safe in the browser.
import { parseAuthError } from "./errors";
import { PORTAL_INFO } from "./portals";
import type { TPortal } from "./portals";

const wait = (s: string | undefined) => {
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) return "a little while";
  if (n < 90) return `${n} second${n === 1 ? "" : "s"}`;
  const m = Math.ceil(n / 60);
  return `${m} minute${m === 1 ? "" : "s"}`;
};

/** The portal an error says the account belongs in, for a "go there" link. */
export function homePortalFrom(raw: string | null | undefined): TPortal | null {
  const { code, detail } = parseAuthError(raw);
  if (code !== "wrong-portal" || !detail || detail === "none") return null;
  return detail in PORTAL_INFO ? (detail as TPortal) : null;
}

export function describeAuthError(raw: string | null | undefined, portal: TPortal): string {
  const { code, detail } = parseAuthError(raw);
  const here = PORTAL_INFO[portal];
  switch (code) {
    case "invalid-credentials":
      return "That email and password don't match an account. Just signed up? Confirm your email address first — we've sent you the link.";
    case "throttled":
      return `Too many wrong passwords for this email address. Wait ${wait(detail)} and try again, or sign in with an emailed link instead.`;
    case "rate-limited":
      return `Too many attempts from your network. Please wait ${wait(detail)} and try again.`;
    case "suspended":
      return "This account is suspended, so it can't sign in. If you think that's a mistake, contact Lastmile support.";
    case "pending":
      return "Your application is waiting for approval. We'll email you as soon as our team has reviewed it — usually within two working days.";
    case "rejected":
      return "Your application wasn't approved, so this account can't sign in here. Contact Lastmile support if you have questions.";
    case "wrong-portal": {
      const home = homePortalFrom(raw);
      return home
        ? `${here.name} is for ${here.audience}. Your account isn't one of those — sign in to ${PORTAL_INFO[home].name} instead.`
        : `${here.name} is for ${here.audience}. Your account isn't one of those, so it can't sign in here.`;
    }
    case "link-invalid":
      return "This link has expired or has already been used. Go back to sign in to get a new one.";
    default:
      return "Something went wrong while signing you in. Please try again.";
  }
}

const duration = (s: number) =>
  s >= 86_400
    ? `${Math.round(s / 86_400)} days`
    : s >= 3600
      ? `${Math.round(s / 3600)} hours`
      : `${Math.round(s / 60)} minutes`;

/** Why the proxy sent a signed-in visitor back to the sign-in page (`?ended=`). */
export function describeSessionEnd(
  reason: string | null | undefined,
  portal: TPortal,
): string | null {
  const { policy } = PORTAL_INFO[portal];
  switch (reason) {
    case "idle":
      return `You were signed out after ${duration(policy.idleS)} without activity. Sign in again to carry on.`;
    case "absolute":
      return `For your security, ${PORTAL_INFO[portal].name} asks you to sign in again every ${duration(policy.absoluteS)}.`;
    case "revoked":
      return "You were signed out: your password was changed, or this session was ended from somewhere else.";
    case "refused":
      return "Your account's access has changed, so you were signed out. Sign in again to carry on.";
    default:
      return null;
  }
}
