// Where the end-to-end run serves each portal and its database: ports apart from `pnpm dev`'s,
// so a developer's running platform and its data are never touched.
export const E2E_DB_PORT = Number(process.env.E2E_DB_PORT ?? 54330);
export const E2E_DB_DIR = process.env.E2E_DB_DIR ?? ".data/e2e";

export const PORTALS = {
  customer: 4000,
  merchant: 4001,
  courier: 4002,
  admin: 4003,
} as const;

export type TPortal = keyof typeof PORTALS;
export const portalUrl = (p: TPortal) => `http://localhost:${PORTALS[p]}`;
