// The restaurant's new-order email: to its owners, in the transaction that places the order (so a
// declined card sends nothing), and not at all when the restaurant switched it off.
import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { emailOutbox } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import type { TPaymentMethod } from "@lastmile/payments";

import { updateStoreSettings } from "../menu";
import { declinedCard, testDeps } from "../testing/deps";
import { placeTestOrder } from "../testing/place-test-order";

let db: TDb;
let city: TMiniCity;
beforeAll(async () => {
  ({ db } = await getTestDb());
});
beforeEach(async () => {
  await resetTestDb(db);
  city = await insertMiniCity(db);
});

const order = (key: string, payment?: TPaymentMethod) =>
  placeTestOrder(db, testDeps(), city, { idempotencyKey: key, quantity: 2, payment });
const newOrderMail = () => db.select().from(emailOutbox).where(eq(emailOutbox.template, "merchant.new-order"));

describe(`the restaurant's new-order email on ${testBackend()}`, () => {
  it("goes to the owners (not the kitchen staff) with the order and a link to the board", async () => {
    const { order: placed } = await order("new-order-mail-1");
    const mails = await newOrderMail();
    expect(mails.map((m) => m.toAddress)).toEqual([city.users.owner.email]);
    expect(mails[0]).toMatchObject({ subject: expect.stringContaining(`New order #${placed.number}`), status: "pending" });
    expect(mails[0]?.text).toContain("A new order is waiting for Tasca Mini to accept it.");
    expect(mails[0]?.text).toMatch(/2 × Bacalhau à Brás/);
    expect(mails[0]?.html).toContain("http://localhost:3001/");
  });

  it("is not sent when the card is declined, nor when the restaurant switched it off", async () => {
    await expect(order("new-order-mail-declined", declinedCard)).rejects.toMatchObject({ kind: "PaymentFailed" });
    expect(await newOrderMail()).toEqual([]);
    expect(await updateStoreSettings(db, city.merchant.id, { newOrderEmails: false })).toMatchObject({ newOrderEmails: false });
    await order("new-order-mail-off");
    expect(await newOrderMail()).toEqual([]);
    // The customer's confirmation goes either way.
    expect(await db.select().from(emailOutbox).where(eq(emailOutbox.template, "order.confirmation"))).toHaveLength(1);
  });
});
