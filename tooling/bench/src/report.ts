// How a benchmark reports: one JSON object per line on stdout (for machines), a readable
// table on stderr (for people), progress on stderr as it goes.
export type TResult = {
  bench: string;
  /** Which database; absent for benchmarks that use none (realtime fan-out). */
  backend?: "pglite" | "postgres";
  n: number;
  p50_ms?: number;
  p99_ms?: number;
  ops_per_s?: number;
  ratio_vs_baseline?: number;
  [extra: string]: string | number | undefined;
};

const results: TResult[] = [];

export const progress = (line: string) => process.stderr.write(`  … ${line}\n`);

export function report(r: TResult) {
  results.push(r);
  process.stdout.write(`${JSON.stringify(r)}\n`);
}

export function percentile(sortedMs: number[], p: number) {
  if (sortedMs.length === 0) return NaN;
  const i = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return Number((sortedMs[Math.max(0, i)] as number).toFixed(3));
}

/** Times `run` for every input, returning sorted latencies in milliseconds. */
export async function timeEach<T>(inputs: T[], run: (input: T) => Promise<unknown>) {
  const ms: number[] = [];
  for (const input of inputs) {
    const t = performance.now();
    await run(input);
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
}

export function printTable() {
  if (results.length === 0) return;
  const cols = [...new Set(results.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === undefined ? "" : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...results.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(widths[i] ?? 0)).join("  ");
  process.stderr.write(`\n${line(cols)}\n${line(widths.map((w) => "─".repeat(w)))}\n`);
  for (const r of results) process.stderr.write(`${line(cols.map((c) => cell(r[c])))}\n`);
}
