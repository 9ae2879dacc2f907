/* global self, caches, fetch, URL, Response */
// The courier app's service worker, hand-written (no build step, so it works with Turbopack):
// it keeps the app shell and the courier's current job on the phone so the app opens and shows
// the delivery without a connection, and falls back to /offline for pages never visited.
// Mutations are never cached or replayed here: the app's IndexedDB outbox does that, in order,
// with the courier watching.
const VERSION = "courier-v1";
const SHELL = `${VERSION}-shell`;
const PAGES = `${VERSION}-pages`;
const DATA = `${VERSION}-data`;
const PRECACHE = [
  "/offline",
  "/manifest.webmanifest",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/icon.svg",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => !k.startsWith(VERSION)).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

/** The courier's own state, read over tRPC GET: kept so a reopened app still shows the job. */
const CACHED_QUERIES =
  /^\/api\/trpc\/(courier\.(me|deliveries|earnings)|me\.session|catalog\.cityMap)(,(courier\.(me|deliveries|earnings)|me\.session|catalog\.cityMap))*$/;

async function networkFirst(request, cacheName, key) {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    // Only real pages: a redirect to sign-in or an error page must not replace the shell.
    if (response.ok && !response.redirected) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(key, { ignoreVary: true });
    if (hit) return hit;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  // Signing out or in: the kept pages and data were someone's own; a shared phone forgets them.
  if (
    request.mode === "navigate" &&
    (url.pathname === "/sign-out" || url.pathname === "/sign-in")
  ) {
    event.waitUntil(Promise.all([caches.delete(PAGES), caches.delete(DATA)]));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(
      networkFirst(request, PAGES, url.pathname).catch(async () => {
        const pages = await caches.open(PAGES);
        return (
          (await pages.match("/", { ignoreVary: true })) ??
          (await caches.match("/offline", { ignoreVary: true })) ??
          Response.error()
        );
      }),
    );
    return;
  }
  // Content-hashed build output and the icons never change under the same URL.
  if (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (CACHED_QUERIES.test(url.pathname)) {
    event.respondWith(networkFirst(request, DATA, request.url));
  }
  // Everything else (other API calls, realtime auth, RSC payloads) goes to the network as usual.
});
