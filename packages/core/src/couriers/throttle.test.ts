import { describe, expect, it } from "vitest";

import { createThrottle } from "./throttle";

describe("throttle", () => {
  it("lets one message per second through per key", () => {
    const t = createThrottle(1000);
    expect(t.allow("a", 0)).toBe(true);
    expect(t.allow("a", 999)).toBe(false);
    expect(t.allow("b", 999)).toBe(true);
    expect(t.allow("a", 1000)).toBe(true);
    expect(t.allow("a", 1500)).toBe(false);
  });

  it("answers whether a key is due without using its window", () => {
    const t = createThrottle(1000);
    expect(t.due("a", 0)).toBe(true);
    expect(t.due("a", 0)).toBe(true);
    t.allow("a", 0);
    expect(t.due("a", 500)).toBe(false);
    expect(t.due("a", 1000)).toBe(true);
  });

  it("does not stay silent when the clock goes backwards", () => {
    const t = createThrottle(1000);
    expect(t.allow("a", 10_000)).toBe(true);
    expect(t.allow("a", 5_000)).toBe(true);
  });

  it("forgets keys whose window has passed once it holds too many", () => {
    const t = createThrottle(1000, 3);
    for (const k of ["a", "b", "c"]) t.allow(k, 0);
    t.allow("d", 5_000);
    expect(t.size).toBe(1);
  });
});
