import { describe, expect, it } from "vitest";

import { BRAND, renderEmail } from "./render";
import type { TEmail } from "./render";
import { orderEmails, peopleEmails } from "./templates";

const receipt = {
  number: 100007,
  merchantName: "Tasca <Mini> & Filhos",
  currency: "EUR",
  lines: [
    { name: "Bacalhau à Brás", quantity: 2, lineTotalCents: 2500, modifiers: ["Regular"] },
    { name: "Sumol", quantity: 1, lineTotalCents: 250 },
  ],
  subtotalCents: 2750,
  deliveryFeeCents: 290,
  serviceFeeCents: 140,
  taxCents: 99,
  tipCents: 200,
  discountCents: 100,
  totalCents: 3280,
  dropoffAddress: "Rua Augusta 100",
};
const url = "http://localhost:3000/orders/o-1";

const every: TEmail[] = [
  orderEmails.confirmation(receipt, url),
  orderEmails.accepted({ number: 1, merchantName: "Tasca", prepTimeMin: 20 }, url),
  orderEmails.onTheWay({ number: 1 }, url),
  orderEmails.delivered({ number: 1, currency: "EUR", chargedCents: 2780 }, url),
  orderEmails.cancelled({ number: 1, reason: "the kitchen closed early", charged: false }),
  orderEmails.refunded({ number: 1, currency: "EUR", amountCents: 450, reason: "cold fries", full: false }),
  orderEmails.disputeDeclined({ number: 1, reason: "the photo shows the full bag at the door" }, url),
  orderEmails.merchantNewOrder(receipt, "http://localhost:3001/"),
  peopleEmails.staffInvitation({ merchantName: "Tasca", role: "merchant_staff", invitedBy: "Ana" }, "http://localhost:3001/invite?t=x"),
];

describe("email templates", () => {
  it("each has a template name, a subject, HTML in the platform's colours and a plain-text alternative", () => {
    for (const mail of every) {
      const { html, text } = renderEmail(mail);
      expect(mail.template).toMatch(/^[a-z]+\.[a-z_-]+$/);
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(html).toMatch(/^<!doctype html>/);
      expect(html).toContain(BRAND.colour);
      expect(text).toMatch(/— Lastmile$/);
      expect(text).not.toMatch(/<[a-z]/);
    }
  });

  it("renders the receipt in both forms, with amounts formatted and names escaped", () => {
    const { html, text } = renderEmail(orderEmails.confirmation(receipt, url));
    expect(text).toContain("2 × Bacalhau à Brás (Regular)");
    expect(text).toMatch(/Discount\s+−€1\.00/);
    expect(text).toMatch(/Total\s+€32\.80/);
    expect(text).toContain(`Follow your order: ${url}`);
    expect(html).toContain("Tasca &lt;Mini&gt; &amp; Filhos");
    expect(html).not.toContain("<Mini>");
  });

  it("says what happened in the customer's terms", () => {
    expect(renderEmail(orderEmails.cancelled({ number: 9, reason: "no couriers nearby", charged: false })).text).toMatch(/cancelled: no couriers nearby\.\s+You have not been charged/);
    expect(orderEmails.refunded({ number: 9, currency: "EUR", amountCents: 3280, reason: "r", full: true }).subject).toBe("Order #9: refunded");
    expect(renderEmail(orderEmails.delivered({ number: 9, currency: "EUR", chargedCents: 2780 }, url)).text).toContain("We charged €27.80");
  });
});
