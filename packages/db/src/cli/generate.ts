// `pnpm db:generate [--name what_changed]`: drizzle-kit generates the migration, then PostGIS
// types it quoted are unquoted (see fix-migrations.ts).
import { execFileSync } from "node:child_process";

import { packageRoot } from "../paths";

execFileSync("pnpm", ["exec", "drizzle-kit", "generate", ...process.argv.slice(2)], { cwd: packageRoot, stdio: "inherit" });
await import("./fix-migrations");
