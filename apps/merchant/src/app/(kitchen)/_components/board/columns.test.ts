import { describe, expect, it } from "vitest";

import { columnOf, formatCountdown, formatMinutes } from "./columns";

describe("the kitchen board's columns", () => {
  it("puts each state where the kitchen works on it", () => {
    expect(columnOf("PENDING")).toBe("new");
    expect(columnOf("PENDING", true)).toBe("scheduled");
    expect(columnOf("ACCEPTED", false)).toBe("preparing");
    expect(columnOf("ACCEPTED")).toBe("preparing");
    expect(columnOf("PREPARING")).toBe("preparing");
    expect(columnOf("READY_FOR_PICKUP")).toBe("ready");
    expect(columnOf("PICKED_UP")).toBe("with-courier");
    for (const s of ["DELIVERED", "CANCELLED", "REFUNDED", "DISPUTED"] as const)
      expect(columnOf(s)).toBe("done");
  });

  it("counts down in minutes and seconds, never below zero", () => {
    expect(formatCountdown(247.9)).toBe("4:07");
    expect(formatCountdown(5)).toBe("0:05");
    expect(formatCountdown(-3)).toBe("0:00");
    expect(formatMinutes(20)).toBe("1 min");
    expect(formatMinutes(600)).toBe("10 min");
  });
});
