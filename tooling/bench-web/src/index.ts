// `pnpm bench web` (through @lastmile/bench) or `pnpm --filter @lastmile/bench-web bench`:
// Lighthouse's mobile preset against each portal's key page. Its own package because
// Lighthouse's dependencies would change how the other benchmarks resolve drizzle-orm.
import { webBench } from "./web";

await webBench();
