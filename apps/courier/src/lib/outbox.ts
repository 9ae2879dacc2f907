// The phone's outbox: what the courier did without a connection (positions, arrivals, pick-ups,
// deliveries, problem reports), kept in IndexedDB so a closed tab or a dead battery loses nothing. Each entry
// carries a local id and the phone's clock at the moment of the action; entries are replayed in
// the order they were made (IndexedDB's auto-increment key), and the last server snapshot of
// the courier's deliveries is kept beside them so the app can still show the job offline.

export type TQueuedPosition = {
  lng: number;
  lat: number;
  recordedAt: string;
  accuracyM: number | null;
  headingDeg: number | null;
  speedMps: number | null;
};

export type TOutboxAction =
  | { kind: "positions"; positions: TQueuedPosition[] }
  | {
      kind: "arrivedAtPickup" | "arrivedAtDropoff";
      orderId: string;
      orderNumber: number;
      location: { lng: number; lat: number } | null;
    }
  | {
      kind: "pickUp";
      orderId: string;
      orderNumber: number;
      location: { lng: number; lat: number } | null;
    }
  | {
      kind: "deliver";
      orderId: string;
      orderNumber: number;
      pin: string;
      location: { lng: number; lat: number } | null;
    }
  | {
      kind: "reportProblem";
      orderId: string;
      orderNumber: number;
      problem: string;
      note?: string;
      location: { lng: number; lat: number } | null;
    };

export type TOutboxEntry = TOutboxAction & {
  seq?: number;
  localId: string;
  clientAt: string;
  /** Whose phone session made it: a queue is never replayed under someone else's sign-in. */
  courierId: string;
};

const DB_NAME = "lastmile-courier";
const OUTBOX = "outbox";
const SNAPSHOTS = "snapshots";

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(OUTBOX))
        db.createObjectStore(OUTBOX, { keyPath: "seq", autoIncrement: true });
      if (!db.objectStoreNames.contains(SNAPSHOTS)) db.createObjectStore(SNAPSHOTS);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = null;
      reject(
        req.error ?? new Error("This browser would not open its offline storage (IndexedDB)."),
      );
    };
  });
  return opening;
}

function run<T>(
  store: string,
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const req = fn(tx.objectStore(store));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? new Error("Offline storage refused the change."));
      }),
  );
}

const newLocalId = () =>
  typeof crypto.randomUUID === "function"
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;

/** Queues an action; returns the stored entry (with its local id and the phone's clock). */
export async function enqueue(
  courierId: string,
  action: TOutboxAction,
  clientAt: Date = new Date(),
): Promise<TOutboxEntry> {
  const entry: TOutboxEntry = {
    ...action,
    courierId,
    localId: newLocalId(),
    clientAt: clientAt.toISOString(),
  };
  const seq = await run(OUTBOX, "readwrite", (s) => s.add(entry));
  return { ...entry, seq: Number(seq) };
}

/** Everything `courierId` left waiting, oldest first. */
export const pending = (courierId: string) =>
  run<TOutboxEntry[]>(OUTBOX, "readonly", (s) => s.getAll() as IDBRequest<TOutboxEntry[]>).then(
    (all) => all.filter((e) => e.courierId === courierId),
  );

export const remove = (seq: number) => run(OUTBOX, "readwrite", (s) => s.delete(seq));

export const saveSnapshot = (key: string, value: unknown) =>
  run(SNAPSHOTS, "readwrite", (s) => s.put(value, key));

export const readSnapshot = <T>(key: string) =>
  run<T | undefined>(SNAPSHOTS, "readonly", (s) => s.get(key) as IDBRequest<T | undefined>);

/** The Web Lock page and service worker both hold while replaying: one replay at a time. */
export const OUTBOX_LOCK = "lastmile-courier-outbox";
/** The Background Sync tag the service worker replays the outbox on (public/sw.js). */
export const SYNC_TAG = "courier-outbox";

/** Runs `fn` holding the outbox lock (waits for a replay in the service worker to finish). */
export function withOutboxLock<T>(fn: () => Promise<T>): Promise<T> {
  if (typeof navigator === "undefined" || !navigator.locks) return fn();
  return navigator.locks.request(OUTBOX_LOCK, fn) as Promise<T>;
}

type TSyncRegistration = ServiceWorkerRegistration & {
  sync?: { register: (tag: string) => Promise<void> };
};

/**
 * Asks the browser to wake the service worker when the connection returns, even with the app
 * closed. Where Background Sync is missing (Firefox, Safari) the app replays when it is next
 * open and online, as before.
 */
export async function askForBackgroundSync() {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return false;
  const registration = (await navigator.serviceWorker.getRegistration()) as
    TSyncRegistration | undefined;
  if (!registration?.sync) return false;
  await registration.sync.register(SYNC_TAG).catch(() => undefined);
  return true;
}

export type TWorkerConflict = {
  localId: string;
  clientAt: string;
  orderNumber: number | null;
  what: string;
  message: string;
};

/** Refusals the service worker met replaying with the app closed; read once, then forgotten. */
export async function takeWorkerConflicts(courierId: string): Promise<TWorkerConflict[]> {
  const key = `conflicts:${courierId}`;
  const found = (await readSnapshot<TWorkerConflict[]>(key)) ?? [];
  if (found.length) await run(SNAPSHOTS, "readwrite", (s) => s.delete(key));
  return found;
}
