// The route line: Mapbox's answer read as it documents it, and the straight line (labelled as
// such) whenever there is no token, no connection or no route. Mapbox's server is the boundary:
// its answers are stubbed here, nothing of ours is.
import { afterEach, describe, expect, it, vi } from "vitest";

import { directionsRequestUrl, fetchRoute, routeFromDirections, straightRoute } from "./route";

const shop = { lng: -9.1393, lat: 38.7139 };
const door = { lng: -9.1365, lat: 38.7095 };

afterEach(() => vi.unstubAllGlobals());

describe("the courier's route line", () => {
  it("asks Directions for the vehicle's profile with GeoJSON geometry", () => {
    const url = new URL(directionsRequestUrl(shop, door, "bicycling", "pk.test-token"));
    expect(url.origin + url.pathname).toBe(
      "https://api.mapbox.com/directions/v5/mapbox/cycling/-9.139300,38.713900;-9.136500,38.709500",
    );
    expect(url.searchParams.get("geometries")).toBe("geojson");
    expect(url.searchParams.get("access_token")).toBe("pk.test-token");
  });

  it("reads the first route, and nothing when Mapbox found none", () => {
    const path: [number, number][] = [
      [-9.1393, 38.7139],
      [-9.138, 38.712],
      [-9.1365, 38.7095],
    ];
    expect(
      routeFromDirections({
        code: "Ok",
        routes: [{ distance: 712.4, duration: 151.6, geometry: { coordinates: path } }],
      }),
    ).toEqual({ path, distanceM: 712, durationS: 152, kind: "streets" });
    expect(routeFromDirections({ code: "NoRoute", message: "No route found" })).toBeNull();
  });

  it("draws the straight line without a token, and when Mapbox cannot be reached", async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new TypeError("Failed to fetch")));
    vi.stubGlobal("fetch", fetchSpy);
    const straight = straightRoute(shop, door);
    expect(straight.kind).toBe("straight");
    expect(straight.distanceM).toBeGreaterThan(500);
    expect(straight.distanceM).toBeLessThan(600);
    expect(await fetchRoute(shop, door, "driving", undefined)).toEqual(straight);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(await fetchRoute(shop, door, "driving", "pk.test-token")).toEqual(straight);
    expect(fetchSpy).toHaveBeenCalledOnce();
  });
});
