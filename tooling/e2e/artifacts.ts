// Screenshots of what each portal shows, kept as CI artifacts under artifacts/e2e/.
import path from "node:path";
import { fileURLToPath } from "node:url";

import type { Page } from "@playwright/test";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../artifacts/e2e");

export const snapshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
