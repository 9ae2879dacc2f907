// Which role holds which permission (`resource:action[:scope]`). The API's procedure builders
// read this table; it is seeded with every fresh database.
import type { TRole } from "../schema";

export const ROLE_PERMISSIONS: Record<TRole, string[]> = {
  customer: [
    "catalog:read",
    "cart:*:own",
    "order:create",
    "order:read:own",
    "order:cancel:own",
    "review:create:own",
    "profile:*:own",
  ],
  merchant_staff: [
    "order:read:merchant",
    "order:update:merchant",
    "menu:read:merchant",
    "menu:update:merchant",
  ],
  merchant_owner: [
    "order:read:merchant",
    "order:update:merchant",
    "menu:*:merchant",
    "store:*:merchant",
    "team:*:merchant",
    "payout:read:merchant",
  ],
  courier: [
    "offer:*:own",
    "order:read:assigned",
    "order:update:assigned",
    "location:write:own",
    "earning:read:own",
  ],
  support: ["order:read", "order:cancel", "order:refund", "user:read", "problem:*"],
  ops_manager: [
    "order:*:area",
    "dispatch:*:area",
    "courier:read:area",
    "zone:read:area",
    "merchant:read:area",
  ],
  admin: [
    "order:*",
    "dispatch:*",
    "user:*",
    "merchant:*",
    "courier:*",
    "zone:*",
    "pricing:*",
    "audit:read",
    "outbox:read",
  ],
  super_admin: ["platform:*"],
};
