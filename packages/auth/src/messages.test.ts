import { describe, expect, it } from "vitest";

import { AuthError, parseAuthError } from "./errors";
import { describeAuthError, homePortalFrom } from "./messages";
import { PORTALS } from "./portals";

describe("refusal messages", () => {
  it("round-trips codes through next-auth's error parameter", () => {
    expect(parseAuthError(new AuthError("throttled", "8").message)).toEqual({
      code: "throttled",
      detail: "8",
    });
    expect(parseAuthError("wrong-portal:courier")).toEqual({
      code: "wrong-portal",
      detail: "courier",
    });
    expect(parseAuthError("CredentialsSignin")).toEqual({ code: "invalid-credentials" });
    expect(parseAuthError("connect ECONNREFUSED 127.0.0.1")).toEqual({ code: "unknown" });
  });

  it("says the same about a wrong password and an unknown account, and names neither", () => {
    const m = describeAuthError("invalid-credentials", "customer");
    expect(m).not.toMatch(
      /no account|not found|unknown|doesn't exist|does not exist|wrong password/i,
    );
    expect(describeAuthError("CredentialsSignin", "customer")).toBe(m);
  });

  it("tells people at the wrong portal what the portal is for and where to go", () => {
    const m = describeAuthError("wrong-portal:courier", "admin");
    expect(m).toContain("Lastmile Operations is for");
    expect(m).toContain("Lastmile Courier");
    expect(homePortalFrom("wrong-portal:courier")).toBe("courier");
    expect(homePortalFrom("wrong-portal:none")).toBeNull();
    expect(describeAuthError("wrong-portal:none", "merchant")).toContain("can't sign in here");
  });

  it("gives waits in words", () => {
    expect(describeAuthError("throttled:1", "customer")).toContain("1 second ");
    expect(describeAuthError("rate-limited:45", "customer")).toContain("45 seconds");
    expect(describeAuthError("throttled:900", "customer")).toContain("15 minutes");
  });

  it("has a message for every code at every portal", () => {
    const codes = [
      "invalid-credentials",
      "throttled:2",
      "rate-limited:9",
      "suspended",
      "pending",
      "rejected",
      "wrong-portal:customer",
      "link-invalid",
      "weird",
    ];
    for (const p of PORTALS)
      for (const c of codes) expect(describeAuthError(c, p).length).toBeGreaterThan(20);
  });
});
