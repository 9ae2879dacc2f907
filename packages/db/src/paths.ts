// Where things live on disk, resolved from this package rather than the caller's cwd.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export const packageRoot = path.resolve(here, "..");
export const migrationsFolder = path.join(packageRoot, "migrations");

/** The monorepo root: the nearest folder up from here holding pnpm-workspace.yaml. */
export const repoRoot = (() => {
  let dir = packageRoot;
  while (!existsSync(path.join(dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return packageRoot;
    dir = parent;
  }
  return dir;
})();

export const resolveFromRoot = (p: string) => (path.isAbsolute(p) ? p : path.join(repoRoot, p));
