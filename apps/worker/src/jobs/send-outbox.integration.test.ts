// The outbox sent through the real `resend` SDK to a local catcher standing in for Resend's API:
// content and recipients as written, a 500 retried with backoff, a 4xx marked failed at once,
// nothing sent twice — not even when a worker dies after sending, before marking.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { emailOutbox } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import { enqueueEmail, orderEmails } from "@lastmile/email";
import { readEmailEnv } from "@lastmile/email/env";
import { createEmailTransport } from "@lastmile/email/sender";
import type { TEmailTransport } from "@lastmile/email/sender";
import { startResendCatcher } from "@lastmile/email/testing/resend-catcher";

import { MAX_ATTEMPTS, sendOutboxBatch } from "./send-outbox";

let db: TDb;
let catcher: Awaited<ReturnType<typeof startResendCatcher>>;
let transport: TEmailTransport;

beforeAll(async () => {
  ({ db } = await getTestDb());
  catcher = await startResendCatcher();
  // Chosen exactly as the worker chooses it, from env.
  transport = createEmailTransport(readEmailEnv({ RESEND_API_KEY: "re_test_key", RESEND_BASE_URL: catcher.baseUrl, EMAIL_FROM: "Lastmile <orders@lastmile.dev>" }));
});
afterAll(() => catcher.close());
beforeEach(async () => {
  await resetTestDb(db);
  catcher.received.length = 0;
});

const receipt = {
  number: 100042,
  merchantName: "Tasca Mini",
  currency: "EUR",
  lines: [{ name: "Bacalhau à Brás", quantity: 2, lineTotalCents: 2500, modifiers: ["Regular"] }],
  subtotalCents: 2500,
  deliveryFeeCents: 290,
  serviceFeeCents: 125,
  taxCents: 95,
  tipCents: 200,
  discountCents: 0,
  totalCents: 3115,
  dropoffAddress: "Rua Augusta 100, Lisboa",
};
const later = (s: number) => new Date(Date.now() + s * 1000);

describe(`outbox through Resend on ${testBackend()}`, () => {
  it("sends the rendered message to the right person, from the configured sender, once", async () => {
    await enqueueEmail(db, "cliente@example.com", orderEmails.confirmation(receipt, "http://localhost:3000/orders/x"));
    expect(transport.name).toBe("resend");
    expect(await sendOutboxBatch(db, transport, 10)).toEqual({ claimed: 1, sent: 1 });
    expect(await sendOutboxBatch(db, transport, 10, later(3600))).toEqual({ claimed: 0, sent: 0 });

    expect(catcher.received).toHaveLength(1);
    const [mail] = catcher.received;
    expect(mail).toMatchObject({ from: "Lastmile <orders@lastmile.dev>", to: ["cliente@example.com"], subject: "Order #100042 from Tasca Mini: confirmed", authorization: "Bearer re_test_key" });
    expect(mail?.text).toContain("2 × Bacalhau à Brás (Regular)");
    expect(mail?.text).toMatch(/Total\s+€31\.15/);
    expect(mail?.html).toContain("Tip (all of it goes to your courier)");
    expect(mail?.html).toContain("#047857");
    const [row] = await db.select().from(emailOutbox);
    expect(row).toMatchObject({ status: "sent", attempts: 1, providerMessageId: mail?.id });
    expect(mail?.idempotencyKey).toBe(`outbox-${row?.id}`);
  });

  it("retries a 500 with exponential backoff, then delivers", async () => {
    await enqueueEmail(db, "a@example.com", orderEmails.cancelled({ number: 7, reason: "the kitchen closed early", charged: false }));
    catcher.failNext(500);
    expect(await sendOutboxBatch(db, transport, 10)).toEqual({ claimed: 1, sent: 0 });
    const [waiting] = await db.select().from(emailOutbox);
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/Resend 500/) });
    // Not due until its backoff has passed (2 s after the first attempt).
    expect(await sendOutboxBatch(db, transport, 10, later(1))).toEqual({ claimed: 0, sent: 0 });
    catcher.failNext(503);
    expect(await sendOutboxBatch(db, transport, 10, later(3))).toEqual({ claimed: 1, sent: 0 });
    expect((await db.select().from(emailOutbox))[0]?.sendAfter.getTime()).toBeGreaterThan(later(3).getTime() + 3000); // 4 s
    expect(await sendOutboxBatch(db, transport, 10, later(10))).toEqual({ claimed: 1, sent: 1 });
    expect(catcher.received.map((m) => m.to[0])).toEqual(["a@example.com"]);
    expect((await db.select().from(emailOutbox))[0]).toMatchObject({ status: "sent", attempts: 3 });
  });

  it("marks a message Resend refuses (4xx) failed at once, and gives up on 5xx after MAX_ATTEMPTS", async () => {
    await enqueueEmail(db, "not-an-address", orderEmails.cancelled({ number: 8, reason: "x", charged: false }));
    catcher.failNext(422, "validation_error", "Invalid `to` field.");
    await sendOutboxBatch(db, transport, 10);
    expect((await db.select().from(emailOutbox))[0]).toMatchObject({ status: "failed", attempts: 1, lastError: expect.stringMatching(/422 validation_error: Invalid `to` field/) });
    expect(await sendOutboxBatch(db, transport, 10, later(86_400))).toEqual({ claimed: 0, sent: 0 });

    await db.delete(emailOutbox);
    await enqueueEmail(db, "b@example.com", orderEmails.cancelled({ number: 9, reason: "x", charged: false }));
    let at = 0;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      catcher.failNext(500);
      at += 2 ** (i + 1) + 1;
      await sendOutboxBatch(db, transport, 10, later(at));
    }
    expect((await db.select().from(emailOutbox))[0]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(catcher.received).toEqual([]);
  });

  it("never sends twice: concurrent workers split the rows, and a send repeated after a crash is deduplicated by Resend", async () => {
    for (let i = 0; i < 6; i++) await enqueueEmail(db, `p${i}@example.com`, orderEmails.cancelled({ number: i, reason: "x", charged: false }));
    const results = await Promise.all([sendOutboxBatch(db, transport, 10), sendOutboxBatch(db, transport, 10), sendOutboxBatch(db, transport, 10)]);
    expect(results.reduce((s, r) => s + r.sent, 0)).toBe(6);
    expect(catcher.received.map((m) => m.to[0]).sort()).toEqual(["p0@example.com", "p1@example.com", "p2@example.com", "p3@example.com", "p4@example.com", "p5@example.com"]);

    // A worker sent a message and died before marking it: the row stays `sending` until its lease ends.
    await db.update(emailOutbox).set({ status: "sending", sendAfter: sql`now() + interval '10 minutes'` }).where(eq(emailOutbox.toAddress, "p0@example.com"));
    expect(await sendOutboxBatch(db, transport, 10)).toEqual({ claimed: 0, sent: 0 });
    expect(await sendOutboxBatch(db, transport, 10, later(601))).toEqual({ claimed: 1, sent: 1 });
    // Resend saw the same idempotency key and answered with the first message: still one email.
    expect(catcher.received.filter((m) => m.to[0] === "p0@example.com")).toHaveLength(1);
  });
});
