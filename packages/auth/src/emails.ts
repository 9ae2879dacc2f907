// The emails sign-in sends, written to the transactional outbox (the worker delivers them; in
// development they are printed to its log). Bodies that carry a sign-in or reset link are
// marked `sensitive` in the payload so the admin Outbox page and the worker can redact them
// once sent.
import type { TDbOrTx } from "@lastmile/db/client";
import { enqueueEmail as enqueueOutboxEmail, renderEmail } from "@lastmile/email";
import type { TEmail } from "@lastmile/email";

import { DEFAULT_PORTAL_URLS, env } from "./env";
import { PORTAL_INFO } from "./portals";
import type { TPortal } from "./portals";

/** Auth mail is ordinary platform mail: one layout and one outbox writer, in @lastmile/email. */
export type TAuthEmail = TEmail;
export { renderEmail };

export async function enqueueEmail(db: TDbOrTx, to: string, mail: TAuthEmail, now: Date) {
  await enqueueOutboxEmail(db, to, mail, now);
}

export function portalUrl(portal: TPortal): string {
  const urls: Record<TPortal, string | undefined> = {
    customer: env.NEXT_PUBLIC_CUSTOMER_URL,
    merchant: env.NEXT_PUBLIC_MERCHANT_URL,
    courier: env.NEXT_PUBLIC_COURIER_URL,
    admin: env.NEXT_PUBLIC_ADMIN_URL,
  };
  return (urls[portal] ?? DEFAULT_PORTAL_URLS[portal]).replace(/\/$/, "");
}

export const linkTo = (portal: TPortal, path: string, params: Record<string, string> = {}) => {
  const url = new URL(path, `${portalUrl(portal)}/`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
};

const IGNORE = "If you didn't ask for this, you can ignore this email: nothing changes.";

export const emails = {
  magicLink: (portal: TPortal, email: string, token: string): TAuthEmail => ({
    template: "auth.magic-link",
    subject: `Your sign-in link for ${PORTAL_INFO[portal].name}`,
    paragraphs: [
      `Use the button below to sign in to ${PORTAL_INFO[portal].name}. The link works once, for 15 minutes.`,
      { action: "Sign in", href: linkTo(portal, "/verify", { kind: "magic-link", email, token }) },
      IGNORE,
    ],
    payload: { portal },
    sensitive: true,
  }),
  confirmEmail: (portal: TPortal, name: string, email: string, token: string): TAuthEmail => ({
    template: "auth.confirm-email",
    subject: "Confirm your email address",
    paragraphs: [
      `Hello ${name},`,
      `Confirm that this is your email address to finish setting up your ${PORTAL_INFO[portal].name} account. The link works once, for 24 hours.`,
      {
        action: "Confirm my email",
        href: linkTo(portal, "/verify", { kind: "confirm-email", email, token }),
      },
      "If you didn't create an account, ignore this email and no account will be used.",
    ],
    payload: { portal },
    sensitive: true,
  }),
  passwordReset: (portal: TPortal, email: string, token: string): TAuthEmail => ({
    template: "auth.password-reset",
    subject: "Reset your Lastmile password",
    paragraphs: [
      "Someone (we hope you) asked to reset the password of the Lastmile account with this address. The link works once, for 30 minutes.",
      {
        action: "Choose a new password",
        href: linkTo(portal, "/reset-password", { email, token }),
      },
      IGNORE,
    ],
    payload: { portal },
    sensitive: true,
  }),
  passwordChanged: (portal: TPortal): TAuthEmail => ({
    template: "auth.password-changed",
    subject: "Your Lastmile password was changed",
    paragraphs: [
      "The password of your Lastmile account was just changed, and every device signed in to it was signed out.",
      `If this wasn't you, reset your password now and write to ${env.SUPPORT_EMAIL}.`,
      { action: "Reset my password", href: linkTo(portal, "/reset-password") },
    ],
    payload: { portal },
  }),
  accountExists: (portal: TPortal): TAuthEmail => ({
    template: "auth.account-exists",
    subject: "You already have a Lastmile account",
    paragraphs: [
      "Someone (perhaps you) just tried to create a new Lastmile account with this email address, but an account with it already exists, so nothing was changed.",
      "If it was you, sign in — or reset your password if you've forgotten it.",
      { action: "Sign in", href: linkTo(portal, "/sign-in") },
      IGNORE,
    ],
    payload: { portal },
  }),
  noAccessHere: (portal: TPortal, reason: string): TAuthEmail => ({
    template: "auth.no-access",
    subject: `About signing in to ${PORTAL_INFO[portal].name}`,
    paragraphs: [
      `Someone (we hope you) asked for a sign-in link to ${PORTAL_INFO[portal].name}, but this account can't sign in there: ${reason}`,
      IGNORE,
    ],
    payload: { portal },
  }),
  applicationReceived: (portal: "courier" | "merchant", name: string): TAuthEmail => ({
    template: "auth.application-received",
    subject: "We've received your application",
    paragraphs: [
      `Hello ${name},`,
      portal === "courier"
        ? "Thanks for applying to deliver with Lastmile. Our team reviews every application, usually within two working days, and we'll email you as soon as yours is approved."
        : "Thanks for applying to sell on Lastmile. Our team checks every restaurant, usually within two working days, and we'll email you as soon as yours is live.",
    ],
    payload: { portal },
  }),
  applicationDecided: (
    portal: "courier" | "merchant",
    name: string,
    approved: boolean,
    reason?: string,
  ): TAuthEmail => ({
    template: approved ? "auth.application-approved" : "auth.application-rejected",
    subject: approved ? "You're approved — welcome to Lastmile" : "About your Lastmile application",
    paragraphs: approved
      ? [
          `Hello ${name},`,
          `Your application has been approved. You can sign in to ${PORTAL_INFO[portal].name} now.`,
          { action: "Sign in", href: linkTo(portal, "/sign-in") },
        ]
      : [
          `Hello ${name},`,
          `We're sorry: we can't approve your application at the moment.${reason ? ` ${reason}` : ""}`,
          `If you have questions, write to ${env.SUPPORT_EMAIL}.`,
        ],
    payload: { portal },
  }),
};

/** Every portal's public address, for "sign in over there" links. */
export const portalUrls = (): Record<TPortal, string> => ({
  customer: portalUrl("customer"),
  merchant: portalUrl("merchant"),
  courier: portalUrl("courier"),
  admin: portalUrl("admin"),
});
