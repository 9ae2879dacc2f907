// The end-to-end database, read directly so each spec can check the page against the truth.
import { createDb } from "@lastmile/db/client";

import { E2E_DB_PORT } from "./portals";

export const e2eDb = () =>
  createDb({
    url: `postgres://postgres:postgres@127.0.0.1:${E2E_DB_PORT}/postgres`,
    max: 1,
    embedded: true,
  });
