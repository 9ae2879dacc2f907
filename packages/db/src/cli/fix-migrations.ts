// drizzle-kit quotes custom types it does not know, writing "geography(Point,4326)" as if it
// were a type name. This unquotes PostGIS types in generated SQL; run after every generate.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { migrationsFolder } from "../paths";

for (const file of readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql"))) {
  const full = path.join(migrationsFolder, file);
  const before = readFileSync(full, "utf8");
  const after = before.replace(/"((?:geography|geometry)\([A-Za-z]+,\d+\))"/g, "$1");
  if (after !== before) {
    writeFileSync(full, after);
    console.log(`unquoted PostGIS types in ${file}`);
  }
}
