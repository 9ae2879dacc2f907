// Where the end-to-end run serves each portal and its database: ports apart from `pnpm dev`'s,
// so a developer's running platform and its data are never touched.
export const E2E_DB_PORT = Number(process.env.E2E_DB_PORT ?? 54330);
export const E2E_DB_DIR = process.env.E2E_DB_DIR ?? ".data/e2e";

/** The first of four consecutive ports the portals run on (4000 unless E2E_PORT_BASE says). */
const BASE = Number(process.env.E2E_PORT_BASE ?? 4000);

export const PORTALS = {
  customer: BASE,
  merchant: BASE + 1,
  courier: BASE + 2,
  admin: BASE + 3,
} as const;

export type TPortal = keyof typeof PORTALS;
export const portalUrl = (p: TPortal) => `http://localhost:${PORTALS[p]}`;
