import { describe, expect, it } from "vitest";

import { delayAfterFailures, FREE_FAILURES, MAX_DELAY_S } from "./account-delay";

describe("growing delay per account", () => {
  it("lets a couple of typos pass, then doubles the wait with every failure", () => {
    expect(FREE_FAILURES).toBe(2);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map(delayAfterFailures)).toEqual([0, 0, 0, 2, 4, 8, 16, 32]);
  });

  it("never grows past fifteen minutes", () => {
    expect(delayAfterFailures(12)).toBe(MAX_DELAY_S);
    expect(delayAfterFailures(1000)).toBe(MAX_DELAY_S);
    expect(MAX_DELAY_S).toBe(900);
  });

  it("is monotonic", () => {
    for (let n = 0; n < 40; n++)
      expect(delayAfterFailures(n + 1)).toBeGreaterThanOrEqual(delayAfterFailures(n));
  });
});
