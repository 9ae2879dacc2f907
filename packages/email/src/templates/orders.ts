// What customers and restaurants hear about orders: the confirmation with its receipt, the status
// changes a customer cares about, a refund, and a new order for a restaurant that asked for mail.
import { formatMoney } from "../render";
import type { TEmail, TReceiptLine } from "../render";

export type TReceipt = {
  number: number;
  merchantName: string;
  currency: string;
  lines: { name: string; quantity: number; lineTotalCents: number; modifiers?: string[] }[];
  subtotalCents: number;
  deliveryFeeCents: number;
  serviceFeeCents: number;
  smallOrderFeeCents?: number;
  taxCents: number;
  tipCents: number;
  discountCents: number;
  totalCents: number;
  dropoffAddress: string;
};

export function receiptLines(r: TReceipt): TReceiptLine[] {
  const m = (c: number) => formatMoney(c, r.currency);
  const lines: TReceiptLine[] = r.lines.map((l) => ({ label: `${l.quantity} × ${l.name}${l.modifiers?.length ? ` (${l.modifiers.join(", ")})` : ""}`, amount: m(l.lineTotalCents) }));
  lines.push({ label: "Subtotal", amount: m(r.subtotalCents) }, { label: "Delivery", amount: m(r.deliveryFeeCents) }, { label: "Service fee", amount: m(r.serviceFeeCents) });
  if (r.smallOrderFeeCents) lines.push({ label: "Small order fee", amount: m(r.smallOrderFeeCents) });
  if (r.tipCents) lines.push({ label: "Tip (all of it goes to your courier)", amount: m(r.tipCents) });
  if (r.discountCents) lines.push({ label: "Discount", amount: `−${m(r.discountCents)}` });
  lines.push({ label: "Total", amount: m(r.totalCents), strong: true }, { label: "of which VAT", amount: m(r.taxCents) });
  return lines;
}

export const orderEmails = {
  confirmation: (r: TReceipt, trackUrl: string): TEmail => ({
    template: "order.confirmation",
    subject: `Order #${r.number} from ${r.merchantName}: confirmed`,
    paragraphs: [
      `Thanks for your order. ${r.merchantName} has it now; we'll tell you when they accept it. Your card is only charged when the food arrives.`,
      { heading: "Receipt" },
      { receipt: receiptLines(r) },
      `Delivering to: ${r.dropoffAddress}`,
      { action: "Follow your order", href: trackUrl },
    ],
    payload: { orderNumber: r.number },
  }),
  accepted: (o: { number: number; merchantName: string; prepTimeMin: number }, trackUrl: string): TEmail => ({
    template: "order.accepted",
    subject: `Order #${o.number}: accepted by ${o.merchantName}`,
    paragraphs: [`${o.merchantName} accepted your order #${o.number} and expects it ready in about ${o.prepTimeMin} minutes.`, { action: "Follow your order", href: trackUrl }],
  }),
  onTheWay: (o: { number: number; courierName?: string | null }, trackUrl: string): TEmail => ({
    template: "order.picked_up",
    subject: `Order #${o.number} is on its way`,
    paragraphs: [`${o.courierName ? `${o.courierName} has` : "Your courier has"} picked up your order #${o.number} and is on the way. Have your 4-digit PIN ready: the courier needs it to hand the order over.`, { action: "See where it is", href: trackUrl }],
  }),
  delivered: (o: { number: number; currency: string; chargedCents: number }, rateUrl: string): TEmail => ({
    template: "order.delivered",
    subject: `Order #${o.number}: delivered`,
    paragraphs: [`Your order #${o.number} was delivered. Enjoy!`, `We charged ${formatMoney(o.chargedCents, o.currency)} to your card.`, { action: "Rate your order", href: rateUrl }],
  }),
  cancelled: (o: { number: number; reason: string; charged: boolean }): TEmail => ({
    template: "order.cancelled",
    subject: `Order #${o.number}: cancelled`,
    paragraphs: [`Your order #${o.number} was cancelled: ${o.reason}.`, o.charged ? "Any amount already taken is refunded to your card." : "You have not been charged: the hold on your card is released (your bank may take a few days to show it)."],
  }),
  refunded: (o: { number: number; currency: string; amountCents: number; reason: string; full: boolean }): TEmail => ({
    template: "order.refunded",
    subject: `Order #${o.number}: ${o.full ? "refunded" : "partly refunded"}`,
    paragraphs: [`We refunded ${formatMoney(o.amountCents, o.currency)} of your order #${o.number}: ${o.reason}.`, "Refunds reach your card in 5–10 working days, depending on your bank."],
  }),
  disputeDeclined: (o: { number: number; reason: string }, orderUrl: string): TEmail => ({
    template: "order.dispute-declined",
    subject: `Order #${o.number}: your report was reviewed`,
    paragraphs: [`We looked into the problem you reported with order #${o.number} and cannot refund it: ${o.reason}.`, "If something is still wrong, reply to this email and a person in support will read it.", { action: "See the order", href: orderUrl }],
  }),
  merchantNewOrder: (r: TReceipt, boardUrl: string): TEmail => ({
    template: "merchant.new-order",
    subject: `New order #${r.number}: ${formatMoney(r.totalCents, r.currency)}`,
    paragraphs: [`A new order is waiting for ${r.merchantName} to accept it.`, { receipt: r.lines.map((l) => ({ label: `${l.quantity} × ${l.name}${l.modifiers?.length ? ` (${l.modifiers.join(", ")})` : ""}`, amount: "" })) }, { action: "Open the kitchen board", href: boardUrl }],
  }),
};
