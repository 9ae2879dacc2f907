// The Next.js settings every portal shares: internal packages compiled from source, and
// security headers on every response.

const isDev = process.env.NODE_ENV !== "production";

const csp = [
  "default-src 'self'",
  // Next's bootstrap is inline; dev mode's fast refresh also needs eval.
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  // Realtime (Pusher protocol) and map tiles talk over their own origins.
  "connect-src 'self' ws: wss: http://127.0.0.1:6001 https://*.pusher.com wss://*.pusher.com https://api.mapbox.com https://events.mapbox.com",
  "worker-src 'self' blob:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

export const securityHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), payment=(self), geolocation=(self)",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * @param {import("next").NextConfig} config
 * @returns {import("next").NextConfig}
 */
export function withLastmile(config = {}) {
  return {
    reactStrictMode: true,
    poweredByHeader: false,
    transpilePackages: ["@lastmile/api", "@lastmile/db", "@lastmile/realtime", "@lastmile/ui"],
    typescript: { ignoreBuildErrors: true }, // `pnpm typecheck` checks types once for the whole repo
    ...config,
    async headers() {
      const own = config.headers ? await config.headers() : [];
      return [{ source: "/:path*", headers: securityHeaders }, ...own];
    },
  };
}
