import "server-only";

import { cookies } from "next/headers";

import { DEMO_DROPOFF, DROPOFF_COOKIE, parseDropoff } from "./dropoff";
import type { TDropoffChoice } from "./dropoff";

/** The chosen drop-off, and whether the customer chose it (false: the demo default). */
export async function currentDropoff(): Promise<{ dropoff: TDropoffChoice; chosen: boolean }> {
  const chosen = parseDropoff((await cookies()).get(DROPOFF_COOKIE)?.value);
  return chosen ? { dropoff: chosen, chosen: true } : { dropoff: DEMO_DROPOFF, chosen: false };
}
