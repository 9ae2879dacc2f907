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
