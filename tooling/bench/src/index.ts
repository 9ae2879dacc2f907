// `pnpm bench` runs every benchmark; `pnpm bench <name>` runs one. Figures, not verdicts: a
// benchmark never fails on time.
import { geoBench } from "./benches/geo-all";
import { locationBench } from "./benches/location";
import { merchantsNearBench } from "./benches/merchants-near";
import { seedBench } from "./benches/seed";
import { realtimeBench } from "./benches/realtime";
import { printTable } from "./report";
import type { TTarget } from "./targets";
import { targets } from "./targets";

const BENCHES: Record<string, (t: TTarget) => Promise<void>> = {
  seed: seedBench,
  merchants_near: merchantsNearBench,
  geo: geoBench,
  realtime: realtimeBench,
  location: locationBench,
};

const wanted = process.argv.slice(2).filter((a) => a !== "--");
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(", ")}; available: ${Object.keys(BENCHES).join(", ")}\n`,
  );
  process.exit(2);
}
const selected = wanted.length ? wanted : Object.keys(BENCHES);

process.stderr.write(`benchmarks: ${selected.join(", ")}\n`);
for await (const target of targets()) {
  for (const name of selected) {
    process.stderr.write(`\n▶ ${name} on ${target.backend}\n`);
    await (BENCHES[name] as (t: TTarget) => Promise<void>)(target);
  }
}
printTable();
