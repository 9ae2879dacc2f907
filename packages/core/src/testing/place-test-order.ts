// One order placed in the mini city the way a customer places it — a dish in the cart, a quote to
// the home address, a card that pays — for tests whose subject begins once an order exists.
import type { TDb } from "@lastmile/db/client";
import type { TMiniCity } from "@lastmile/db/fixtures";
import type { TPaymentMethod } from "@lastmile/payments";

import { addToCart } from "../cart";
import { placeOrder, quoteCart } from "../checkout";
import type { TOrderDeps } from "../orders";
import { goodCard } from "./deps";

export type TTestOrderOptions = {
  idempotencyKey: string;
  /** How many of the dish (Regular size); 1 unless said. */
  quantity?: number;
  tipCents?: number;
  /** The card that pays; `goodCard` unless said. */
  payment?: TPaymentMethod;
  /** A delivery slot for later, quoted and placed at `now`. */
  scheduledFor?: Date;
  now?: Date;
};

export async function placeTestOrder(
  db: TDb,
  deps: TOrderDeps,
  city: TMiniCity,
  options: TTestOrderOptions,
) {
  const customerId = city.users.customer.id;
  const {
    idempotencyKey,
    quantity = 1,
    tipCents = 0,
    payment = goodCard,
    scheduledFor,
    now,
  } = options;
  await addToCart(db, customerId, {
    itemId: city.items.dish.id,
    modifierIds: [city.modifiers.regular.id],
    quantity,
  });
  const { quote } = await quoteCart(db, customerId, {
    dropoff: { addressId: city.addresses.home.id },
    tipCents,
    scheduledFor,
    now,
  });
  const { order } = await placeOrder(db, deps, customerId, {
    quoteId: quote.id,
    idempotencyKey,
    payment,
    scheduledFor,
    now,
  });
  return { order, quote };
}
