// `pnpm bench` runs every benchmark; `pnpm bench <name>` runs one. Figures, not verdicts: a
// benchmark never fails on time.
import { geoBench } from "./benches/geo-all";
import { locationBench } from "./benches/location";
import { merchantsNearBench } from "./benches/merchants-near";
import { seedBench } from "./benches/seed";
import { realtimeBench } from "./benches/realtime";
import { webBench } from "./benches/web";
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

/** Benchmarks that bring their own platform rather than run once per database. */
const STANDALONE: Record<string, () => Promise<void>> = { web: webBench };

const wanted = process.argv.slice(2).filter((a) => a !== "--");
const unknown = wanted.filter((w) => !(w in BENCHES) && !(w in STANDALONE));
if (unknown.length) {
  process.stderr.write(
    `unknown benchmark(s): ${unknown.join(", ")}; available: ${[...Object.keys(BENCHES), ...Object.keys(STANDALONE)].join(", ")}\n`,
  );
  process.exit(2);
}
const selected = wanted.length ? wanted : [...Object.keys(BENCHES), ...Object.keys(STANDALONE)];
const perDatabase = selected.filter((name) => name in BENCHES);

process.stderr.write(`benchmarks: ${selected.join(", ")}\n`);
if (perDatabase.length) {
  for await (const target of targets()) {
    for (const name of perDatabase) {
      process.stderr.write(`\n▶ ${name} on ${target.backend}\n`);
      await (BENCHES[name] as (t: TTarget) => Promise<void>)(target);
    }
  }
}
for (const name of selected.filter((n) => n in STANDALONE)) {
  process.stderr.write(`\n▶ ${name}\n`);
  await (STANDALONE[name] as () => Promise<void>)();
}
printTable();
