// The two signatures of the Pusher protocol, as the embedded server checks them: channel
// subscriptions (`key:hex(hmac_sha256(secret, socket_id:channel[:channel_data]))`) and HTTP API
// requests (`hmac_sha256(secret, METHOD\npath\nsorted query)` plus the body's MD5).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type TApp = { id: string; key: string; secret: string };

const hmac = (secret: string, data: string) =>
  createHmac("sha256", secret).update(data, "utf8").digest("hex");

function sameText(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signChannel(app: TApp, socketId: string, channel: string, channelData?: string) {
  return `${app.key}:${hmac(app.secret, [socketId, channel, ...(channelData === undefined ? [] : [channelData])].join(":"))}`;
}

/** Does `auth` sign this socket's subscription to `channel` (with `channelData` for presence)? */
export function channelAuthValid(
  app: TApp,
  socketId: string,
  channel: string,
  auth: unknown,
  channelData?: string,
) {
  return (
    typeof auth === "string" && sameText(auth, signChannel(app, socketId, channel, channelData))
  );
}

/** Signature base string: lower-cased keys sorted, auth_signature left out. */
function queryToSign(params: URLSearchParams) {
  return [...params.entries()]
    .filter(([k]) => k !== "auth_signature")
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

export function signRequest(app: TApp, method: string, path: string, params: URLSearchParams) {
  return hmac(app.secret, [method.toUpperCase(), path, queryToSign(params)].join("\n"));
}

/** How far a request's auth_timestamp may stray from the server's clock (Pusher allows 600 s). */
export const MAX_CLOCK_SKEW_S = 600;

/** Why a signed HTTP API request must be refused, or null when it checks out. */
export function requestRefusal(
  app: TApp,
  req: { method: string; path: string; params: URLSearchParams; body: string; nowS?: number },
): string | null {
  const p = req.params;
  if (p.get("auth_key") !== app.key)
    return `auth_key "${p.get("auth_key") ?? ""}" is not this app's key`;
  if (p.get("auth_version") !== "1.0")
    return `auth_version must be 1.0, got "${p.get("auth_version") ?? ""}"`;
  const ts = Number(p.get("auth_timestamp"));
  const now = req.nowS ?? Date.now() / 1000;
  if (!Number.isFinite(ts) || Math.abs(now - ts) > MAX_CLOCK_SKEW_S)
    return `auth_timestamp is missing or more than ${MAX_CLOCK_SKEW_S} s from the server's clock`;
  if (req.body.length > 0) {
    const md5 = createHash("md5").update(req.body, "utf8").digest("hex");
    if (p.get("body_md5") !== md5) return "body_md5 does not match the body";
  } else if (
    p.has("body_md5") &&
    p.get("body_md5") !== createHash("md5").update("").digest("hex")
  ) {
    return "body_md5 does not match the (empty) body";
  }
  const given = p.get("auth_signature") ?? "";
  if (!sameText(given, signRequest(app, req.method, req.path, p)))
    return "auth_signature does not match (check the app secret)";
  return null;
}
