// `pnpm test`: the whole suite. Unit and DB-backed tests (vitest: PGlite + PostGIS, plus
// PostgreSQL when TEST_DATABASE_URL is set), then the production builds, then the end-to-end
// tests in Chromium. Ends with one line: "N passed, N failed".
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { run } from "./processes";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const reports = path.join(root, ".cache", "test-reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const env = { NEXT_TELEMETRY_DISABLED: "1", FORCE_COLOR: "1" };

const stages: {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
}[] = [
  {
    name: "vitest",
    command: "pnpm",
    args: [
      "exec",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${path.join(reports, "vitest.json")}`,
    ],
  },
  {
    name: "build",
    command: "pnpm",
    args: ["exec", "turbo", "run", "build", "--filter=./apps/*", "--output-logs=errors-only"],
  },
  {
    name: "e2e",
    command: "pnpm",
    args: ["exec", "playwright", "test", "--reporter=list,json"],
    cwd: path.join(root, "tooling", "e2e"),
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json") },
  },
];

const only = process.argv.slice(2);
let failedStage: string | null = null;
const started = Date.now();
for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) continue;
  const t = Date.now();
  console.log(`\n▶ ${stage.name}`);
  const code = await run(stage.name, stage.command, stage.args, {
    cwd: stage.cwd ?? root,
    env: { ...env, ...stage.env },
  }).exited;
  console.log(
    `◀ ${stage.name}: ${code === 0 ? "ok" : `failed (exit ${code})`} in ${((Date.now() - t) / 1000).toFixed(0)} s`,
  );
  if (code !== 0) {
    failedStage = stage.name;
    break;
  }
}

const read = <T>(file: string): T | null => {
  try {
    return JSON.parse(readFileSync(path.join(reports, file), "utf8")) as T;
  } catch {
    return null;
  }
};
const vitest = read<{ numPassedTests: number; numFailedTests: number }>("vitest.json");
const pw = read<{ stats: { expected: number; unexpected: number; flaky: number } }>(
  "playwright.json",
);
const passed = (vitest?.numPassedTests ?? 0) + (pw?.stats.expected ?? 0);
const failed =
  (vitest?.numFailedTests ?? 0) +
  (pw?.stats.unexpected ?? 0) +
  (pw?.stats.flaky ?? 0) +
  (failedStage && !vitest && !pw ? 1 : 0);
console.log(
  `\ntest: ${failedStage ? `stopped at ${failedStage}` : "all stages passed"} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStage ? 1 : 0);
