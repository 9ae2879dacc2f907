import { describe, expect, it } from "vitest";

import { hasPermission } from "./permissions";

describe("permissions", () => {
  it("matches resource, action and scope, with wildcards", () => {
    expect(hasPermission(["menu:*:merchant"], "menu:update:merchant")).toBe(true);
    expect(hasPermission(["menu:read:merchant"], "menu:update:merchant")).toBe(false);
    expect(hasPermission(["order:*"], "order:refund:area")).toBe(true);
    expect(hasPermission(["order:*:area"], "order:refund")).toBe(false);
    expect(hasPermission(["platform:*"], "pricing:update")).toBe(true);
    expect(hasPermission([], "catalog:read")).toBe(false);
  });
});
