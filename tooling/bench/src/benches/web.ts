// `pnpm bench web` runs in @lastmile/bench-web (Lighthouse lives there, away from the database
// benchmarks' dependencies); its JSON lines join this run's report and table.
import { spawn } from "node:child_process";
import readline from "node:readline";

import type { TResult } from "../report";
import { report } from "../report";

export async function webBench() {
  const child = spawn("pnpm", ["--silent", "--filter", "@lastmile/bench-web", "bench"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (child.stdout) {
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.startsWith('{"bench"')) report(JSON.parse(line) as TResult);
      else process.stderr.write(`${line}\n`);
    });
  }
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`the web benchmark stopped (exit ${code})`);
}
