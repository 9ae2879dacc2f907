// A Postgres wire-protocol server over one PGlite instance.
//
// PGlite has a single session, so connections must take turns. Taking turns per message (as
// pglite-socket 0.2 does) breaks the extended query protocol: another connection's Parse can
// land between this connection's Parse and Bind, and Bind then meets the wrong statement
// ("bind message supplies 1 parameters, but prepared statement "" requires 0"). Here a
// connection holds the session from its first message until it reaches a Sync or simple Query
// with no transaction open — the boundaries at which PostgreSQL itself is idle.
import net from "node:net";

import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;

/** Who holds the session; everyone else waits in arrival order. */
class SessionLock {
  private owner: number | null = null;
  private waiting: { id: number; grant: () => void }[] = [];

  acquire(id: number): Promise<void> {
    if (this.owner === null || this.owner === id) {
      this.owner = id;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ id, grant }));
  }

  release(id: number) {
    if (this.owner !== id) return;
    const next = this.waiting.shift();
    this.owner = next?.id ?? null;
    next?.grant();
  }

  /** A closed connection gives up its place, whether holding the session or waiting for it. */
  forget(id: number) {
    this.waiting = this.waiting.filter((w) => w.id !== id);
    this.release(id);
  }

  holds(id: number) {
    return this.owner === id;
  }
}

type TFrame = { kind: "ssl" | "cancel" | "startup" | "message"; type: number; bytes: Buffer };

/** Splits complete protocol frames off the front of a connection's buffer. */
function takeFrame(buf: Buffer, started: boolean): { frame: TFrame; rest: Buffer } | null {
  if (!started) {
    if (buf.length < 8) return null;
    const len = buf.readInt32BE(0);
    if (buf.length < len) return null;
    const code = buf.readInt32BE(4);
    const kind =
      code === SSL_REQUEST
        ? "ssl"
        : code === CANCEL_REQUEST
          ? "cancel"
          : code === PROTOCOL_3
            ? "startup"
            : "startup";
    return { frame: { kind, type: 0, bytes: buf.subarray(0, len) }, rest: buf.subarray(len) };
  }
  if (buf.length < 5) return null;
  const len = 1 + buf.readInt32BE(1);
  if (buf.length < len) return null;
  return {
    frame: { kind: "message", type: buf[0] as number, bytes: buf.subarray(0, len) },
    rest: buf.subarray(len),
  };
}

const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

export type TWireServer = { port: number; close: () => Promise<void> };

export async function serveWireProtocol(
  pg: PGlite,
  port: number,
  host = "127.0.0.1",
): Promise<TWireServer> {
  const lock = new SessionLock();
  const sockets = new Set<net.Socket>();
  let nextId = 1;

  const server = net.createServer((socket) => {
    const id = nextId++;
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer: Buffer = Buffer.alloc(0);
    let started = false;
    // One frame at a time per connection, in order.
    let chain: Promise<unknown> = Promise.resolve();

    const handle = async (frame: TFrame) => {
      if (frame.kind === "ssl") {
        socket.write("N"); // no TLS on loopback
        return;
      }
      if (frame.kind === "cancel") {
        socket.end(); // a single-session database has no backend to cancel
        return;
      }
      if (frame.kind === "startup") started = true;
      if (frame.kind === "message" && frame.type === TERMINATE) {
        socket.end();
        return;
      }
      await lock.acquire(id);
      await pg.runExclusive(() =>
        pg.execProtocolRawStream(new Uint8Array(frame.bytes), {
          onRawData: (data: Uint8Array) => {
            if (socket.writable) socket.write(data);
          },
        }),
      );
      const boundary = frame.kind === "startup" || frame.type === SYNC || frame.type === QUERY;
      if (boundary && !pg.isInTransaction()) lock.release(id);
    };

    socket.on("data", (data) => {
      buffer = Buffer.concat([buffer, data]);
      for (let next = takeFrame(buffer, started); next; next = takeFrame(buffer, started)) {
        buffer = next.rest;
        const frame = next.frame;
        if (frame.kind === "startup") started = true;
        chain = chain.then(() => handle(frame)).catch(() => socket.destroy());
      }
    });

    const cleanup = () => {
      sockets.delete(socket);
      chain = chain.then(async () => {
        // A client that vanished mid-transaction must not leave the session inside it.
        if (lock.holds(id) && pg.isInTransaction()) await pg.exec("ROLLBACK");
        lock.forget(id);
      });
    };
    socket.on("close", cleanup);
    socket.on("error", () => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });

  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
