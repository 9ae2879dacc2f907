// What the browser bundle may know about how it was built (no secrets: the courier app's
// server settings stay in src/env.ts).
/** Production builds register the service worker; dev servers must not (stale chunks). */
export const isProductionBuild = process.env.NODE_ENV === "production";
