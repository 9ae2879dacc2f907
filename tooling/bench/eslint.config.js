import base from "@lastmile/eslint-config/base";

// Benchmarks are scripts: they read their targets (BENCH_DATABASE_URL) from the environment.
export default [...base, { rules: { "no-restricted-properties": "off" } }];
