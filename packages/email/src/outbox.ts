// Writing to the transactional outbox: call it with the transaction that makes the change the
// email announces, so the mail is sent if and only if the change commits.
import type { TDbOrTx } from "@lastmile/db/client";
import { emailOutbox } from "@lastmile/db/schema";

import { renderEmail } from "./render";
import type { TEmail } from "./render";

export async function enqueueEmail(db: TDbOrTx, to: string, mail: TEmail, now: Date = new Date()) {
  const { html, text } = renderEmail(mail);
  await db.insert(emailOutbox).values({ toAddress: to, template: mail.template, subject: mail.subject, html, text, payload: { ...mail.payload, sensitive: mail.sensitive ?? false }, sendAfter: now });
}
