import { describe, expect, it } from "vitest";

import { bearingDeg, haversineM, pathVia, positionAlong, routeOf, SIM_SPEED_MPS } from "./path";

const rossio = { lng: -9.1394, lat: 38.7139 };
const comercio = { lng: -9.1366, lat: 38.7075 };

describe("simulated movement", () => {
  it("measures Rossio to Praça do Comércio as about 750 m, heading south-south-east", () => {
    expect(haversineM(rossio, comercio)).toBeGreaterThan(700);
    expect(haversineM(rossio, comercio)).toBeLessThan(800);
    const h = bearingDeg(rossio, comercio);
    expect(h).toBeGreaterThan(150);
    expect(h).toBeLessThan(170);
  });

  it("interpolates along the route by distance and stops at the end", () => {
    const route = routeOf([rossio, comercio]);
    const half = positionAlong(route, route.lengthM / 2);
    expect(half.arrived).toBe(false);
    expect(haversineM(rossio, half.at)).toBeCloseTo(route.lengthM / 2, -1);
    expect(positionAlong(route, 0).at).toEqual(rossio);
    const end = positionAlong(route, route.lengthM + 50);
    expect(end).toMatchObject({ at: comercio, arrived: true });
  });

  it("covers speed × time, so a report never claims an implausible speed", () => {
    const route = routeOf(pathVia(rossio, comercio, [[{ lng: -9.1385, lat: 38.7105 }]]));
    expect(route.points).toHaveLength(3);
    const v = SIM_SPEED_MPS.ebike;
    let prev = positionAlong(route, 0).at;
    for (let t = 4; t <= 40; t += 4) {
      const now = positionAlong(route, v * t).at;
      // Straight-line hops are never longer than the distance travelled along the path.
      expect(haversineM(prev, now) / 4).toBeLessThanOrEqual(v + 1e-6);
      prev = now;
    }
  });

  it("takes a street vertex only when it is roughly on the way", () => {
    expect(pathVia(rossio, comercio, [[{ lng: -9.2, lat: 38.75 }]])).toEqual([rossio, comercio]);
  });
});
