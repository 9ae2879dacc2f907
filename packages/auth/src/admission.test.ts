import { describe, expect, it } from "vitest";

import type { TRole } from "@lastmile/db/schema";

import type { TAccount } from "./account";
import { admit } from "./admission";
import type { TPortal } from "./portals";
import { PORTALS } from "./portals";

const M = "00000000-0000-4000-8000-000000000001";

function account(roles: TRole[], extra: Partial<TAccount> = {}): TAccount {
  return {
    id: "00000000-0000-4000-8000-0000000000aa",
    email: "x@example.com",
    name: "X",
    passwordHash: null,
    status: "active",
    emailVerified: new Date(),
    roles: roles.map((role) => ({ role, areaId: null })),
    memberships: roles.some((r) => r.startsWith("merchant_"))
      ? [{ merchantId: M, role: "owner", merchantStatus: "verified" }]
      : [],
    courier: roles.includes("courier") ? { id: M, applicationStatus: "approved" } : null,
    ...extra,
  };
}

const outcome = (a: TAccount, p: TPortal) => {
  const r = admit(a, p);
  return r.ok ? "ok" : r.error.message;
};

describe("which portal admits whom", () => {
  const expected: Record<TRole, Record<TPortal, string>> = {
    customer: {
      customer: "ok",
      merchant: "wrong-portal:customer",
      courier: "wrong-portal:customer",
      admin: "wrong-portal:customer",
    },
    merchant_owner: {
      customer: "wrong-portal:merchant",
      merchant: "ok",
      courier: "wrong-portal:merchant",
      admin: "wrong-portal:merchant",
    },
    merchant_staff: {
      customer: "wrong-portal:merchant",
      merchant: "ok",
      courier: "wrong-portal:merchant",
      admin: "wrong-portal:merchant",
    },
    courier: {
      customer: "wrong-portal:courier",
      merchant: "wrong-portal:courier",
      courier: "ok",
      admin: "wrong-portal:courier",
    },
    support: {
      customer: "wrong-portal:admin",
      merchant: "wrong-portal:admin",
      courier: "wrong-portal:admin",
      admin: "ok",
    },
    ops_manager: {
      customer: "wrong-portal:admin",
      merchant: "wrong-portal:admin",
      courier: "wrong-portal:admin",
      admin: "ok",
    },
    admin: {
      customer: "wrong-portal:admin",
      merchant: "wrong-portal:admin",
      courier: "wrong-portal:admin",
      admin: "ok",
    },
    super_admin: {
      customer: "wrong-portal:admin",
      merchant: "wrong-portal:admin",
      courier: "wrong-portal:admin",
      admin: "ok",
    },
  };
  for (const [role, byPortal] of Object.entries(expected)) {
    for (const portal of PORTALS) {
      it(`${role} at ${portal}: ${byPortal[portal]}`, () => {
        expect(outcome(account([role as TRole]), portal)).toBe(byPortal[portal]);
      });
    }
  }

  it("lets someone with two roles into both portals", () => {
    const both = account(["customer", "courier"]);
    expect(outcome(both, "customer")).toBe("ok");
    expect(outcome(both, "courier")).toBe("ok");
    expect(outcome(both, "admin")).toBe("wrong-portal:courier");
  });

  it("says there is no portal for an account without roles", () => {
    expect(outcome(account([]), "customer")).toBe("wrong-portal:none");
  });
});

describe("account and application status", () => {
  it("refuses suspended accounts everywhere", () => {
    for (const p of PORTALS)
      expect(outcome(account(["customer", "admin"], { status: "suspended" }), p)).toBe("suspended");
  });

  it("treats an erased account as no account", () => {
    expect(outcome(account(["customer"], { status: "erased" }), "customer")).toBe(
      "invalid-credentials",
    );
  });

  it("keeps applicants waiting until approved", () => {
    expect(outcome(account(["courier"], { status: "pending" }), "courier")).toBe("pending");
    expect(
      outcome(
        account(["courier"], { courier: { id: M, applicationStatus: "pending" } }),
        "courier",
      ),
    ).toBe("pending");
    expect(
      outcome(
        account(["courier"], { courier: { id: M, applicationStatus: "rejected" } }),
        "courier",
      ),
    ).toBe("rejected");
    expect(
      outcome(
        account(["courier"], { courier: { id: M, applicationStatus: "suspended" } }),
        "courier",
      ),
    ).toBe("suspended");
    expect(outcome(account(["courier"], { courier: null }), "courier")).toBe("wrong-portal:none");
  });

  it("tells a pending applicant they are pending, even at another portal", () => {
    expect(outcome(account(["courier"], { status: "pending" }), "customer")).toBe("pending");
  });

  it("admits restaurant people only through a verified restaurant", () => {
    const m = (merchantStatus: "pending" | "verified" | "suspended") =>
      account(["merchant_owner"], {
        memberships: [{ merchantId: M, role: "owner", merchantStatus }],
      });
    expect(outcome(m("verified"), "merchant")).toBe("ok");
    expect(outcome(m("pending"), "merchant")).toBe("pending");
    expect(outcome(m("suspended"), "merchant")).toBe("suspended");
    expect(outcome(account(["merchant_staff"], { memberships: [] }), "merchant")).toBe(
      "wrong-portal:none",
    );
    const mixed = account(["merchant_owner"], {
      memberships: [
        { merchantId: M, role: "owner", merchantStatus: "suspended" },
        {
          merchantId: "00000000-0000-4000-8000-000000000002",
          role: "owner",
          merchantStatus: "verified",
        },
      ],
    });
    expect(outcome(mixed, "merchant")).toBe("ok");
  });
});
