// The caller's IP address for rate limits. X-Forwarded-For is read from the right: each trusted
// proxy appends the address it saw, so entries further left are whatever the client claimed.
// Next's own server fills the header from the socket only when a request arrives without one,
// so a portal exposed with no proxy in front cannot tell a client's real address from a claimed
// one — deploy behind a proxy that appends (or overwrites) X-Forwarded-For.

type THeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(h: THeaderSource, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v.join(",") : v;
}

/** `trustedProxies`: how many proxies in front of the portal append to X-Forwarded-For (≥ 1). */
export function clientIp(h: THeaderSource, trustedProxies: number): string {
  const forwarded = (header(h, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const ip =
    forwarded[forwarded.length - Math.max(1, trustedProxies)] ??
    forwarded[0] ??
    header(h, "x-real-ip");
  return ip ? ip.replace(/^::ffff:/, "") : "unknown";
}
