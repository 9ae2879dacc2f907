import { describe, expect, it } from "vitest";

import { cookieNames, homePortalOf, PORTAL_INFO, PORTALS } from "./portals";

describe("portals", () => {
  it("give each portal its own cookie names, so one host can serve all four", () => {
    for (const secure of [false, true]) {
      const all = PORTALS.flatMap((p) => Object.values(cookieNames(p, secure)));
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it("use __Host- cookies when secure (Secure, Path=/, no Domain)", () => {
    for (const p of PORTALS) {
      for (const name of Object.values(cookieNames(p, true)))
        expect(name.startsWith("__Host-")).toBe(true);
      for (const name of Object.values(cookieNames(p, false)))
        expect(name.startsWith("__")).toBe(false);
    }
  });

  it("split the roles between them without overlap", () => {
    const roles = PORTALS.flatMap((p) => PORTAL_INFO[p].roles);
    expect(new Set(roles).size).toBe(roles.length);
    expect(roles).toHaveLength(8);
  });

  it("time out in a sane order: roll < claims refresh ≤ idle < absolute", () => {
    for (const p of PORTALS) {
      const { rollS, claimsTtlS, idleS, absoluteS } = PORTAL_INFO[p].policy;
      expect(rollS).toBeLessThanOrEqual(claimsTtlS);
      expect(claimsTtlS).toBeLessThan(idleS);
      expect(idleS).toBeLessThan(absoluteS);
    }
    expect(PORTAL_INFO.admin.policy.idleS).toBeLessThanOrEqual(30 * 60);
  });

  it("send people with staff roles to the console first", () => {
    expect(homePortalOf(["customer", "admin"])).toBe("admin");
    expect(homePortalOf(["customer"])).toBe("customer");
    expect(homePortalOf([])).toBeNull();
  });
});

describe("form schemas", () => {
  it("offer exactly the database's vehicles", async () => {
    const { vehicleEnum } = await import("@lastmile/db/schema");
    const { VEHICLES } = await import("./schemas");
    expect([...VEHICLES]).toEqual(vehicleEnum.enumValues);
  });
});
