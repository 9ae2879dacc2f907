// The payment settings, read once. Without STRIPE_SECRET_KEY the platform pays through the
// Local provider; STRIPE_API_HOST/PORT/PROTOCOL point the SDK at a stand-in (tests, demos).
import { z } from "zod";

export const ZPaymentsEnv = z
  .object({
    STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, "STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_… or sk_live_…).").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret (whsec_…).").optional(),
    NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(test|live)_/).optional(),
    STRIPE_API_HOST: z.string().optional(),
    STRIPE_API_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
  })
  .refine((e) => !e.STRIPE_SECRET_KEY || e.STRIPE_WEBHOOK_SECRET, {
    message: "With STRIPE_SECRET_KEY set, STRIPE_WEBHOOK_SECRET is needed too: payments are reconciled from signed webhooks.",
    path: ["STRIPE_WEBHOOK_SECRET"],
  });

export type TPaymentsEnv = z.infer<typeof ZPaymentsEnv>;

const blankToUndefined = (source: Record<string, string | undefined>) => Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));

export function readPaymentsEnv(source: Record<string, string | undefined> = process.env): TPaymentsEnv {
  const parsed = ZPaymentsEnv.safeParse(blankToUndefined(source));
  if (!parsed.success) throw new Error(`Payment settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
