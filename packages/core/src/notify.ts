// Telling people: an in-app notification and, where it matters, an email through the outbox —
// written in the same transaction as the change they announce, so neither is lost nor sent for
// a change that rolled back.
import type { TDbOrTx } from "@lastmile/db/client";
import { emailOutbox, notifications } from "@lastmile/db/schema";

export async function notifyUser(
  db: TDbOrTx,
  to: { userId: string; email?: string | null },
  message: { kind: string; title: string; body: string; data?: Record<string, unknown>; email?: boolean },
) {
  await db.insert(notifications).values({ userId: to.userId, kind: message.kind, title: message.title, body: message.body, data: message.data ?? null });
  if (message.email && to.email) {
    const html = `<p>${message.body.replace(/[<>&]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[c] ?? c)}</p>`;
    await db.insert(emailOutbox).values({ toAddress: to.email, template: message.kind, subject: message.title, text: message.body, html, payload: message.data ?? null });
  }
}
