// /api/pusher/auth against the real database: who may follow which channel, what a malformed
// request gets, and — end to end — that pusher-js subscribes through it to the embedded server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TSession } from "@lastmile/auth/session";
import { assignCourier, systemActor } from "@lastmile/core/orders";
import { placeTestOrder, testDeps } from "@lastmile/core/testing";
import type { TDb } from "@lastmile/db/client";
import { insertMiniCity } from "@lastmile/db/fixtures";
import type { TMiniCity } from "@lastmile/db/fixtures";
import type { TRole } from "@lastmile/db/schema";
import { getTestDb, resetTestDb, testBackend } from "@lastmile/db/testing";
import {
  courierChannel,
  merchantChannel,
  opsChannel,
  orderChannel,
  userChannel,
} from "@lastmile/realtime/channels";
import { createRealtimeClient } from "@lastmile/realtime/client";
import { env as realtimeEnv } from "@lastmile/realtime/env";
import { signChannel, startRealtimeServer } from "@lastmile/realtime/server";

import { createPusherAuthHandler } from "./pusher-auth";

const PERSONAS = [
  "anon",
  "customer",
  "customer2",
  "staff",
  "owner",
  "staff2",
  "courier",
  "courier2",
  "support",
  "opsIn",
  "opsOut",
  "admin",
  "superAdmin",
] as const;
type TPersona = (typeof PERSONAS)[number];

const ORIGIN = "http://localhost:3000";
const SOCKET = "1234.5678";
const MISSING = "00000000-0000-4000-8000-0000000000ff";

let db: TDb;
let city: TMiniCity;
let orderId: string;
let sessions: Record<TPersona, TSession>;

const session = (
  id: string,
  roles: TRole[],
  extra: Partial<NonNullable<TSession>["user"]> = {},
): TSession => ({
  user: {
    id,
    email: `${id}@example.com`,
    name: "Test",
    roles,
    merchantIds: [],
    courierId: null,
    areaIds: [],
    ...extra,
  },
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
});

beforeAll(async () => {
  ({ db } = await getTestDb());
  await resetTestDb(db);
  city = await insertMiniCity(db);
  const deps = testDeps();
  const { order } = await placeTestOrder(db, deps, city, { idempotencyKey: "pusher-auth" });
  await assignCourier(db, deps.events, {
    orderId: order.id,
    courierId: city.couriers.courier.id,
    actor: systemActor,
  });
  orderId = order.id;
  const u = city.users;
  sessions = {
    anon: null,
    customer: session(u.customer.id, ["customer"]),
    customer2: session(u.otherCustomer.id, ["customer"]),
    staff: session(u.staff.id, ["merchant_staff"], { merchantIds: [city.merchant.id] }),
    owner: session(u.owner.id, ["merchant_owner"], { merchantIds: [city.merchant.id] }),
    staff2: session(u.otherStaff.id, ["merchant_staff"], { merchantIds: [city.other.id] }),
    courier: session(u.courierUser.id, ["courier"], { courierId: city.couriers.courier.id }),
    courier2: session(u.otherCourierUser.id, ["courier"], {
      courierId: city.couriers.otherCourier.id,
    }),
    support: session(u.owner.id, ["support"]),
    opsIn: session(u.owner.id, ["ops_manager"], { areaIds: [city.country.id] }),
    opsOut: session(u.owner.id, ["ops_manager"], {
      areaIds: ["00000000-0000-4000-8000-0000000000aa"],
    }),
    admin: session(u.owner.id, ["admin"]),
    superAdmin: session(u.owner.id, ["super_admin"]),
  };
});

const handlerFor = (persona: TPersona) =>
  createPusherAuthHandler(async () => sessions[persona], { db });

function authRequest(
  body: unknown,
  init: { contentType?: string; origin?: string | null; method?: string } = {},
) {
  const headers = new Headers({ "content-type": init.contentType ?? "application/json" });
  if (init.origin !== null) headers.set("origin", init.origin ?? ORIGIN);
  return new Request(`${ORIGIN}/api/pusher/auth`, {
    method: init.method ?? "POST",
    headers,
    body:
      init.method === "GET" ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

const ask = (persona: TPersona, channel: string, socketId = SOCKET) =>
  handlerFor(persona)(authRequest({ socket_id: socketId, channel_name: channel }));

describe(`/api/pusher/auth on ${testBackend()}`, () => {
  it("allows exactly the owners of each channel", async () => {
    const table: { channel: string; allow: TPersona[] }[] = [
      {
        channel: orderChannel(orderId),
        allow: ["customer", "staff", "owner", "courier", "support", "opsIn", "admin", "superAdmin"],
      },
      { channel: orderChannel(MISSING), allow: [] },
      { channel: merchantChannel(city.merchant.id), allow: ["staff", "owner"] },
      { channel: merchantChannel(city.other.id), allow: ["staff2"] },
      { channel: courierChannel(city.couriers.courier.id), allow: ["courier"] },
      { channel: courierChannel(city.couriers.otherCourier.id), allow: ["courier2"] },
      { channel: opsChannel(city.zone.id), allow: ["opsIn", "admin", "superAdmin"] },
      { channel: opsChannel(MISSING), allow: [] },
      // One's own notifications only.
      { channel: userChannel(city.users.customer.id), allow: ["customer"] },
      { channel: userChannel(city.users.courierUser.id), allow: ["courier"] },
      { channel: userChannel(MISSING), allow: [] },
    ];
    const mismatches: string[] = [];
    for (const row of table) {
      for (const persona of PERSONAS) {
        const res = await ask(persona, row.channel);
        const expected = row.allow.includes(persona) ? 200 : persona === "anon" ? 401 : 403;
        if (res.status !== expected)
          mismatches.push(
            `${row.channel} as ${persona}: expected ${expected}, got ${res.status} ${await res.text()}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("signs with the app key and secret, as the server checks", async () => {
    const channel = orderChannel(orderId);
    const res = await ask("customer", channel);
    const app = {
      id: realtimeEnv.PUSHER_APP_ID,
      key: realtimeEnv.PUSHER_KEY,
      secret: realtimeEnv.PUSHER_SECRET,
    };
    expect(await res.json()).toEqual({ auth: signChannel(app, SOCKET, channel) });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("explains refusals", async () => {
    expect(await (await ask("customer2", orderChannel(orderId))).json()).toEqual({
      error: { message: "You can follow only orders you placed, prepare, carry or oversee." },
    });
    expect(await (await ask("opsOut", opsChannel(city.zone.id))).json()).toEqual({
      error: { message: "That zone is outside the areas you manage." },
    });
    expect(await (await ask("support", opsChannel(city.zone.id))).json()).toEqual({
      error: {
        message: "Only operations staff who may see couriers can follow a zone's live map.",
      },
    });
    expect(await (await ask("anon", orderChannel(orderId))).json()).toEqual({
      error: { message: "Sign in to receive live updates." },
    });
  });

  it.each([
    [
      "a socket id that is not digits.digits",
      "abc",
      orderChannel("3b241101-e2bb-4255-8caf-4136c566a962"),
    ],
    ["a socket id with three parts", "1.2.3", orderChannel("3b241101-e2bb-4255-8caf-4136c566a962")],
    [
      "a socket id with markup",
      "1.2<script>",
      orderChannel("3b241101-e2bb-4255-8caf-4136c566a962"),
    ],
    ["a channel id that is not a UUID", SOCKET, "private-order-123"],
    ["a presence channel", SOCKET, "presence-order-3b241101-e2bb-4255-8caf-4136c566a962"],
    ["a public channel", SOCKET, "order-3b241101-e2bb-4255-8caf-4136c566a962"],
    ["an unknown kind", SOCKET, "private-team-3b241101-e2bb-4255-8caf-4136c566a962"],
    ["an upper-case id", SOCKET, "private-order-3B241101-E2BB-4255-8CAF-4136C566A962"],
    ["a suffix", SOCKET, "private-order-3b241101-e2bb-4255-8caf-4136c566a962;x"],
  ])("refuses %s with 400, before looking at the session", async (_, socketId, channel) => {
    const res = await ask("admin", channel, socketId);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /socket_id|not a channel Lastmile serves/,
    );
  });

  it("refuses bodies that are not the expected JSON", async () => {
    expect((await handlerFor("customer")(authRequest("{nope"))).status).toBe(400);
    expect((await handlerFor("customer")(authRequest({ socket_id: SOCKET }))).status).toBe(400);
  });

  it("applies the same CSRF rule as /api/trpc", async () => {
    const form = `socket_id=${SOCKET}&channel_name=${orderChannel(orderId)}`;
    expect(
      (
        await handlerFor("customer")(
          authRequest(form, { contentType: "application/x-www-form-urlencoded" }),
        )
      ).status,
    ).toBe(415);
    const body = { socket_id: SOCKET, channel_name: orderChannel(orderId) };
    expect(
      (await handlerFor("customer")(authRequest(body, { origin: "https://evil.example" }))).status,
    ).toBe(403);
    expect((await handlerFor("customer")(authRequest(body, { origin: null }))).status).toBe(403);
    expect((await handlerFor("customer")(authRequest(body, { method: "GET" }))).status).toBe(405);
  });
});

describe("pusher-js through /api/pusher/auth to the embedded server", () => {
  let server: Awaited<ReturnType<typeof startRealtimeServer>>;
  beforeAll(async () => {
    server = await startRealtimeServer({
      port: 0,
      apps: [
        {
          id: realtimeEnv.PUSHER_APP_ID,
          key: realtimeEnv.PUSHER_KEY,
          secret: realtimeEnv.PUSHER_SECRET,
        },
      ],
    });
  });
  afterAll(() => server.close());

  /** A browser of `persona`: pusher-js whose channel authorisation is this route. */
  function browser(persona: TPersona) {
    const handler = handlerFor(persona);
    return createRealtimeClient(
      { key: realtimeEnv.PUSHER_KEY, host: "127.0.0.1", port: server.port, tls: false },
      {
        authorize: ({ socketId, channelName }, callback) => {
          handler(authRequest({ socket_id: socketId, channel_name: channelName }))
            .then(async (res) => {
              const body = (await res.json()) as { auth?: string; error?: { message: string } };
              if (!body.auth) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
              callback(null, { auth: body.auth });
            })
            .catch((error: Error) => callback(error, null));
        },
      },
    );
  }

  const outcome = (client: ReturnType<typeof browser>, channel: string) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer for ${channel} within 5 s`)),
        5000,
      );
      const ch = client.subscribe(channel);
      ch.bind("pusher:subscription_succeeded", () => (clearTimeout(timer), resolve("subscribed")));
      ch.bind(
        "pusher:subscription_error",
        (e: { error?: string }) => (clearTimeout(timer), resolve(`refused: ${e.error ?? "?"}`)),
      );
    });

  it("subscribes the customer to their order and refuses another customer", async () => {
    const mine = browser("customer");
    const theirs = browser("customer2");
    try {
      expect(await outcome(mine, orderChannel(orderId))).toBe("subscribed");
      expect(await outcome(theirs, orderChannel(orderId))).toBe(
        "refused: You can follow only orders you placed, prepare, carry or oversee.",
      );
      expect(server.hub().subscriptionCount(orderChannel(orderId))).toBe(1);
    } finally {
      mine.disconnect();
      theirs.disconnect();
    }
  });
});
