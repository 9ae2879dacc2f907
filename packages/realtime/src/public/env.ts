// What browsers may know about realtime: the public key and where to connect, as Next.js inlined
// the NEXT_PUBLIC_PUSHER_* settings at build time. Kept apart from ../env.ts so a portal's browser
// bundle carries no server setting, not even the development secret, and no zod: ../env.ts checks
// these same variables with its schema when a server starts, and carrying zod into every page
// only to re-read five strings cost ~110 kB of script to parse on each first visit.
export const DEV_APP_KEY = "lastmile-dev-key";
export const EMBEDDED_HOST = "127.0.0.1";
export const EMBEDDED_PORT = 6001;

const set = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

export function publicSettings() {
  const port = set(process.env.NEXT_PUBLIC_PUSHER_PORT);
  const tls = set(process.env.NEXT_PUBLIC_PUSHER_TLS);
  return {
    key: set(process.env.NEXT_PUBLIC_PUSHER_KEY) ?? DEV_APP_KEY,
    host: set(process.env.NEXT_PUBLIC_PUSHER_HOST),
    port: port === undefined ? undefined : Number(port),
    tls: tls === undefined ? undefined : tls === "true",
    cluster: set(process.env.NEXT_PUBLIC_PUSHER_CLUSTER),
  };
}
