// Anyone may browse restaurants; an account, orders and checkout need a signed-in customer. The
// proxy also keeps an active session's cookie rolling.
import { createAuthProxy } from "@lastmile/auth/proxy";

const SIGNED_IN_ONLY = ["/account", "/orders", "/checkout", "/sign-out"];

export const proxy = createAuthProxy({
  portal: "customer",
  isProtected: (pathname) =>
    SIGNED_IN_ONLY.some((p) => pathname === p || pathname.startsWith(`${p}/`)),
});

export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:png|jpg|jpeg|svg|webp|ico|webmanifest|txt|js|css|map)$).*)",
  ],
};
