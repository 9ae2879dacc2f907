// Sign-in configuration. Every variable is optional in development; production must set
// AUTH_SECRET (and each portal's public URL, which links in emails are built from).
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

const DEV_SECRET = "lastmile-development-secret-do-not-use-in-production";

const isProduction = process.env.NODE_ENV === "production";

/** Where each portal runs under `pnpm dev`. */
export const DEFAULT_PORTAL_URLS = {
  customer: "http://localhost:3000",
  merchant: "http://localhost:3001",
  courier: "http://localhost:3002",
  admin: "http://localhost:3003",
} as const;

export const env = createEnv({
  server: {
    /** Encrypts session tokens (JWE). 32+ random bytes: `openssl rand -base64 32`. */
    AUTH_SECRET: isProduction
      ? z.string().min(32, "AUTH_SECRET must be at least 32 characters")
      : z.string().min(32).default(DEV_SECRET),
    /**
     * Proxies in front of the portals that append to X-Forwarded-For (load balancer, CDN…). The
     * client's IP, for rate limits, is read that many entries from the right, never from the left.
     */
    AUTH_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(5).default(1),
    /**
     * `__Host-` cookies with the Secure flag. On by default in production; turn off only to
     * run a production build over plain http on a browser that refuses Secure cookies there.
     */
    AUTH_SECURE_COOKIES: z
      .enum(["true", "false"])
      .default(isProduction ? "true" : "false")
      .transform((v) => v === "true"),
    /** Where people write when something is wrong with their account. */
    SUPPORT_EMAIL: z.email().default("support@lastmile.dev"),
    // The public address of each portal: links in emails and "sign in over there" hints.
    NEXT_PUBLIC_CUSTOMER_URL: z.url().default(DEFAULT_PORTAL_URLS.customer),
    NEXT_PUBLIC_MERCHANT_URL: z.url().default(DEFAULT_PORTAL_URLS.merchant),
    NEXT_PUBLIC_COURIER_URL: z.url().default(DEFAULT_PORTAL_URLS.courier),
    NEXT_PUBLIC_ADMIN_URL: z.url().default(DEFAULT_PORTAL_URLS.admin),
  },
  runtimeEnv: process.env,
  emptyStringAsUndefined: true,
  // `next build` runs with NODE_ENV=production but is not where secrets live; the server checks.
  skipValidation: process.env.NEXT_PHASE === "phase-production-build",
});

/**
 * next-auth 4 reads its canonical URL from NEXTAUTH_URL and otherwise assumes
 * http://localhost:3000; each portal process points it at its own `/api/auth`.
 */
export function setNextAuthUrl(url: string) {
  process.env.NEXTAUTH_URL ??= url;
}
