// Everything in the courier app needs a signed-in, approved courier, except the sign-in pages
// themselves and the offline page the service worker keeps; the proxy also keeps an active session's cookie rolling.
import { createAuthProxy } from "@lastmile/auth/proxy";

export const proxy = createAuthProxy({
  portal: "courier",
  isProtected: (pathname) => pathname !== "/offline",
});

export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:png|jpg|jpeg|svg|webp|ico|webmanifest|txt|js|css|map)$).*)",
  ],
};
