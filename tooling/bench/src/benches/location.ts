// Location ingest: couriers' phones posting batches of positions to the tRPC HTTP endpoint, the
// way the courier PWA does, with everything a report costs in production — session lookup,
// superjson, the per-point checks and PostGIS speed walk, the conditional update, the history
// insert, the zone lookup and the throttled fan-out through the real Pusher publisher to the
// embedded Pusher-protocol server. A paced fleet of phones (steady load) and autocannon
// (saturation) drive it from this process.
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";

import autocannon from "autocannon";

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

const COURIERS = 100;
const POINTS_PER_REPORT = 10;
const DURATION_S = Number(process.env.BENCH_LOCATION_SECONDS ?? 20);
/** An API process's pool on PostgreSQL (PGlite is one session whatever the pool). */
const PG_POOL = Number(process.env.BENCH_LOCATION_POOL ?? 8);
/** Reports per second offered in the sustained phase: 250 × 10 points = 2,500 points/s. */
const RATE = Number(process.env.BENCH_LOCATION_RATE ?? 250);

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

  // Each report carries 10 fixes 1 s apart, riding north-east at ~5 m/s; the device clock starts
  // 23 h back so that a long run never reaches the future (requests go faster than real time).
  const start = Date.now() - 23 * 3_600_000;
  let sent = 0;
  let acceptedPoints = 0;
  let rejectedPoints = 0;
  const body = (k: number) => {
    const i = k % COURIERS;
    const step = Math.floor(k / COURIERS);
    const c = fleet[i] as TBenchCourier;
    const positions = Array.from({ length: POINTS_PER_REPORT }, (_, j) => {
      const s = step * POINTS_PER_REPORT + j;
      return {
        lng: c.lng + s * 0.00004,
        lat: c.lat + s * 0.00003,
        recordedAt: new Date(start + s * 1000).toISOString(),
        headingDeg: 45,
        speedMps: 5,
        accuracyM: 8,
      };
    });
    return { i, json: JSON.stringify({ json: { positions } }) };
  };

  const url = new URL("/api/trpc/courier.reportLocations", origin);
  const post = (agent: http.Agent, k: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { i, json } = body(k);
      const req = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: { "content-type": "application/json", origin, "x-bench-courier": String(i) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(json);
    });
  const count = (status: number, resBody: string) => {
    if (status !== 200) return false;
    const r = (
      JSON.parse(resBody) as {
        result?: { data?: { json?: { accepted: number; rejected: unknown[] } } };
      }
    ).result?.data?.json;
    acceptedPoints += r?.accepted ?? 0;
    rejectedPoints += r?.rejected.length ?? 0;
    return true;
  };

  /**
   * The sustained phase, paced the way phones report: each of the 100 phones keeps its own
   * connection and sends every `COURIERS / rate` seconds from its own random phase, so reports
   * arrive spread over time as they do from a fleet (autocannon's `overallRate` instead fires each
   * second's quota at the start of the second, 250 requests at once). Latency runs from the time a
   * report was due, not when it was sent, so a slow server cannot hide behind a waiting phone.
   */
  const paced = async (rate: number) => {
    const periodMs = (COURIERS / rate) * 1000;
    const endAt = performance.now() + DURATION_S * 1000;
    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    const phone = async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      let due = performance.now() + Math.random() * periodMs;
      while (due < endAt) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          const res = await post(agent, sent++);
          if (count(res.status, res.body)) ok++;
          else failed++;
        } catch {
          failed++;
        }
        latencies.push(performance.now() - due);
        due += periodMs;
      }
      agent.destroy();
    };
    await Promise.all(Array.from({ length: COURIERS }, () => phone()));
    latencies.sort((a, b) => a - b);
    const pct = (q: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    return { ok, failed, p50: pct(0.5), p99: pct(0.99) };
  };

  /** The saturation phase: autocannon, every connection sending again as soon as it is answered. */
  const flatOut = async () => {
    const result = await autocannon({
      url: origin,
      connections: COURIERS,
      duration: DURATION_S,
      requests: [
        {
          method: "POST",
          path: url.pathname,
          setupRequest: (req) => {
            const { i, json } = body(sent++);
            return {
              ...req,
              body: json,
              headers: {
                ...req.headers,
                "content-type": "application/json",
                origin,
                "x-bench-courier": String(i),
              },
            };
          },
          onResponse: (status, resBody) => void count(status, resBody),
        },
      ],
    });
    return {
      ok: result.requests.total - result.non2xx - result.errors,
      failed: result.non2xx + result.errors + result.timeouts,
      p50: result.latency.p50,
      p99: result.latency.p99,
    };
  };

  const phase = async (bench: string, rate?: number) => {
    acceptedPoints = 0;
    rejectedPoints = 0;
    progress(
      `${backend}: ${rate ? `${rate} reports/s offered, paced` : "as fast as it answers"}, ${COURIERS} connections (one phone each), ${POINTS_PER_REPORT} points per report, ${DURATION_S} s`,
    );
    const cpu = process.cpuUsage();
    const { ok, failed, p50, p99 } = rate ? await paced(rate) : await flatOut();
    const used = process.cpuUsage(cpu);
    report({
      bench,
      backend,
      n: COURIERS,
      ...(rate ? { offered_per_s: rate } : {}),
      ops_per_s: Math.round(ok / DURATION_S),
      points_per_s: Math.round(acceptedPoints / DURATION_S),
      p50_ms: p50,
      p99_ms: p99,
      points_per_report: POINTS_PER_REPORT,
      failed,
      rejected_points: rejectedPoints,
      // The machine is shared: the 1-minute load says how much of it the run really had.
      load_avg: Number((os.loadavg()[0] ?? 0).toFixed(1)),
      // This process's CPU per report — load generator, API and Pusher server together — which
      // bounds throughput on one core whatever else the machine is doing.
      node_cpu_ms_per_op: ok ? Number(((used.user + used.system) / 1000 / ok).toFixed(2)) : 0,
    });
  };
  // Sustained: a steady offered load, the way phones report — the latency a courier sees at that rate.
  await phase("location_ingest", RATE);
  // Saturation: every connection sends again as soon as it is answered — the ceiling, with queueing latency.
  await phase("location_ingest_max");

  await stop();
  await realtime.close();
  if (db !== targetDb) await (db as TDb & { $close: () => Promise<void> }).$close();
}
