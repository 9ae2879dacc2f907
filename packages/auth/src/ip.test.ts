import { describe, expect, it } from "vitest";

import { clientIp } from "./ip";

describe("client IP for rate limits", () => {
  it("takes the address the nearest proxy (or Next itself) recorded", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "1.2.3.4" }), 1)).toBe("1.2.3.4");
    // Whatever a client claimed on the left is ignored: the proxy appended the real address.
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 1.2.3.4" }), 1)).toBe("1.2.3.4");
  });

  it("skips as many trusted proxies as configured, counting from the right", () => {
    const h = { "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.2" };
    expect(clientIp(h, 2)).toBe("198.51.100.9");
    expect(clientIp(h, 3)).toBe("6.6.6.6");
    expect(clientIp(h, 9)).toBe("6.6.6.6");
  });

  it("unwraps IPv4-mapped IPv6 and falls back to a shared bucket", () => {
    expect(clientIp({ "x-forwarded-for": "::ffff:127.0.0.1" }, 1)).toBe("127.0.0.1");
    expect(clientIp({}, 1)).toBe("unknown");
  });
});
