"use client";
// Registers /sw.js in production builds (in development the unhashed chunks would go stale in
// its cache and hide code changes).
import { useEffect } from "react";

import { isProductionBuild } from "~/lib/public/env";

export function ServiceWorker() {
  useEffect(() => {
    if (!isProductionBuild || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
      console.error(
        "The service worker could not be registered; the app works, but not offline.",
        error,
      );
    });
  }, []);
  return null;
}
