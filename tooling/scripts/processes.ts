// Child processes for the dev and test orchestrators: prefixed output, readiness checks, and
// an orderly shutdown (apps first, the database last so it can flush its data directory).
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import net from "node:net";
import readline from "node:readline";

const COLOURS = [36, 35, 33, 32, 34, 31, 90];
let colourIndex = 0;

export type TChild = { name: string; proc: ChildProcess; exited: Promise<number> };

export function run(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; quiet?: (line: string) => boolean } = {},
): TChild {
  const colour = COLOURS[colourIndex++ % COLOURS.length];
  const proc = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, FORCE_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so shutdown reaches grandchildren too
  });
  const tag = `\x1b[${colour}m${name.padEnd(9)}\x1b[0m│ `;
  for (const stream of [proc.stdout, proc.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on("line", (line) => {
      if (!options.quiet?.(line)) process.stdout.write(`${tag}${line}\n`);
    });
  }
  const exited = new Promise<number>((resolve) => proc.on("exit", (code) => resolve(code ?? 1)));
  return { name, proc, exited };
}

export async function stop(children: TChild[], timeoutMs = 15_000) {
  for (const c of children) {
    if (c.proc.exitCode === null && c.proc.pid) {
      try {
        process.kill(-c.proc.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
    const timer = setTimeout(() => c.proc.pid && process.kill(-c.proc.pid, "SIGKILL"), timeoutMs);
    await c.exited;
    clearTimeout(timer);
  }
}

export function portOpen(port: number, host = "127.0.0.1") {
  return new Promise<boolean>((resolve) => {
    const s = net.connect({ host, port });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

/** Waits until `check` passes, giving up (with the reason) after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 500,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

export async function httpOk(url: string) {
  try {
    const res = await fetch(url, { redirect: "manual" });
    return res.status < 500;
  } catch {
    return false;
  }
}
