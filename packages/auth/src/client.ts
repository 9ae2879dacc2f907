// Browser helpers over next-auth/react: sign in without a full-page redirect so the form can
// announce a refusal in place, and sign out. Errors come back as raw codes for messages.ts.
import { signIn, signOut } from "next-auth/react";

export type TSignInResult = { ok: true } | { ok: false; error: string };

async function attempt(provider: string, fields: Record<string, string>): Promise<TSignInResult> {
  try {
    const res = await signIn(provider, { ...fields, redirect: false });
    if (res?.ok && !res.error) return { ok: true };
    return { ok: false, error: res?.error ?? "unknown" };
  } catch {
    return { ok: false, error: "unknown" };
  }
}

export const signInWithPassword = (email: string, password: string) =>
  attempt("password", { email, password });

export const signInWithEmailLink = (
  email: string,
  token: string,
  kind: "magic-link" | "confirm-email",
) => attempt("email-link", { email, token, kind });

export const signOutOfPortal = () => signOut({ callbackUrl: "/sign-in" });
