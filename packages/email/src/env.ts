// The email settings, read once. Without RESEND_API_KEY mail is printed to the worker's log and
// stays readable in the admin Outbox page.
import { z } from "zod";

export const ZEmailEnv = z.object({
  RESEND_API_KEY: z.string().startsWith("re_", "RESEND_API_KEY must be a Resend API key (re_…).").optional(),
  /** Another Resend-compatible endpoint (the tests' catcher). */
  RESEND_BASE_URL: z.url().optional(),
  EMAIL_FROM: z.string().min(3).default("Lastmile <no-reply@lastmile.dev>"),
  /** Where links in customer mail point (the same setting the portals use). */
  NEXT_PUBLIC_CUSTOMER_URL: z.url().default("http://localhost:3000"),
  /** Where links in restaurant mail point. */
  NEXT_PUBLIC_MERCHANT_URL: z.url().default("http://localhost:3001"),
});
export type TEmailEnv = z.infer<typeof ZEmailEnv>;

export function readEmailEnv(source: Record<string, string | undefined> = process.env): TEmailEnv {
  const parsed = ZEmailEnv.safeParse(Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v])));
  if (!parsed.success) throw new Error(`Email settings: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}

/** An absolute link into the customer portal, for mail sent from the domain (which knows no URLs). */
export const customerLink = (path: string, env: Pick<TEmailEnv, "NEXT_PUBLIC_CUSTOMER_URL"> = readEmailEnv()) => new URL(path, `${env.NEXT_PUBLIC_CUSTOMER_URL.replace(/\/$/, "")}/`).toString();

/** An absolute link into the merchant portal (a new order's kitchen board). */
export const merchantLink = (path: string, env: Pick<TEmailEnv, "NEXT_PUBLIC_MERCHANT_URL"> = readEmailEnv()) => new URL(path, `${env.NEXT_PUBLIC_MERCHANT_URL.replace(/\/$/, "")}/`).toString();
