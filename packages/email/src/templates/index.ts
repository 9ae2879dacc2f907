export { orderEmails, receiptLines } from "./orders";
export type { TReceipt } from "./orders";
export { peopleEmails } from "./people";
