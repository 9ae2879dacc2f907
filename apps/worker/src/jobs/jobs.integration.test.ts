import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertCountry, insertMerchant } from "@lastmile/db/fixtures";
import { auditLog, emailOutbox, merchants } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { resumePausedMerchants } from "./resume-paused-merchants";
import { sendOutboxBatch } from "./send-outbox";
import type { TEmailTransport } from "./send-outbox";

let db: TDb;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
});

const recording = () => {
  const sent: string[] = [];
  const transport: TEmailTransport = {
    name: "test",
    send: async (e) => (sent.push(e.toAddress), { messageId: `m-${e.id}` }),
  };
  return { sent, transport };
};

describe(`worker jobs on ${testBackend()}`, () => {
  it("reopens a merchant whose pause has ended, leaves one still paused, and audits it", async () => {
    const area = await insertCountry(db);
    const now = new Date("2026-11-21T19:30:00Z");
    const ended = await insertMerchant(db, area.id, {
      slug: "ended",
      availability: "paused",
      pausedUntil: new Date("2026-11-21T19:29:00Z"),
    });
    const still = await insertMerchant(db, area.id, {
      slug: "still",
      availability: "paused",
      pausedUntil: new Date("2026-11-21T20:00:00Z"),
    });

    const resumed = await resumePausedMerchants(db, now);

    expect(resumed.map((m) => m.id)).toEqual([ended.id]);
    const [a] = await db.select().from(merchants).where(eq(merchants.id, ended.id));
    const [b] = await db.select().from(merchants).where(eq(merchants.id, still.id));
    expect(a?.availability).toBe("open");
    expect(a?.pausedUntil).toBeNull();
    expect(b?.availability).toBe("paused");
    const audit = await db.select().from(auditLog);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "merchant.auto_resume",
      entityId: ended.id,
      actorRole: "system",
    });
  });

  it("sends each pending email once and marks it sent", async () => {
    await db.insert(emailOutbox).values(
      ["a@example.com", "b@example.com"].map((to) => ({
        toAddress: to,
        template: "welcome",
        subject: "Welcome",
        html: "<p>Hi</p>",
        text: "Hi",
      })),
    );
    const { sent, transport } = recording();

    expect(await sendOutboxBatch(db, transport, 10)).toEqual({ claimed: 2, sent: 2 });
    expect(await sendOutboxBatch(db, transport, 10)).toEqual({ claimed: 0, sent: 0 });

    expect(sent.sort()).toEqual(["a@example.com", "b@example.com"]);
    const rows = await db.select().from(emailOutbox);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.sentAt !== null)).toBe(
      true,
    );
  });

  it("backs off after a failed send and records the error", async () => {
    await db.insert(emailOutbox).values({
      toAddress: "c@example.com",
      template: "welcome",
      subject: "Welcome",
      html: "<p>Hi</p>",
      text: "Hi",
    });
    const failing: TEmailTransport = {
      name: "down",
      send: () => Promise.reject(new Error("provider unavailable")),
    };

    expect(await sendOutboxBatch(db, failing, 10)).toEqual({ claimed: 1, sent: 0 });

    const [row] = await db.select().from(emailOutbox);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row?.lastError).toMatch(/provider unavailable/);
    expect(row?.sendAfter.getTime()).toBeGreaterThan(Date.now());
    // Not due yet, so the next batch leaves it alone.
    expect(await sendOutboxBatch(db, failing, 10)).toEqual({ claimed: 0, sent: 0 });
  });
});
