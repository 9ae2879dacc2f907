// Delivers the transactional email outbox. A short transaction claims due rows (FOR UPDATE SKIP
// LOCKED, marking them `sending` under a lease and counting the attempt), then each is sent outside
// any transaction and marked sent — or given back with exponential backoff, or marked failed after
// MAX_ATTEMPTS or a refusal that retrying cannot fix. The claim is the guard against sending twice:
// no other worker takes a claimed row until its lease runs out (its worker died mid-send), and a
// send after that reuses the row's idempotency key, so Resend delivers it once. Without
// RESEND_API_KEY the log transport prints each message.
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";
import { logTransport, PermanentEmailError } from "@lastmile/email/sender";
import type { TEmailTransport, TOutgoingEmail } from "@lastmile/email/sender";

import type { TJobDefinition } from "../runner";

export { logTransport };
export type { TEmailTransport, TOutgoingEmail };

export const MAX_ATTEMPTS = 8;
/** How long a claimed row is ours before another worker may assume we died. */
const SEND_LEASE_S = 600;

export async function sendOutboxBatch(db: TDb, transport: TEmailTransport, batch: number, now: Date = new Date()) {
  const at = now.toISOString();
  // `now` has millisecond precision and rows are stamped by the database in microseconds: a row
  // written earlier in the same millisecond must count as due, not wait for the next tick.
  const dueBy = new Date(now.getTime() + 1).toISOString();
  const claimed = rowsOf<{ id: string; to_address: string; subject: string; text: string; html: string; attempts: number }>(
    await db.execute(sql`
      update email_outbox set status = 'sending', attempts = attempts + 1,
        send_after = ${at}::timestamptz + make_interval(secs => ${SEND_LEASE_S})
      where id in (
        select id from email_outbox
        where status in ('pending', 'sending') and send_after < ${dueBy}::timestamptz
        order by send_after
        limit ${batch}
        for update skip locked)
      returning id, to_address, subject, text, html, attempts`),
  );
  let sent = 0;
  for (const row of claimed) {
    try {
      const { messageId } = await transport.send({ id: row.id, toAddress: row.to_address, subject: row.subject, text: row.text, html: row.html });
      await db.execute(sql`
        update email_outbox set status = 'sent', sent_at = ${at}::timestamptz, provider_message_id = ${messageId}, last_error = null
        where id = ${row.id} and status = 'sending'`);
      sent += 1;
    } catch (error) {
      // Back off exponentially (2, 4, 8 … s); give up after MAX_ATTEMPTS, or at once when the
      // provider refused the message itself, and leave it for the admin Outbox page.
      const attempts = Number(row.attempts);
      const final = error instanceof PermanentEmailError || attempts >= MAX_ATTEMPTS;
      await db.execute(sql`
        update email_outbox set last_error = ${(error as Error).message ?? String(error)},
          status = ${final ? "failed" : "pending"},
          send_after = ${at}::timestamptz + make_interval(secs => ${2 ** attempts})
        where id = ${row.id} and status = 'sending'`);
    }
  }
  return { claimed: claimed.length, sent };
}

export const sendOutboxJob: TJobDefinition = {
  name: "email.send-outbox",
  everyS: 2,
  // On the database's clock (as before): rows are stamped by it when written.
  async run(ctx) {
    const { sent, claimed } = await sendOutboxBatch(ctx.db, ctx.transport, ctx.settings.outboxBatch);
    return claimed ? `sent ${sent} of ${claimed} email(s) via ${ctx.transport.name}` : null;
  },
};
