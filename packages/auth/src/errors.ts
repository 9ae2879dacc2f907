// Why a sign-in or an auth request was refused. The code travels to the browser as next-auth's
// `error` parameter (`code` or `code:detail`), where messages.ts turns it into words. Codes that
// follow a wrong password never say whether the account exists.
import type { TPortal } from "./portals";

export type TAuthErrorCode =
  /** Wrong email or password, unknown email, or an address not confirmed yet. */
  | "invalid-credentials"
  /** Too many failures for this address: detail = seconds to wait. */
  | "throttled"
  /** Too many attempts from this IP: detail = seconds to wait. */
  | "rate-limited"
  /** Right password, but the account (or its courier profile or restaurant) is suspended. */
  | "suspended"
  /** Right password, application not approved yet. */
  | "pending"
  /** Right password, application turned down. */
  | "rejected"
  /** Right password, wrong portal: detail = the portal the account belongs in, or "none". */
  | "wrong-portal"
  /** An emailed link that is unknown, used or expired. */
  | "link-invalid";

export class AuthError extends Error {
  constructor(
    readonly code: TAuthErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}:${detail}` : code);
    this.name = "AuthError";
  }

  static wrongPortal(home: TPortal | null) {
    return new AuthError("wrong-portal", home ?? "none");
  }

  get retryAfterS(): number | null {
    return this.code === "throttled" || this.code === "rate-limited" ? Number(this.detail) : null;
  }
}

const CODES: readonly TAuthErrorCode[] = [
  "invalid-credentials",
  "throttled",
  "rate-limited",
  "suspended",
  "pending",
  "rejected",
  "wrong-portal",
  "link-invalid",
];

/** Reads `code[:detail]` back; anything else (next-auth's own codes) becomes a generic failure. */
export function parseAuthError(raw: string | null | undefined): {
  code: TAuthErrorCode | "unknown";
  detail?: string;
} {
  if (!raw) return { code: "unknown" };
  const [code, ...rest] = raw.split(":");
  const detail = rest.join(":") || undefined;
  if (CODES.includes(code as TAuthErrorCode)) return { code: code as TAuthErrorCode, detail };
  if (code === "CredentialsSignin") return { code: "invalid-credentials" };
  return { code: "unknown" };
}
