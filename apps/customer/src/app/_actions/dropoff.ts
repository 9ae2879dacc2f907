"use server";
// Choosing where to deliver: validated, then kept for a year in a cookie the server reads.
import { cookies } from "next/headers";

import { DROPOFF_COOKIE, ZDropoffChoice } from "~/lib/dropoff";

export async function chooseDropoff(input: unknown): Promise<{ ok: true } | { ok: false; error: string }> {
  const parsed = ZDropoffChoice.safeParse(input);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0]?.message ?? "That address could not be used." };
  (await cookies()).set(DROPOFF_COOKIE, JSON.stringify(parsed.data), {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 365 * 24 * 3600,
  });
  return { ok: true };
}
