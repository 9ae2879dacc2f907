// Everything in the kitchen portal needs a signed-in owner or staff member, except the sign-in
// pages themselves; the proxy also keeps an active session's cookie rolling.
import { createAuthProxy } from "@lastmile/auth/proxy";

export const proxy = createAuthProxy({ portal: "merchant", isProtected: () => true });

export const config = {
  matcher: [
    "/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:png|jpg|jpeg|svg|webp|ico|webmanifest|txt|js|css|map)$).*)",
  ],
};
