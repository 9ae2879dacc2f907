// `pnpm dev` (and `pnpm start` with --prod): the whole platform on one machine. Starts the
// embedded database (migrated and seeded on first start) unless DATABASE_URL is set, then the
// four portals and the worker, waits until each answers, and prints where to find them.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { httpOk, portOpen, run, stop, waitFor } from "./processes";
import type { TChild } from "./processes";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const prod = process.argv.includes("--prod");
const dbPort = Number(process.env.EMBEDDED_DB_PORT ?? 54320);
const realtimePort = Number(process.env.REALTIME_PORT ?? 6001);

const PORTALS = [
  { name: "customer", port: 3000, what: "order food" },
  { name: "merchant", port: 3001, what: "kitchen board" },
  { name: "courier", port: 3002, what: "courier app" },
  { name: "admin", port: 3003, what: "operations console" },
] as const;

const children: TChild[] = [];
let shuttingDown = false;
async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log("\nstopping …");
  // Apps and worker first; the database last so it closes cleanly.
  await stop(children.slice(1).reverse());
  await stop(children.slice(0, 1));
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

const started = Date.now();
// Production builds refuse to start without a session secret; `pnpm start` on this machine gets
// a local one (deployments set their own AUTH_SECRET).
const env = {
  NEXT_TELEMETRY_DISABLED: "1",
  ...(prod && !process.env.AUTH_SECRET ? { AUTH_SECRET: "local-start-secret-not-for-deployment-0123456789" } : {}),
};

if (!process.env.DATABASE_URL) {
  if (await portOpen(dbPort)) {
    console.log(`database: something already listens on ${dbPort}; using it`);
  } else {
    children.push(
      run("database", "pnpm", ["--filter", "@lastmile/db", "serve"], { cwd: root, env }),
    );
    await waitFor("the embedded database", () => portOpen(dbPort), 5 * 60_000);
  }
}

// The embedded Pusher-protocol server, unless realtime goes to Pusher or Soketi (PUSHER_HOST /
// PUSHER_CLUSTER) or one already runs (another `pnpm dev`).
if (!process.env.PUSHER_HOST && !process.env.PUSHER_CLUSTER) {
  if (await portOpen(realtimePort)) {
    console.log(`realtime: something already listens on ${realtimePort}; using it`);
  } else {
    children.push(run("realtime", "pnpm", ["--filter", "@lastmile/realtime", "serve"], { cwd: root, env }));
    await waitFor("the embedded realtime server", () => portOpen(realtimePort), 60_000);
  }
}

if (prod) {
  const build = run("build", "pnpm", ["exec", "turbo", "run", "build", "--filter=./apps/*"], {
    cwd: root,
    env,
  });
  if ((await build.exited) !== 0) await shutdown(1);
}
for (const p of PORTALS) {
  children.push(
    run(p.name, "pnpm", ["exec", "next", prod ? "start" : "dev", "--port", String(p.port)], {
      cwd: path.join(root, "apps", p.name),
      env,
    }),
  );
}
children.push(
  run("worker", "pnpm", [prod ? "start" : "dev"], { cwd: path.join(root, "apps", "worker"), env }),
);

for (const c of children) {
  void c.exited.then((code) => {
    if (!shuttingDown) {
      console.error(`${c.name} exited with code ${code}`);
      void shutdown(1);
    }
  });
}

// Asking each home page once also compiles it in dev mode, so the first visit is quick.
await Promise.all(
  PORTALS.map((p) =>
    waitFor(
      `${p.name} on :${p.port}`,
      () => httpOk(`http://localhost:${p.port}/`),
      5 * 60_000,
      1000,
    ),
  ),
);

// The living demo city (tooling/simulate): bots order, cook and deliver beside real users.
// Started last, so the portals are ready; SIMULATE=0 keeps the city still.
const simulating = !prod && process.env.SIMULATE !== "0";
if (simulating) {
  const sim = run("simulate", "pnpm", ["simulate"], { cwd: root, env });
  children.push(sim);
  // A crashed simulation leaves the platform running: it is a demo, not a dependency.
  void sim.exited.then((code) => !shuttingDown && console.error(`simulate exited with code ${code}; the platform keeps running`));
}

const line = "─".repeat(60);
console.log(
  `\n${line}\n Lastmile is up (${((Date.now() - started) / 1000).toFixed(0)} s)${prod ? " — production builds" : ""}\n`,
);
for (const p of PORTALS)
  console.log(`   ${p.name.padEnd(9)} http://localhost:${p.port}   ${p.what}`);
console.log(
  `   database  postgres://postgres:postgres@127.0.0.1:${dbPort}/postgres${process.env.DATABASE_URL ? " (DATABASE_URL in use)" : " (embedded PGlite + PostGIS)"}`,
);
console.log(
  `   realtime  ${process.env.PUSHER_HOST || process.env.PUSHER_CLUSTER ? "PUSHER_HOST / PUSHER_CLUSTER in use" : `ws://127.0.0.1:${realtimePort} (embedded Pusher-protocol server)`}`,
);
console.log(
  `   simulate  ${simulating ? "bots are ordering, cooking and delivering (SIMULATE=0 to turn off)" : "off"}`,
);
console.log(
  `\n Demo logins (password: lastmile-demo) are listed in README.md.\n Ctrl-C stops everything.\n${line}\n`,
);
