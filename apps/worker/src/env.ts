import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

export const env = createEnv({
  server: {
    WORKER_TICK_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
    WORKER_OUTBOX_BATCH: z.coerce.number().int().min(1).max(500).default(25),
    /** Orders given a dispatch round per pass. */
    WORKER_DISPATCH_BATCH: z.coerce.number().int().min(1).max(1000).default(50),
    /** How long courier location history is kept. */
    WORKER_LOCATION_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
});
