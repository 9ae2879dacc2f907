// The HTTP half of the Pusher protocol: what the `pusher` SDK calls to publish and to ask about
// channels. Every request is signed (see signatures.ts); refusals say exactly what was wrong.
import type { IncomingMessage, ServerResponse } from "node:http";

import type { AppHub } from "./protocol";
import { MAX_MESSAGE_BYTES } from "./protocol";
import { requestRefusal } from "./signatures";

/** A batch carries at most 10 events; a request body at most this much. */
export const MAX_BATCH = 10;
const MAX_BODY_BYTES = 256 * 1024;
const MAX_CHANNELS_PER_EVENT = 100;
const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]{1,200}$/;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json",
  });
  res.end(text);
}

function ok(res: ServerResponse, body: unknown) {
  send(res, 200, body);
  return true;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, `Request body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      parts.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

type TEventInput = {
  name: unknown;
  data: unknown;
  channels?: unknown;
  channel?: unknown;
  socket_id?: unknown;
};

/** Checks one event the way Pusher does and returns what to deliver. */
function checkEvent(e: TEventInput, where: string) {
  if (typeof e !== "object" || e === null)
    throw new HttpError(400, `${where}: each event must be an object`);
  if (typeof e.name !== "string" || e.name.length === 0 || e.name.length > 200)
    throw new HttpError(400, `${where}: "name" must be a string of 1–200 characters`);
  const channels = Array.isArray(e.channels)
    ? e.channels
    : typeof e.channel === "string"
      ? [e.channel]
      : null;
  if (!channels || channels.length === 0)
    throw new HttpError(400, `${where}: give "channels" (a list) or "channel"`);
  if (channels.length > MAX_CHANNELS_PER_EVENT)
    throw new HttpError(400, `${where}: at most ${MAX_CHANNELS_PER_EVENT} channels per event`);
  for (const c of channels)
    if (typeof c !== "string" || !CHANNEL_NAME.test(c))
      throw new HttpError(400, `${where}: invalid channel name "${String(c)}"`);
  // The SDK sends data as a JSON string; anything else is passed on serialised.
  const data = typeof e.data === "string" ? e.data : JSON.stringify(e.data ?? null);
  const bytes = Buffer.byteLength(data);
  if (bytes > MAX_MESSAGE_BYTES)
    throw new HttpError(
      413,
      `${where}: event data is ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES}`,
    );
  if (
    e.socket_id !== undefined &&
    (typeof e.socket_id !== "string" || !/^\d+\.\d+$/.test(e.socket_id))
  )
    throw new HttpError(400, `${where}: invalid socket_id`);
  return {
    name: e.name,
    data,
    channels: channels as string[],
    except: e.socket_id as string | undefined,
  };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new HttpError(400, "The request body is not valid JSON");
  }
}

/** Handles `/apps/{id}/…`; false when the path is not part of the HTTP API. */
export async function handleHttpApi(
  req: IncomingMessage,
  res: ServerResponse,
  hubs: Map<string, AppHub>,
): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://embedded");
  const m = /^\/apps\/([^/]+)(\/.*)$/.exec(url.pathname);
  if (!m) return false;
  const hub = hubs.get(decodeURIComponent(m[1] as string));
  const rest = m[2] as string;
  try {
    if (!hub) throw new HttpError(404, `Unknown app id "${m[1]}"`);
    const body = req.method === "POST" ? await readBody(req) : "";
    const refusal = requestRefusal(hub.app, {
      method: req.method ?? "GET",
      path: url.pathname,
      params: url.searchParams,
      body,
    });
    if (refusal) throw new HttpError(401, refusal);

    if (req.method === "POST" && rest === "/events") {
      const e = checkEvent(parseJson(body) as TEventInput, "event");
      for (const channel of e.channels) hub.publish(channel, e.name, e.data, e.except);
      return ok(res, {});
    }
    if (req.method === "POST" && rest === "/batch_events") {
      const parsed = parseJson(body) as { batch?: unknown };
      if (!Array.isArray(parsed?.batch))
        throw new HttpError(400, `The body must be {"batch": [events]}`);
      if (parsed.batch.length > MAX_BATCH)
        throw new HttpError(
          400,
          `A batch holds at most ${MAX_BATCH} events; got ${parsed.batch.length}`,
        );
      // All checked before any is sent: a batch is delivered whole or not at all.
      const events = parsed.batch.map((e, i) => checkEvent(e as TEventInput, `batch[${i}]`));
      for (const e of events)
        for (const channel of e.channels) hub.publish(channel, e.name, e.data, e.except);
      return ok(res, { batch: events.map(() => ({})) });
    }
    if (req.method === "GET" && rest === "/channels") {
      const prefix = url.searchParams.get("filter_by_prefix") ?? "";
      const info = (url.searchParams.get("info") ?? "").split(",");
      const channels: Record<string, { user_count?: number; subscription_count?: number }> = {};
      for (const name of hub.channelNames()) {
        if (!name.startsWith(prefix)) continue;
        channels[name] = {
          ...(info.includes("user_count") && name.startsWith("presence-")
            ? { user_count: hub.presenceUsers(name).length }
            : {}),
          ...(info.includes("subscription_count")
            ? { subscription_count: hub.subscriptionCount(name) }
            : {}),
        };
      }
      return ok(res, { channels });
    }
    const one = /^\/channels\/([^/]+)(\/users)?$/.exec(rest);
    if (req.method === "GET" && one) {
      const name = decodeURIComponent(one[1] as string);
      if (one[2]) {
        if (!name.startsWith("presence-"))
          throw new HttpError(400, "Only presence channels have users");
        return ok(res, { users: hub.presenceUsers(name).map((id) => ({ id })) });
      }
      const info = (url.searchParams.get("info") ?? "").split(",");
      const count = hub.subscriptionCount(name);
      return ok(res, {
        occupied: count > 0,
        ...(info.includes("subscription_count") ? { subscription_count: count } : {}),
        ...(info.includes("user_count") && name.startsWith("presence-")
          ? { user_count: hub.presenceUsers(name).length }
          : {}),
      });
    }
    throw new HttpError(404, `No such endpoint: ${req.method} ${url.pathname}`);
  } catch (error) {
    if (error instanceof HttpError) send(res, error.status, error.message);
    else
      send(
        res,
        500,
        `Embedded realtime server error: ${error instanceof Error ? error.message : String(error)}`,
      );
    return true;
  }
}
