// Delivers the transactional email outbox. Rows are claimed with FOR UPDATE SKIP LOCKED so any
// number of workers can run side by side without sending an email twice. Without an email
// provider configured, the embedded transport prints each message to the log.
import { sql } from "drizzle-orm";

import type { TDb } from "@lastmile/db/client";
import { rowsOf } from "@lastmile/db/client";

import type { TJobDefinition } from "../runner";

export type TOutgoingEmail = { id: string; toAddress: string; subject: string; text: string };
export type TEmailTransport = {
  name: string;
  send: (email: TOutgoingEmail) => Promise<{ messageId: string }>;
};

export const logTransport: TEmailTransport = {
  name: "log",
  async send(email) {
    console.log(
      `[email] to=${email.toAddress} subject=${JSON.stringify(email.subject)}\n${email.text}\n`,
    );
    return { messageId: `log-${email.id}` };
  },
};

const MAX_ATTEMPTS = 8;

export async function sendOutboxBatch(db: TDb, transport: TEmailTransport, batch: number) {
  return db.transaction(async (tx) => {
    const claimed = rowsOf<{
      id: string;
      to_address: string;
      subject: string;
      text: string;
      attempts: number;
    }>(
      await tx.execute(sql`
        select id, to_address, subject, text, attempts from email_outbox
        where status = 'pending' and send_after <= now()
        order by send_after
        limit ${batch}
        for update skip locked`),
    );
    let sent = 0;
    for (const row of claimed) {
      try {
        const { messageId } = await transport.send({
          id: row.id,
          toAddress: row.to_address,
          subject: row.subject,
          text: row.text,
        });
        await tx.execute(sql`
          update email_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1, provider_message_id = ${messageId}
          where id = ${row.id}`);
        sent += 1;
      } catch (error) {
        // Back off exponentially; give up after MAX_ATTEMPTS and leave it for the admin Outbox page.
        const attempts = row.attempts + 1;
        await tx.execute(sql`
          update email_outbox set attempts = ${attempts}, last_error = ${String(error)},
            status = ${attempts >= MAX_ATTEMPTS ? "failed" : "pending"},
            send_after = now() + make_interval(secs => ${2 ** attempts})
          where id = ${row.id}`);
      }
    }
    return { claimed: claimed.length, sent };
  });
}

export const sendOutboxJob: TJobDefinition = {
  name: "email.send-outbox",
  everyS: 2,
  async run(ctx) {
    const { sent, claimed } = await sendOutboxBatch(ctx.db, ctx.transport, ctx.settings.outboxBatch);
    return claimed ? `sent ${sent} of ${claimed} email(s) via ${ctx.transport.name}` : null;
  },
};
