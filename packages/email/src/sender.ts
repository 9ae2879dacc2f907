// How an outbox row leaves: through Resend (the official SDK) when RESEND_API_KEY is set, else
// printed to the log. Each send carries the outbox row's id as Resend's idempotency key, so even
// a send repeated after a crash between "sent" and "marked sent" is delivered once.
import { Resend } from "resend";

import { readEmailEnv } from "./env";
import type { TEmailEnv } from "./env";

export type TOutgoingEmail = { id: string; toAddress: string; subject: string; text: string; html?: string };
export type TEmailTransport = {
  name: string;
  send: (email: TOutgoingEmail) => Promise<{ messageId: string }>;
};

/** The provider refused the message for good (bad address, invalid sender…): retrying won't help. */
export class PermanentEmailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentEmailError";
  }
}

export const logTransport: TEmailTransport = {
  name: "log",
  async send(email) {
    console.log(`[email] to=${email.toAddress} subject=${JSON.stringify(email.subject)}\n${email.text}\n`);
    return { messageId: `log-${email.id}` };
  },
};

export function createResendTransport(settings: { apiKey: string; from: string; baseUrl?: string }): TEmailTransport {
  const resend = new Resend(settings.apiKey, settings.baseUrl ? { baseUrl: settings.baseUrl } : undefined);
  return {
    name: "resend",
    async send(email) {
      const { data, error } = await resend.emails.send(
        { from: settings.from, to: [email.toAddress], subject: email.subject, text: email.text, ...(email.html ? { html: email.html } : {}) },
        { idempotencyKey: `outbox-${email.id}` },
      );
      if (data) return { messageId: data.id };
      const status = error?.statusCode ?? null;
      const detail = `Resend ${status ?? "network"} ${error?.name ?? "error"}: ${error?.message ?? "no answer"}`;
      // 4xx other than rate limits and idempotency races mean this message will never go.
      if (status !== null && status >= 400 && status < 500 && status !== 429 && status !== 409) throw new PermanentEmailError(detail);
      throw new Error(detail);
    },
  };
}

export function createEmailTransport(env: TEmailEnv = readEmailEnv()): TEmailTransport {
  return env.RESEND_API_KEY ? createResendTransport({ apiKey: env.RESEND_API_KEY, from: env.EMAIL_FROM, baseUrl: env.RESEND_BASE_URL }) : logTransport;
}
