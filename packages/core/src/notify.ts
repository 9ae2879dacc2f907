// Telling people: an in-app notification and, where it matters, an email through the outbox —
// written in the same transaction as the change they announce, so neither is lost nor sent for
// a change that rolled back.
import { eq } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { emailOutbox, notifications, users } from "@lastmile/db/schema";
import { enqueueEmail } from "@lastmile/email";
import type { TEmail } from "@lastmile/email";

/** The notifications a customer gets about their orders, each of which they may also want by email. */
export const CUSTOMER_NOTIFICATION_KINDS = [
  { kind: "order.accepted", label: "The restaurant accepted my order" },
  { kind: "order.picked_up", label: "My order is on its way" },
  { kind: "order.delivered", label: "My order was delivered (with the receipt)" },
  { kind: "order.cancelled", label: "My order was cancelled" },
  { kind: "order.refunded", label: "I was refunded" },
] as const;
export type TCustomerNotificationKind = (typeof CUSTOMER_NOTIFICATION_KINDS)[number]["kind"];

export async function notifyUser(
  db: TDbOrTx,
  to: { userId: string; email?: string | null },
  /** `email`: a template from @lastmile/email (preferred), or `true` to mail the body as it is. */
  message: { kind: string; title: string; body: string; data?: Record<string, unknown>; email?: boolean | TEmail },
) {
  await db.insert(notifications).values({ userId: to.userId, kind: message.kind, title: message.title, body: message.body, data: message.data ?? null });
  if (!message.email || !to.email) return;
  // The person may have switched this kind of email off; the in-app notification stays.
  const [prefs] = await db.select({ muted: users.emailMutedKinds }).from(users).where(eq(users.id, to.userId));
  if (prefs?.muted.includes(message.kind)) return;
  if (typeof message.email === "object" && to.email) {
    await enqueueEmail(db, to.email, { ...message.email, payload: { ...message.data, ...message.email.payload } });
  } else if (message.email && to.email) {
    const html = `<p>${message.body.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c] ?? c)}</p>`;
    await db.insert(emailOutbox).values({ toAddress: to.email, template: message.kind, subject: message.title, text: message.body, html, payload: message.data ?? null });
  }
}
