// Column helpers every table shares: UUID keys, timestamptz stamps, money in minor units.
import { char, integer, timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid().primaryKey().defaultRandom();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
export const timestamptz = () => timestamp({ withTimezone: true });
/** Money is always an integer count of the currency's minor unit (cents). */
export const money = () => integer();
export const currency = () => char({ length: 3 }).notNull();
