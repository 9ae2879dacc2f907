import { describe, expect, it } from "vitest";

import { isOpenAt, weeklyHours } from "./hours";
import { localParts, zonedInstant } from "./local-time";
import { createRandom } from "./random";

describe("seeded random", () => {
  it("gives the same stream for the same seed and another for another seed", () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const draw = (r: ReturnType<typeof createRandom>) => [r.next(), r.int(1, 100), r.uuid()];
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
  });

  it("draws version-4-shaped UUIDs", () => {
    const r = createRandom(1);
    for (let i = 0; i < 50; i++)
      expect(r.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
  });
});

describe("local time in Lisbon", () => {
  it("maps wall-clock times to instants across the summer-time change", () => {
    // Winter: Lisbon is on UTC; summer: UTC+1.
    expect(
      zonedInstant(
        { year: 2026, month: 1, day: 15, hour: 20, minute: 0 },
        "Europe/Lisbon",
      ).toISOString(),
    ).toBe("2026-01-15T20:00:00.000Z");
    expect(
      zonedInstant(
        { year: 2026, month: 7, day: 15, hour: 20, minute: 0 },
        "Europe/Lisbon",
      ).toISOString(),
    ).toBe("2026-07-15T19:00:00.000Z");
  });

  it("reads the local weekday and hour of an instant", () => {
    // Saturday 21 November 2026, 23:30 in Lisbon.
    expect(localParts(new Date("2026-11-21T23:30:00Z"), "Europe/Lisbon")).toMatchObject({
      weekday: 6,
      hour: 23,
      minute: 30,
      day: 21,
    });
    // 00:30 on a July Sunday in Lisbon is still Saturday in UTC.
    expect(localParts(new Date("2026-07-18T23:30:00Z"), "Europe/Lisbon")).toMatchObject({
      weekday: 7,
      hour: 0,
      day: 19,
    });
  });

  it("rolls over month ends when days are counted back", () => {
    expect(
      zonedInstant(
        { year: 2026, month: 11, day: -2, hour: 12, minute: 0 },
        "Europe/Lisbon",
      ).toISOString(),
    ).toBe("2026-10-29T12:00:00.000Z");
  });
});

describe("opening hours", () => {
  it("opens and closes lunch-and-dinner places at their slots, closed on Mondays", () => {
    const hours = weeklyHours("lunch-dinner");
    expect(isOpenAt(hours, 2, 12 * 60)).toBe(true);
    expect(isOpenAt(hours, 2, 15 * 60)).toBe(false);
    expect(isOpenAt(hours, 2, 16 * 60)).toBe(false);
    expect(isOpenAt(hours, 2, 22 * 60 + 59)).toBe(true);
    expect(isOpenAt(hours, 1, 13 * 60)).toBe(false);
  });

  it("keeps late-night places open past midnight into the next day", () => {
    const hours = weeklyHours("late-night"); // 18:00–02:00, closed Mondays
    expect(isOpenAt(hours, 3, 23 * 60)).toBe(true);
    expect(isOpenAt(hours, 4, 1 * 60 + 30)).toBe(true); // Thursday 01:30 is Wednesday's night
    expect(isOpenAt(hours, 4, 2 * 60)).toBe(false);
    expect(isOpenAt(hours, 2, 1 * 60)).toBe(false); // Tuesday 01:00 follows a closed Monday
  });
});
