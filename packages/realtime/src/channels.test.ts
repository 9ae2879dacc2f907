import { describe, expect, it } from "vitest";

import {
  courierChannel,
  merchantChannel,
  opsChannel,
  orderChannel,
  parseChannel,
  userChannel,
} from "./channels";
import { EVENT_SCHEMAS, MAX_EVENT_BYTES, parseEvent } from "./events";

const ID = "3b241101-e2bb-4255-8caf-4136c566a962";

describe("channel names", () => {
  it("builds and parses each kind", () => {
    expect(orderChannel(ID)).toBe(`private-order-${ID}`);
    expect(parseChannel(orderChannel(ID))).toEqual({ kind: "order", id: ID });
    expect(parseChannel(merchantChannel(ID))).toEqual({ kind: "merchant", id: ID });
    expect(parseChannel(courierChannel(ID))).toEqual({ kind: "courier", id: ID });
    expect(parseChannel(opsChannel(ID))).toEqual({ kind: "ops", id: ID });
    expect(parseChannel(userChannel(ID))).toEqual({ kind: "user", id: ID });
  });

  it.each([
    ["another prefix", `presence-order-${ID}`],
    ["a public channel", `order-${ID}`],
    ["an unknown kind", `private-team-${ID}`],
    ["an id that is not a UUID", "private-order-123"],
    ["an upper-case UUID", `private-order-${ID.toUpperCase()}`],
    ["trailing text", `private-order-${ID}-x`],
    ["a trailing newline", `private-order-${ID}\n`],
    ["leading space", ` private-order-${ID}`],
    ["two ids", `private-order-${ID}${ID}`],
    ["encrypted", `private-encrypted-order-${ID}`],
  ])("refuses %s", (_, name) => {
    expect(parseChannel(name)).toBeNull();
  });

  it("refuses non-strings and refuses to build from bad ids", () => {
    expect(parseChannel(undefined)).toBeNull();
    expect(parseChannel({ kind: "order" })).toBeNull();
    expect(() => orderChannel("../x")).toThrow(/lowercase UUID/);
  });
});

describe("event schemas", () => {
  it("accepts what the domain publishes today", () => {
    expect(parseEvent("order.status", { orderId: ID, status: "DELIVERED", version: 7 }).ok).toBe(
      true,
    );
    expect(parseEvent("order.changed", { orderId: ID, status: "ACCEPTED" }).ok).toBe(true);
    expect(parseEvent("order.new", { orderId: ID, number: "LM-0001" }).ok).toBe(true);
    expect(parseEvent("order.courier", { orderId: ID, courierId: ID }).ok).toBe(true);
    expect(parseEvent("assignment.new", { orderId: ID }).ok).toBe(true);
  });

  it("describes locations and offers", () => {
    expect(
      parseEvent("courier.location", {
        lng: -9.14,
        lat: 38.71,
        heading: 90,
        speed: 4.2,
        at: "2026-11-30T12:00:00Z",
      }).ok,
    ).toBe(true);
    const offer = {
      offerId: ID,
      orderId: ID,
      expiresAt: "2026-11-30T12:00:30.000Z",
      pickup: { lng: -9.14, lat: 38.71 },
      dropoff: { lng: -9.15, lat: 38.72 },
      distanceM: 1800,
      feeCents: 350,
    };
    expect(parseEvent("offer.new", offer).ok).toBe(true);
    expect(parseEvent("offer.withdrawn", { offerId: ID, orderId: ID }).ok).toBe(true);
    expect(
      parseEvent("offer.new", {
        ...offer,
        pickup: { lng: -9.14, lat: 38.71, name: "Tasca da Prata" },
      }).ok,
    ).toBe(true);
    expect(
      parseEvent("dispatch.alert", {
        orderId: ID,
        orderNumber: "LM-0042",
        merchantId: ID,
        round: 2,
        radiusM: 8000,
        reason: "no eligible courier within 8000 m",
      }).ok,
    ).toBe(true);
    expect(
      parseEvent("order.courier_arrived", {
        orderId: ID,
        place: "pickup",
        at: "2026-11-30T12:00:00Z",
      }).ok,
    ).toBe(true);
    expect(parseEvent("order.courier_arrived", { orderId: ID, place: "kitchen", at: 1 }).ok).toBe(
      false,
    );
    expect(
      parseEvent("courier.problem", {
        orderId: ID,
        orderNumber: 42,
        merchantId: ID,
        courierId: ID,
        problem: "customer_not_there",
        reason: "Customer not there: rang twice",
        at: "2026-11-30T12:00:00Z",
      }).ok,
    ).toBe(true);
    // A generous offer is still far below Pusher's 10 KB limit.
    expect(JSON.stringify(offer).length).toBeLessThan(MAX_EVENT_BYTES / 20);
  });

  it("says why a payload does not fit", () => {
    const bad = parseEvent("courier.location", {
      lng: 200,
      lat: 38.7,
      heading: null,
      speed: null,
      at: "yesterday",
    });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/^courier\.location: /);
    expect(parseEvent("order.teleported", {})).toEqual({
      ok: false,
      reason: 'unknown event "order.teleported"',
    });
    expect(Object.keys(EVENT_SCHEMAS)).toContain("offer.new");
  });
});
