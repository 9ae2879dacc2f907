// `pnpm simulate`: the demo city comes alive. Connects to the same database as the portals
// (DATABASE_URL, else the embedded server on 127.0.0.1:54320), picks bot couriers, restaurants
// and customers from the seed, and runs a tick every few seconds until Ctrl-C.
//
//   SIM_ORDERS_PER_MIN  orders customers place per minute (default 2)
//   SIM_COURIERS / SIM_MERCHANTS / SIM_CUSTOMERS  how many of each the bots play (24 / 20 / 40)
//   SIM_TICK_MS         how often phones report and everyone acts (default 3000)
//   SIM_ACCEPT_RATE     share of offers bot couriers take (default 0.85)
//   SIM_SEED            the bots' random seed (default: the clock)
import { createDb } from "@lastmile/db/client";
import { isEmbeddedServerRunning } from "@lastmile/db/embedded-server";
import { loadCity } from "@lastmile/db/seed";

import { pickCast } from "./cast";
import type { TLngLat } from "./path";
import { createSimulation } from "./simulation";

const num = (name: string, fallback: number, min: number, max: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    console.error(`simulate: ${name}=${raw} is not a number between ${min} and ${max}`);
    process.exit(2);
  }
  return v;
};

const config = {
  ordersPerMin: num("SIM_ORDERS_PER_MIN", 2, 0, 600),
  couriers: num("SIM_COURIERS", 24, 0, 500),
  merchants: num("SIM_MERCHANTS", 20, 0, 500),
  customers: num("SIM_CUSTOMERS", 40, 0, 5000),
  tickMs: num("SIM_TICK_MS", 3000, 1000, 60_000),
  acceptRate: num("SIM_ACCEPT_RATE", 0.85, 0, 1),
  assignAfterS: num("SIM_ASSIGN_AFTER_S", 90, 0, 3600),
  seed: num("SIM_SEED", Date.now() % 2 ** 31, 0, 2 ** 31),
};

if (!process.env.DATABASE_URL && !(await isEmbeddedServerRunning())) {
  console.error("simulate: no database — set DATABASE_URL, or start the platform (`pnpm dev`) or the embedded database (`pnpm --filter @lastmile/db serve`) first.");
  process.exit(1);
}
const db = createDb({ max: 2 });
const cast = await pickCast(db, config);
if (cast.couriers.length === 0 && cast.customers.length === 0) {
  console.error("simulate: the database has no seeded couriers or customers to play; run `pnpm db:seed` first.");
  await db.$close();
  process.exit(1);
}
const streets: TLngLat[][] = loadCity().streets.map((s) => s.geometry.coordinates.map(([lng, lat]) => ({ lng, lat })));
const sim = createSimulation(db, cast, config);
await sim.start(Date.now(), streets);

let stopping = false;
let wake: (() => void) | null = null;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log("[sim] stopping after this tick …");
  wake?.();
  // Bounded: whatever happens, the process is gone within 15 s.
  setTimeout(() => {
    console.error("[sim] did not stop within 15 s; exiting");
    process.exit(1);
  }, 15_000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

let ticks = 0;
let points = 0;
let orders = 0;
while (!stopping) {
  const started = Date.now();
  const s = await sim.tick(started);
  ticks++;
  points += s.pointsAccepted;
  orders += s.ordersPlaced;
  // A heartbeat a person can follow without drowning in it: once a minute.
  if (ticks % Math.max(1, Math.round(60_000 / config.tickMs)) === 0) {
    console.log(`[sim] ${ticks} ticks: ${points} positions stored, ${orders} orders placed so far; last tick moved ${s.moved.length} couriers in ${Date.now() - started} ms`);
  }
  const wait = Math.max(0, config.tickMs - (Date.now() - started));
  await new Promise<void>((resolve) => {
    wake = resolve;
    setTimeout(resolve, wait);
  });
  wake = null;
}
await sim.stop(Date.now());
await db.$close();
console.log("[sim] stopped");
process.exit(0);
