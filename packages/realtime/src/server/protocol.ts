// The WebSocket half of the Pusher protocol (version 7) for one app: connections, public,
// private and presence channels, client events, and keep-alive. What pusher-js expects on the
// wire: `{event, channel?, data}` frames whose `data` is a JSON *string* when the server sends.
import { randomInt } from "node:crypto";

import type { WebSocket } from "ws";

import { channelAuthValid } from "./signatures";
import type { TApp } from "./signatures";

/** Pusher's limits: a message's data, a channel name. */
export const MAX_MESSAGE_BYTES = 10 * 1024;
const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;

export type THubOptions = {
  /** Seconds of silence before either side pings (sent to the client in the handshake). */
  activityTimeoutS: number;
  /** How long to wait for any reply to the server's ping before dropping the connection. */
  pongTimeoutMs: number;
};

type TMember = { info: unknown; sockets: number };
type TConnection = {
  ws: WebSocket;
  socketId: string;
  /** channel → presence user id (undefined on other channels) */
  channels: Map<string, string | undefined>;
  idle?: NodeJS.Timeout;
  pong?: NodeJS.Timeout;
};

type TFrame = { event?: unknown; channel?: unknown; data?: unknown };

const frame = (event: string, data: unknown, channel?: string) =>
  JSON.stringify({
    event,
    ...(channel ? { channel } : {}),
    data: typeof data === "string" ? data : JSON.stringify(data),
  });

// Errors the client reads (pusher:error data is an object, as Pusher sends it).
const errorFrame = (message: string, code: number | null = null) =>
  JSON.stringify({ event: "pusher:error", data: { code, message } });

const kindOf = (channel: string) =>
  channel.startsWith("presence-")
    ? "presence"
    : channel.startsWith("private-")
      ? "private"
      : "public";

export class AppHub {
  readonly connections = new Map<string, TConnection>();
  private readonly channels = new Map<string, Set<TConnection>>();
  private readonly members = new Map<string, Map<string, TMember>>();

  constructor(
    readonly app: TApp,
    private readonly options: THubOptions,
  ) {}

  /** Takes over an upgraded WebSocket: handshake, then frames until it closes. */
  accept(ws: WebSocket) {
    let socketId: string;
    do socketId = `${randomInt(1, 2 ** 40)}.${randomInt(1, 2 ** 40)}`;
    while (this.connections.has(socketId));
    const conn: TConnection = { ws, socketId, channels: new Map() };
    this.connections.set(socketId, conn);
    ws.on("message", (raw, isBinary) => {
      this.touch(conn);
      if (isBinary)
        return void ws.send(errorFrame("Binary frames are not part of the protocol", 4200));
      this.receive(conn, raw.toString());
    });
    ws.on("close", () => this.drop(conn));
    ws.on("error", () => ws.terminate());
    ws.send(
      frame("pusher:connection_established", {
        socket_id: socketId,
        activity_timeout: this.options.activityTimeoutS,
      }),
    );
    this.touch(conn);
  }

  /** Delivers an event to every subscriber of `channel` but `exceptSocketId`; how many got it. */
  publish(channel: string, name: string, data: string, exceptSocketId?: string) {
    const subscribers = this.channels.get(channel);
    if (!subscribers) return 0;
    const message = frame(name, data, channel);
    let sent = 0;
    for (const c of subscribers) {
      if (c.socketId === exceptSocketId) continue;
      c.ws.send(message);
      sent++;
    }
    return sent;
  }

  channelNames() {
    return [...this.channels.keys()];
  }

  subscriptionCount(channel: string) {
    return this.channels.get(channel)?.size ?? 0;
  }

  presenceUsers(channel: string) {
    return [...(this.members.get(channel)?.keys() ?? [])];
  }

  /** Closes one connection from the server side, as a restart or a network drop would. */
  disconnect(socketId: string, code = 4200, reason = "Reconnect now") {
    const conn = this.connections.get(socketId);
    if (!conn) return false;
    conn.ws.close(code, reason);
    return true;
  }

  closeAll(code = 4200, reason = "Server shutting down") {
    for (const c of this.connections.values()) c.ws.close(code, reason);
  }

  // ── keep-alive: after activity_timeout of silence ping; no answer within pongTimeout, drop ──
  private touch(conn: TConnection) {
    clearTimeout(conn.pong);
    clearTimeout(conn.idle);
    conn.idle = setTimeout(() => {
      conn.ws.send(JSON.stringify({ event: "pusher:ping", data: {} }));
      conn.pong = setTimeout(
        () => conn.ws.close(4201, "Pong reply not received"),
        this.options.pongTimeoutMs,
      );
    }, this.options.activityTimeoutS * 1000);
  }

  private receive(conn: TConnection, text: string) {
    let msg: TFrame;
    try {
      msg = JSON.parse(text) as TFrame;
    } catch {
      return void conn.ws.send(errorFrame("Messages must be JSON", 4200));
    }
    if (typeof msg !== "object" || msg === null || typeof msg.event !== "string")
      return void conn.ws.send(errorFrame("Messages need an event name", 4200));
    // Clients send data as an object, though some send it as a JSON string.
    let data = msg.data;
    if (typeof data === "string" && msg.event.startsWith("pusher:")) {
      try {
        data = JSON.parse(data);
      } catch {
        // left as the string it is
      }
    }
    const d = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
    switch (msg.event) {
      case "pusher:ping":
        return void conn.ws.send(JSON.stringify({ event: "pusher:pong", data: {} }));
      case "pusher:pong":
        return;
      case "pusher:subscribe":
        return this.subscribe(conn, d);
      case "pusher:unsubscribe":
        return typeof d.channel === "string" ? this.unsubscribe(conn, d.channel) : undefined;
      default:
        if (msg.event.startsWith("client-"))
          return this.clientEvent(conn, msg.event, msg.channel, msg.data, text);
        return void conn.ws.send(errorFrame(`Unsupported event "${msg.event}"`));
    }
  }

  private subscribe(conn: TConnection, d: Record<string, unknown>) {
    const channel = d.channel;
    const refuse = (status: number, error: string) =>
      conn.ws.send(
        JSON.stringify({
          event: "pusher:subscription_error",
          channel,
          data: { type: "AuthError", error, status },
        }),
      );
    if (typeof channel !== "string" || !CHANNEL_NAME.test(channel))
      return void conn.ws.send(errorFrame(`Invalid channel name "${String(channel)}"`, 4009));
    if (conn.channels.has(channel))
      return void conn.ws.send(
        frame("pusher_internal:subscription_succeeded", this.succeeded(channel), channel),
      );
    const kind = kindOf(channel);
    if (channel.startsWith("private-encrypted-"))
      return refuse(400, "Encrypted channels are not supported by the embedded server");
    const channelData = typeof d.channel_data === "string" ? d.channel_data : undefined;
    if (
      kind !== "public" &&
      !channelAuthValid(
        this.app,
        conn.socketId,
        channel,
        d.auth,
        kind === "presence" ? channelData : undefined,
      )
    ) {
      return refuse(
        401,
        `Invalid signature for ${channel}: expected HMAC-SHA256 of "${conn.socketId}:${channel}${kind === "presence" ? ":<channel_data>" : ""}" with the app secret`,
      );
    }
    let userId: string | undefined;
    let userInfo: unknown;
    if (kind === "presence") {
      try {
        const parsed = JSON.parse(channelData ?? "") as { user_id?: unknown; user_info?: unknown };
        if (typeof parsed.user_id !== "string" && typeof parsed.user_id !== "number")
          throw new Error("no user_id");
        userId = String(parsed.user_id);
        userInfo = parsed.user_info;
      } catch {
        return refuse(400, "Presence channels need channel_data with a user_id");
      }
    }
    const subscribers = this.channels.get(channel) ?? new Set();
    this.channels.set(channel, subscribers);
    subscribers.add(conn);
    conn.channels.set(channel, userId);
    if (userId !== undefined) {
      const members = this.members.get(channel) ?? new Map<string, TMember>();
      this.members.set(channel, members);
      const member = members.get(userId);
      if (member) member.sockets++;
      else {
        members.set(userId, { info: userInfo, sockets: 1 });
        // Everyone else learns of a new member; the member learns of everyone from the reply below.
        const added = frame(
          "pusher_internal:member_added",
          { user_id: userId, user_info: userInfo },
          channel,
        );
        for (const c of subscribers) if (c !== conn) c.ws.send(added);
      }
    }
    conn.ws.send(frame("pusher_internal:subscription_succeeded", this.succeeded(channel), channel));
  }

  private succeeded(channel: string) {
    const members = this.members.get(channel);
    if (kindOf(channel) !== "presence" || !members) return {};
    const hash = Object.fromEntries([...members].map(([id, m]) => [id, m.info ?? null]));
    return { presence: { ids: Object.keys(hash), hash, count: members.size } };
  }

  private unsubscribe(conn: TConnection, channel: string) {
    if (!conn.channels.has(channel)) return;
    const userId = conn.channels.get(channel);
    conn.channels.delete(channel);
    const subscribers = this.channels.get(channel);
    subscribers?.delete(conn);
    if (subscribers?.size === 0) this.channels.delete(channel);
    if (userId === undefined) return;
    const members = this.members.get(channel);
    const member = members?.get(userId);
    if (!members || !member) return;
    if (--member.sockets > 0) return;
    members.delete(userId);
    if (members.size === 0) this.members.delete(channel);
    const removed = frame("pusher_internal:member_removed", { user_id: userId }, channel);
    for (const c of subscribers ?? []) c.ws.send(removed);
  }

  private clientEvent(
    conn: TConnection,
    event: string,
    channel: unknown,
    data: unknown,
    raw: string,
  ) {
    if (typeof channel !== "string" || kindOf(channel) === "public") {
      return void conn.ws.send(
        errorFrame(
          `Client events are allowed on private and presence channels only, not "${String(channel)}"`,
        ),
      );
    }
    if (!conn.channels.has(channel))
      return void conn.ws.send(
        errorFrame(`Subscribe to ${channel} before sending client events on it`),
      );
    if (Buffer.byteLength(raw) > MAX_MESSAGE_BYTES)
      return void conn.ws.send(errorFrame(`Client event over ${MAX_MESSAGE_BYTES} bytes`, 4301));
    const userId = conn.channels.get(channel);
    const message = JSON.stringify({
      event,
      channel,
      data: typeof data === "string" ? data : JSON.stringify(data ?? null),
      ...(userId !== undefined ? { user_id: userId } : {}),
    });
    for (const c of this.channels.get(channel) ?? []) if (c !== conn) c.ws.send(message);
  }

  private drop(conn: TConnection) {
    clearTimeout(conn.idle);
    clearTimeout(conn.pong);
    for (const channel of [...conn.channels.keys()]) this.unsubscribe(conn, channel);
    this.connections.delete(conn.socketId);
  }
}
