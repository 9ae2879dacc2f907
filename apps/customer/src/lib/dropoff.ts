// The drop-off the customer chose, kept in a cookie so server components render the restaurants,
// menus and fees for it on the first request (no client waterfall), whether or not they are
// signed in.
import { z } from "zod";

export const DROPOFF_COOKIE = "lm_dropoff";

export const ZDropoffChoice = z.object({
  label: z.string().trim().min(1, "Name the address").max(200),
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** A saved address of the signed-in customer; checkout then uses its details and instructions. */
  addressId: z.uuid().optional(),
});
export type TDropoffChoice = z.infer<typeof ZDropoffChoice>;

/** Where the home page looks for food until the customer picks an address: Praça do Rossio. */
export const DEMO_DROPOFF: TDropoffChoice = { label: "Praça do Rossio, Baixa", lng: -9.1393, lat: 38.7139 };

export function parseDropoff(raw: string | undefined): TDropoffChoice | null {
  if (!raw) return null;
  try {
    const parsed = ZDropoffChoice.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
