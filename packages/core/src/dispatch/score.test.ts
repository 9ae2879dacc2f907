import { describe, expect, it } from "vitest";

import type { TCandidate } from "./score";
import { rankCandidates, scoreCandidate } from "./score";

const base: TCandidate = { id: "a", distanceM: 1000, etaS: 200, ratingSum: 0, ratingCount: 0, offersReceived: 0, offersAccepted: 0, activeOrders: 0 };

describe("dispatch scoring", () => {
  it("prefers the nearer of two otherwise equal couriers, whether the food is ready or not", () => {
    const near = { ...base, id: "near", etaS: 100, distanceM: 500 };
    const far = { ...base, id: "far", etaS: 400, distanceM: 2000 };
    expect(rankCandidates([far, near], 0).map((s) => s.courierId)).toEqual(["near", "far"]);
    expect(rankCandidates([far, near], 900).map((s) => s.courierId)).toEqual(["near", "far"]);
  });

  it("weighs distance less while the kitchen still needs time, so a better courier can win", () => {
    const nearPoor = { ...base, id: "near", etaS: 100, ratingSum: 30, ratingCount: 10, offersReceived: 20, offersAccepted: 8 };
    const farGood = { ...base, id: "far", etaS: 300, ratingSum: 50, ratingCount: 10, offersReceived: 20, offersAccepted: 20 };
    // Food ready now: every second of riding is a second the food waits.
    expect(rankCandidates([nearPoor, farGood], 0)[0]?.courierId).toBe("near");
    // Food ready in 10 minutes: both arrive early, and rating and acceptance decide.
    expect(rankCandidates([nearPoor, farGood], 600)[0]?.courierId).toBe("far");
  });

  it("penalises a courier already carrying an order, and says why in its parts", () => {
    const loaded = scoreCandidate({ ...base, activeOrders: 1 }, 0);
    const free = scoreCandidate(base, 0);
    expect(loaded.total - free.total).toBe(300);
    expect(loaded.parts.load).toBe(300);
    expect(free.parts).toMatchObject({ travel: 100, foodWaits: 200, courierWaits: 0 });
  });

  it("breaks exact ties by id so the same inputs always rank the same way", () => {
    expect(rankCandidates([{ ...base, id: "b" }, { ...base, id: "a" }], 0).map((s) => s.courierId)).toEqual(["a", "b"]);
  });
});
