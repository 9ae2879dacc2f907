/* global self, caches, fetch, URL, Response, indexedDB, navigator */
// The courier app's service worker, hand-written (no build step, so it works with Turbopack):
// it keeps the app shell and the courier's current job on the phone so the app opens and shows
// the delivery without a connection, and falls back to /offline for pages never visited.
// Mutations are never cached here. The app's IndexedDB outbox replays them in order while the app
// is open; when it was closed or backgrounded before the connection came back, Background Sync
// wakes this worker to replay the same outbox (see `sync` below).
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

// ---- Background Sync: the outbox replayed with the app closed ------------------------------
// The page registers the "courier-outbox" sync tag whenever it queues an action; the browser
// fires `sync` once it is online again, even if no tab is open. The replay mirrors the page's
// (src/app/_components/use-sync.ts): oldest first, consecutive positions in one report, stop at
// the first request that cannot get through (the browser retries the sync later), keep every
// refusal as a conflict the app shows when next opened. Page and worker take the same Web Lock
// and delete each entry as soon as its answer is in, so no entry is ever sent twice.
const SYNC_TAG = "courier-outbox";
const OUTBOX_LOCK = "lastmile-courier-outbox";
const DB_NAME = "lastmile-courier";
const MAX_BATCH = 100;
const PROCEDURE = {
  positions: "courier.reportLocations",
  arrivedAtPickup: "courier.arrivedAtPickup",
  arrivedAtDropoff: "courier.arrivedAtDropoff",
  pickUp: "courier.pickUp",
  deliver: "courier.deliver",
  reportProblem: "courier.reportProblem",
};
const WHAT = {
  arrivedAtPickup: "Arrival at the restaurant",
  arrivedAtDropoff: "Arrival at the door",
  pickUp: "Pick-up",
  deliver: "Delivery",
  reportProblem: "Problem report",
};

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains("outbox"))
        db.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
      if (!db.objectStoreNames.contains("snapshots")) db.createObjectStore("snapshots");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function inStore(db, store, mode, fn) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
  });
}

/** One tRPC mutation as the app's client sends it (superjson envelope, same-origin cookies). */
async function mutate(path, input) {
  const res = await fetch(`/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-trpc-source": "courier-sw" },
    credentials: "same-origin",
    body: JSON.stringify({ json: input }),
  });
  const body = await res.json().catch(() => null);
  const error = body && body.error ? body.error.json || body.error : null;
  if (error) {
    const code = error.data && error.data.code;
    // No tRPC code (a proxy's page, the CSRF guard): not an answer from the app, try again later.
    if (!code)
      throw Object.assign(new Error(error.message || "unreachable"), { unreachable: true });
    throw Object.assign(new Error(error.message), { code });
  }
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { unreachable: true });
  return body && body.result && body.result.data ? body.result.data.json : null;
}

function inputOf(entry) {
  const location = entry.location || undefined;
  switch (entry.kind) {
    case "arrivedAtPickup":
    case "arrivedAtDropoff":
      return { orderId: entry.orderId, location, arrivedAt: entry.clientAt };
    case "pickUp":
      return { orderId: entry.orderId, location };
    case "deliver":
      return { orderId: entry.orderId, pin: entry.pin, location };
    case "reportProblem":
      return {
        orderId: entry.orderId,
        problem: entry.problem,
        note: entry.note,
        location,
        reportedAt: entry.clientAt,
      };
    default:
      return null;
  }
}

async function appendSnapshot(db, key, items) {
  if (items.length === 0) return;
  const before = (await inStore(db, "snapshots", "readonly", (s) => s.get(key))) || [];
  await inStore(db, "snapshots", "readwrite", (s) => s.put([...before, ...items].slice(-50), key));
}

async function replayOutbox() {
  // Whose session is this? Only their entries go out (a shared phone may hold another's queue).
  const me = await fetch("/api/trpc/courier.me", { credentials: "same-origin" });
  if (!me.ok) {
    if (me.status === 401 || me.status === 403) return; // signed out: wait for the app
    throw new Error(`courier.me answered ${me.status}`);
  }
  const courier = ((await me.json()).result || {}).data;
  const courierId = courier && courier.json ? courier.json.id : null;
  if (!courierId) return;

  const db = await openDb();
  const all = await inStore(db, "outbox", "readonly", (s) => s.getAll());
  const entries = all.filter((e) => e.courierId === courierId).sort((a, b) => a.seq - b.seq);
  const conflicts = [];
  try {
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      let batch = [entry];
      let input;
      if (entry.kind === "positions") {
        const positions = [...entry.positions];
        while (
          entries[i + 1] &&
          entries[i + 1].kind === "positions" &&
          positions.length + entries[i + 1].positions.length <= MAX_BATCH
        ) {
          const next = entries[++i];
          positions.push(...next.positions);
          batch = [...batch, next];
        }
        input = { positions };
      } else {
        input = inputOf(entry);
      }
      try {
        await mutate(PROCEDURE[entry.kind], input);
        if (entry.kind === "positions")
          await inStore(db, "snapshots", "readwrite", (s) =>
            s.put(Date.now(), `lastSentAt:${courierId}`),
          );
      } catch (error) {
        if (error.unreachable || !error.code) throw error; // keep this and the rest for later
        const message = String(error.message);
        const alreadyDone =
          (entry.kind === "pickUp" && / is on its way;/.test(message)) ||
          (entry.kind === "deliver" && / is delivered;/.test(message));
        if (entry.kind !== "positions" && !alreadyDone)
          conflicts.push({
            localId: entry.localId,
            clientAt: entry.clientAt,
            orderNumber: entry.orderNumber,
            what: `${WHAT[entry.kind]} of order #${entry.orderNumber}`,
            message,
          });
      }
      for (const b of batch) await inStore(db, "outbox", "readwrite", (s) => s.delete(b.seq));
    }
  } finally {
    await appendSnapshot(db, `conflicts:${courierId}`, conflicts);
    db.close();
    // An open (backgrounded) app refetches and shows the conflicts at once.
    const windows = await self.clients.matchAll({ type: "window" });
    for (const w of windows) w.postMessage({ type: "outbox-replayed" });
  }
}

self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  const run = () => replayOutbox();
  // A rejected promise tells the browser to retry the sync later (with backoff).
  event.waitUntil(navigator.locks ? navigator.locks.request(OUTBOX_LOCK, run) : run());
});
