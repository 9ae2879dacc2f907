// People, roles and what each role may do. A user holds one or more roles; an ops manager's
// role is scoped to an area. Permissions are `resource:action[:scope]` strings.
import { sql } from "drizzle-orm";
import {
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { createdAt, id, updatedAt } from "./_columns";
import { areas } from "./areas";

export const roleEnum = pgEnum("role", [
  "customer",
  "merchant_owner",
  "merchant_staff",
  "courier",
  "support",
  "ops_manager",
  "admin",
  "super_admin",
]);
export type TRole = (typeof roleEnum.enumValues)[number];

export const userStatusEnum = pgEnum("user_status", ["active", "pending", "suspended", "erased"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    phone: text(),
    passwordHash: text(),
    emailVerified: timestamp({ withTimezone: true }),
    image: text(),
    status: userStatusEnum().notNull().default("active"),
    /** Notification kinds (`order.accepted`, …) this person does not want by email; in-app stays. */
    emailMutedKinds: text().array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    check("users_email_format", sql`${t.email} ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'`),
    check("users_name_not_blank", sql`length(trim(${t.name})) > 0`),
  ],
);

export const userRoles = pgTable(
  "user_roles",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull(),
    /** Scope of the role: an ops manager runs one area and everything under it. */
    areaId: uuid().references(() => areas.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique("user_roles_user_role_area_key").on(t.userId, t.role, t.areaId).nullsNotDistinct(),
    index("user_roles_user_idx").on(t.userId),
  ],
);

export const rolePermissions = pgTable(
  "role_permissions",
  {
    role: roleEnum().notNull(),
    permission: text().notNull(),
  },
  (t) => [
    unique("role_permissions_role_permission_key").on(t.role, t.permission),
    check("role_permissions_format", sql`${t.permission} ~ '^[a-z_]+:([a-z_]+|\\*)(:[a-z_]+)?$'`),
  ],
);
