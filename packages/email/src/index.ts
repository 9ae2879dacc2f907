// @lastmile/email: transactional email templates, the outbox writer, and the Resend sender.
export { BRAND, escapeHtml, formatMoney, renderEmail } from "./render";
export type { TBlock, TEmail, TReceiptLine } from "./render";
export { enqueueEmail } from "./outbox";
export { orderEmails, peopleEmails, receiptLines } from "./templates";
export type { TReceipt } from "./templates";
