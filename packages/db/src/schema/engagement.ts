// After the meal: reviews of merchant and courier, and in-app notifications.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

import { createdAt, id, timestamptz } from "./_columns";
import { couriers } from "./couriers";
import { users } from "./identity";
import { merchants } from "./merchants";
import { orders } from "./orders";

export const reviewTargetEnum = pgEnum("review_target", ["merchant", "courier"]);

export const reviews = pgTable(
  "reviews",
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    target: reviewTargetEnum().notNull(),
    merchantId: uuid().references(() => merchants.id),
    courierId: uuid().references(() => couriers.id),
    rating: smallint().notNull(),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("reviews_order_target_key").on(t.orderId, t.target),
    index("reviews_merchant_idx").on(t.merchantId, t.createdAt),
    index("reviews_courier_idx").on(t.courierId, t.createdAt),
    check("reviews_rating_range", sql`${t.rating} between 1 and 5`),
    check(
      "reviews_target_matches",
      sql`(${t.target} = 'merchant' and ${t.merchantId} is not null) or (${t.target} = 'courier' and ${t.courierId} is not null)`,
    ),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
    readAt: timestamptz(),
    createdAt: createdAt(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);
