// The restaurant's "new order" email, for restaurants that keep it on (a store setting, on by
// default): to each owner, written to the outbox in the transaction that places (or releases) the
// order, so it goes out only if the order exists. Restaurants have owners and kitchen staff; staff
// watch the live board, so the mail is for the owners.
import { and, eq } from "drizzle-orm";

import type { TDbOrTx } from "@lastmile/db/client";
import { merchantMembers, merchants, users } from "@lastmile/db/schema";
import { enqueueEmail, orderEmails } from "@lastmile/email";
import type { TReceipt } from "@lastmile/email";
import { merchantLink } from "@lastmile/email/env";

export async function enqueueMerchantNewOrderEmails(tx: TDbOrTx, merchantId: string, receipt: TReceipt, now: Date) {
  const owners = await tx
    .select({ email: users.email })
    .from(merchantMembers)
    .innerJoin(merchants, eq(merchants.id, merchantMembers.merchantId))
    .innerJoin(users, eq(users.id, merchantMembers.userId))
    .where(and(eq(merchantMembers.merchantId, merchantId), eq(merchantMembers.role, "owner"), eq(merchants.newOrderEmails, true), eq(users.status, "active")));
  for (const o of owners) if (o.email) await enqueueEmail(tx, o.email, orderEmails.merchantNewOrder(receipt, merchantLink("/")), now);
  return owners.length;
}
