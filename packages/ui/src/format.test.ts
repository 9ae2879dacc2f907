import { describe, expect, it } from "vitest";

import { dateFormat, formatAgo, formatClock, formatClockSeconds, formatDistance, formatMoney, formatSlot } from "./format";

describe("format", () => {
  it("writes minor units as euros without floating-point noise", () => {
    expect(formatMoney(1250)).toBe("€12.50");
    expect(formatMoney(10)).toBe("€0.10");
    expect(formatMoney(123456789)).toBe("€1,234,567.89");
  });

  it("writes short distances in metres and longer ones in kilometres", () => {
    expect(formatDistance(84)).toBe("80 m");
    expect(formatDistance(999)).toBe("1000 m");
    expect(formatDistance(2345)).toBe("2.3 km");
  });

  it("says how long ago something happened", () => {
    const now = new Date("2026-11-21T12:00:00Z");
    expect(formatAgo(new Date("2026-11-21T11:59:48Z"), now)).toBe("12 s ago");
    expect(formatAgo(new Date("2026-11-21T11:55:00Z"), now)).toBe("5 min ago");
    expect(formatAgo(new Date("2026-11-21T09:00:00Z"), now)).toBe("3 h ago");
  });
});

describe("shared formatters", () => {
  it("builds one formatter per locale and options, and keeps time zones apart", () => {
    const lisbon = { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Lisbon" } as const;
    expect(dateFormat("en-GB", lisbon)).toBe(dateFormat("en-GB", { ...lisbon }));
    expect(dateFormat("en-GB", lisbon)).not.toBe(dateFormat("en-GB", { ...lisbon, timeZone: "Europe/Paris" }));
    const at = new Date("2026-07-01T18:30:00Z");
    expect(formatClock(at, "Europe/Lisbon")).toBe("19:30");
    expect(formatClock(at, "Europe/Paris")).toBe("20:30");
    expect(formatClockSeconds(new Date("2026-07-01T18:30:07Z"), "Europe/Lisbon")).toBe("19:30:07");
    expect(formatMoney(995, "GBP", "en-GB")).toBe("£9.95");
  });
});

describe("formatSlot", () => {
  it("names today's slot by its time, tomorrow's as tomorrow, later ones by their date", () => {
    const now = new Date("2026-12-01T10:00:00Z");
    expect(formatSlot(new Date("2026-12-01T19:30:00Z"), "Europe/Lisbon", now)).toBe("19:30");
    expect(formatSlot(new Date("2026-12-02T19:30:00Z"), "Europe/Lisbon", now)).toBe("tomorrow 19:30");
    expect(formatSlot(new Date("2026-12-03T12:15:00Z"), "Europe/Lisbon", now)).toBe("Thu 3 Dec 12:15");
  });
});
