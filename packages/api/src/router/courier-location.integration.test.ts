// courier.reportLocations through the router: the session names the courier, the batch limit and
// field rules come from the schema, per-point verdicts and the fan-out from the domain.
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { recordingPublisher } from "@lastmile/core/events";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";

import { testCaller } from "../testing";

let db: TDb;
let city: TMiniCity;
const events = recordingPublisher();

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
});

const courier = () => {
  const session: TSession = {
    user: { id: city.users.courierUser.id, email: "estafeta@example.com", name: "Eva", roles: ["courier"], merchantIds: [], courierId: city.couriers.courier.id, areaIds: [] },
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
  return testCaller(db, session, { events });
};
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return "OK";
};

describe(`courier.reportLocations on ${testBackend()}`, () => {
  it("stores the caller's good fixes, refuses the bad one by index, and tells the zone's map", async () => {
    const now = Date.now();
    const r = await courier().courier.reportLocations({
      positions: [
        { lng: -9.1392, lat: 38.714, recordedAt: new Date(now - 2000), headingDeg: 12, speedMps: 3, accuracyM: 6 },
        { lng: 200, lat: 38.714, recordedAt: new Date(now - 1000) },
        { lng: -9.1391, lat: 38.7141, recordedAt: new Date(now) },
      ],
    });
    expect(r).toMatchObject({ accepted: 2, moved: true, rejected: [{ index: 1, reason: "coordinates_out_of_range" }] });
    expect(events.events.map((e) => [e.channel, e.name])).toEqual([[`private-ops-${city.zone.id}`, "courier.location"]]);
  });

  it("refuses a batch over 100 positions and a heading off the compass before touching anything", async () => {
    const at = new Date();
    expect(await codeOf(courier().courier.reportLocations({ positions: Array.from({ length: 101 }, () => ({ lng: -9.14, lat: 38.71, recordedAt: at })) }))).toBe("BAD_REQUEST");
    expect(await codeOf(courier().courier.reportLocations({ positions: [{ lng: -9.14, lat: 38.71, recordedAt: at, headingDeg: 360 }] }))).toBe("BAD_REQUEST");
  });

  it("answers an off-duty courier with a conflict", async () => {
    await courier().courier.setDuty({ onDuty: false });
    expect(await codeOf(courier().courier.reportLocations({ positions: [{ lng: -9.14, lat: 38.71, recordedAt: new Date() }] }))).toBe("CONFLICT");
  });
});
