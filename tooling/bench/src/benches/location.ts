// Location ingest: couriers' phones posting batches of positions to the tRPC HTTP endpoint, the
// way the courier PWA does, with everything a report costs in production — session lookup,
// superjson, the per-point checks and PostGIS speed walk, the conditional update, the history
// insert, the zone lookup and the throttled fan-out through the real Pusher publisher to the
// embedded Pusher-protocol server. A paced fleet of phones (steady load) and autocannon
// (saturation) drive it from another process (location-phones.ts).
import { fork } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";

import { createCaller, createTRPCContext } from "@lastmile/api";
import { createTrpcHandler } from "@lastmile/api/http";
import type { TSession } from "@lastmile/auth/session";
import { discardEvents } from "@lastmile/core/events";
import { assignCourier, systemActor } from "@lastmile/core/orders";
import type { TDb } from "@lastmile/db/client";
import { createDb } from "@lastmile/db/client";
import { insertMiniCity, insertUser } from "@lastmile/db/fixtures";
import { point } from "@lastmile/db/geometry";
import { couriers, userRoles } from "@lastmile/db/schema";
import { DEV_APP } from "@lastmile/realtime/env";
import { createPusherPublisher } from "@lastmile/realtime/publisher";
import { startRealtimeServer } from "@lastmile/realtime/server";

import { progress, report } from "../report";
import type { TTarget } from "../targets";
import type { TPhase, TPhaseResult } from "./location-phones";

const COURIERS = 100;
const POINTS_PER_REPORT = 10;
const DURATION_S = Number(process.env.BENCH_LOCATION_SECONDS ?? 20);
/** An API process's pool on PostgreSQL (PGlite is one session whatever the pool). */
const PG_POOL = Number(process.env.BENCH_LOCATION_POOL ?? 8);
/** Reports per second offered in the sustained phase: 200 × 10 points = 2,000 points/s, the target. */
const RATE = Number(process.env.BENCH_LOCATION_RATE ?? 200);
const WARM_UP_S = 5;

type TBenchCourier = { id: string; session: TSession; lng: number; lat: number };

/** 100 e-bike couriers on duty in the mini city's Baixa zone, each carrying an order (so each report fans out to an order channel too). */
async function setUp(db: TDb): Promise<TBenchCourier[]> {
  const city = await insertMiniCity(db);
  const c0 = city.users.customer;
  // Orders are placed the way customers place them: cart, quote, checkout with the Local test card.
  const customer = createCaller(
    createTRPCContext({
      headers: new Headers(),
      source: "internal",
      db,
      events: discardEvents,
      session: {
        user: {
          id: c0.id,
          email: c0.email,
          name: c0.name,
          roles: ["customer"],
          merchantIds: [],
          courierId: null,
          areaIds: [],
        },
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    }),
  );
  const out: TBenchCourier[] = [];
  for (let i = 0; i < COURIERS; i++) {
    const user = await insertUser(db, `bench-courier-${i}@example.com`, `Bench ${i}`);
    await db.insert(userRoles).values({ userId: user.id, role: "courier" });
    const lng = -9.155 + (i % 10) * 0.003;
    const lat = 38.705 + Math.floor(i / 10) * 0.002;
    const [c] = await db
      .insert(couriers)
      .values({
        userId: user.id,
        vehicle: "ebike",
        status: "online",
        applicationStatus: "approved",
        homeZoneId: city.zone.id,
        currentLocation: point(lng, lat),
        lastSeenAt: new Date(Date.now() - 86_400_000 + 3_600_000),
      })
      .returning({ id: couriers.id });
    if (!c) throw new Error("courier insert failed");
    await customer.cart.add({ itemId: city.items.drink.id, quantity: 2 });
    const { quoteId } = await customer.checkout.quote({
      dropoff: { addressId: city.addresses.home.id },
      tipCents: 0,
    });
    const placed = await customer.checkout.placeOrder({
      quoteId,
      idempotencyKey: `bench-order-${i}`,
      payment: {
        kind: "card",
        number: "4242 4242 4242 4242",
        expMonth: 12,
        expYear: 2031,
        cvc: "123",
      },
    });
    if (placed.outcome !== "placed") throw new Error("the bench's card needs no bank confirmation");
    const { orderId } = placed;
    await assignCourier(db, discardEvents, { orderId, courierId: c.id, actor: systemActor });
    out.push({
      id: c.id,
      lng,
      lat,
      session: {
        user: {
          id: user.id,
          email: user.email,
          name: user.name,
          roles: ["courier"],
          merchantIds: [],
          courierId: c.id,
          areaIds: [],
        },
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    });
  }
  return out;
}

/** Next's route handlers speak fetch; so does this little Node adapter. */
function serve(handler: (req: Request) => Promise<Response>) {
  let inFlight = 0;
  let drained: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    inFlight++;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers))
        if (typeof v === "string") headers.set(k, v);
      const body =
        req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
      handler(
        new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
          method: req.method,
          headers,
          body,
        }),
      )
        .then(async (r) => {
          res.writeHead(r.status, Object.fromEntries(r.headers));
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch((e: unknown) => {
          res.writeHead(500);
          res.end(String(e));
        })
        .finally(() => {
          if (--inFlight === 0) drained?.();
        });
    });
  });
  /** Stops accepting and resolves once the requests autocannon left in flight have finished. */
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close();
      server.closeAllConnections();
      if (inFlight === 0) resolve();
      else drained = resolve;
    });
  return { server, stop };
}

export async function locationBench({ backend, db: targetDb }: TTarget) {
  // On PostgreSQL the API gets a pool of its own size; the target's two connections are for setup.
  const db =
    backend === "postgres"
      ? createDb({ url: process.env.BENCH_DATABASE_URL, max: PG_POOL })
      : targetDb;
  progress(`${backend}: ${COURIERS} couriers on duty, each carrying an order`);
  const fleet = await setUp(targetDb);
  const byHeader = new Map(fleet.map((c, i) => [String(i), c.session]));

  const realtime = await startRealtimeServer({ port: 0 });
  const publisher = createPusherPublisher({
    connection: {
      appId: DEV_APP.id,
      key: DEV_APP.key,
      secret: DEV_APP.secret,
      host: realtime.host,
      port: realtime.port,
      useTLS: false,
    },
  });
  const handler = createTrpcHandler(
    async (req) => byHeader.get(req.headers.get("x-bench-courier") ?? "") ?? null,
    { db, events: publisher },
  );
  const { server, stop } = serve(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  // The phones run in a process of their own; the device clock starts 23 h back so that a long
  // run never reaches the future (requests go faster than real time).
  const phones = fork(new URL("./location-phones.ts", import.meta.url), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const start = Date.now() - 23 * 3_600_000;
  let sent = 0;
  const runPhones = (rate: number | undefined, durationS: number) =>
    new Promise<TPhaseResult>((resolve, reject) => {
      const phase: TPhase = {
        origin,
        path: "/api/trpc/courier.reportLocations",
        fleet: fleet.map((c) => ({ lng: c.lng, lat: c.lat })),
        pointsPerReport: POINTS_PER_REPORT,
        durationS,
        start,
        firstReport: sent,
        rate,
      };
      phones.once("message", (r: TPhaseResult) => resolve(r));
      phones.once("exit", (code) => reject(new Error(`the phones' process exited (${code})`)));
      phones.send(phase);
    });

  const phase = async (bench: string, rate?: number) => {
    progress(
      `${backend}: ${rate ? `${rate} reports/s offered, paced` : "as fast as it answers"}, ${COURIERS} connections (one phone each), ${POINTS_PER_REPORT} points per report, ${DURATION_S} s`,
    );
    const cpu = process.cpuUsage();
    const r = await runPhones(rate, DURATION_S);
    const used = process.cpuUsage(cpu);
    sent = r.sent;
    report({
      bench,
      backend,
      n: COURIERS,
      ...(rate ? { offered_per_s: rate } : {}),
      ops_per_s: Math.round(r.ok / DURATION_S),
      points_per_s: Math.round(r.acceptedPoints / DURATION_S),
      p50_ms: r.p50,
      p99_ms: r.p99,
      points_per_report: POINTS_PER_REPORT,
      failed: r.failed,
      rejected_points: r.rejectedPoints,
      // The machine is shared: the 1-minute load says how much of it the run really had.
      load_avg: Number((os.loadavg()[0] ?? 0).toFixed(1)),
      // The API process's CPU per report (with the embedded Pusher server it publishes to; the
      // phones are another process), which bounds throughput on one core.
      api_cpu_ms_per_op: r.ok ? Number(((used.user + used.system) / 1000 / r.ok).toFixed(2)) : 0,
    });
  };
  // Warm-up, not reported: JIT, prepared statements on every pooled connection, buffers. A cold
  // start's first second otherwise queues behind it and the steady phase never catches up.
  progress(`${backend}: warming up for ${WARM_UP_S} s at ${RATE} reports/s`);
  sent = (await runPhones(RATE, WARM_UP_S)).sent;
  // Sustained: a steady offered load, the way phones report — the latency a courier sees at that rate.
  await phase("location_ingest", RATE);
  // Saturation: every connection sends again as soon as it is answered — the ceiling, with queueing latency.
  await phase("location_ingest_max");

  phones.kill();
  await stop();
  await realtime.close();
  if (db !== targetDb) await (db as TDb & { $close: () => Promise<void> }).$close();
}
