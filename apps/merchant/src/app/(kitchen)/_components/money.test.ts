import { describe, expect, it } from "vitest";

import { centsToInput, parseMoney } from "./money";

describe("parseMoney", () => {
  it("reads euros the way kitchens type them into whole cents", () => {
    expect(parseMoney("12.50")).toBe(1250);
    expect(parseMoney("12,5")).toBe(1250);
    expect(parseMoney("€ 3")).toBe(300);
    expect(parseMoney("0.1")).toBe(10);
    // 0.29 * 100 is 28.999… in floating point: rounding keeps the cent.
    expect(parseMoney("0.29")).toBe(29);
  });

  it("refuses what is not an amount, and negatives unless asked for", () => {
    expect(parseMoney("")).toBeNull();
    expect(parseMoney("abc")).toBeNull();
    expect(parseMoney("1.234")).toBeNull();
    expect(parseMoney("-1.00")).toBeNull();
    expect(parseMoney("-1.00", { signed: true })).toBe(-100);
  });

  it("round-trips through the input's text", () => {
    expect(centsToInput(1250)).toBe("12.50");
    expect(parseMoney(centsToInput(-50), { signed: true })).toBe(-50);
  });
});
